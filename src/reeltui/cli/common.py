"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from reeltui.domain.sanitize import sanitize_line
from reeltui.services import Blog
from reeltui.services.session import LOCK_WAIT, open_blog


class CliError(ValueError):
    """Bad input found by a command; printed as one line, exit status 2. (Any ValueError
    escaping a command is printed the same way.)"""


_OPENED: list[Blog] = []  # the stores a command opened: their damage is said at the end


def blog_for_reading(args: argparse.Namespace) -> Blog:
    """Read-only view of the store (works while the app has it open)."""
    blog = open_blog(args.store, read_only=True)
    _OPENED.append(blog)
    return blog


def blog_for_writing(args: argparse.Namespace) -> Blog:
    """The store for a command that changes it; waits a few seconds for another command
    writing to it (the app holds its lock for as long as it runs: that is refused)."""
    blog = open_blog(args.store, read_only=args.read_only, wait=LOCK_WAIT)
    _OPENED.append(blog)
    return blog


def warn_damage() -> None:
    """One line when the command went past damaged records (never a traceback for them)."""
    found = [line for blog in _OPENED for line in blog.damage()]
    _OPENED.clear()
    if found:
        sys.stderr.write(
            f"reeltui: warning: {len(found)} damaged record(s) skipped, the first: "
            f"{sanitize_line(found[0])[:300]}; `reeltui check` lists them\n"
        )


def print_json(value: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()
