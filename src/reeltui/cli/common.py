"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from reeltui.cli.printing import safe_json
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import Blog
from reeltui.services.session import open_blog


class CliError(ValueError):
    """Bad input found by a command; printed as one line, exit status 2. (Any ValueError
    escaping a command is printed the same way.)"""


def blog_for_reading(args: argparse.Namespace) -> Blog:
    """Read-only view of the store (works while the app has it open)."""
    return open_blog(args.store, read_only=True)


def blog_for_writing(args: argparse.Namespace) -> Blog:
    return open_blog(args.store, read_only=args.read_only)


def print_json(value: Any) -> None:
    """`value` as indented JSON, its texts stripped of terminal controls (`safe_json`)."""
    sys.stdout.buffer.write(orjson.dumps(safe_json(value), option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def one_line(text: str) -> str:
    """`text` safe to print as one line: newlines in it (a file name may hold one) shown as
    \\n, escape sequences and control characters removed."""
    return sanitize_line(text.replace("\r", "\\r").replace("\n", "\\n"))
