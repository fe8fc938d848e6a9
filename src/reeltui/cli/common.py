"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from reeltui.cli.printing import safe_json
from reeltui.domain.sanitize import sanitize_line
from reeltui.errors import ReelError
from reeltui.services import Blog
from reeltui.services.session import open_blog, store_exists
from reeltui.store import Store


class CliError(ReelError, ValueError):
    """Bad input found by a command; printed as one line, exit status 2. (Any ValueError
    escaping a command is printed the same way.)"""


def blog_for_reading(args: argparse.Namespace) -> Blog:
    """Read-only view of the store (works while the app has it open)."""
    return open_blog(args.store, read_only=True)


def blog_for_writing(args: argparse.Namespace) -> Blog:
    return open_blog(args.store, read_only=args.read_only)


def blog_to_fill(args: argparse.Namespace, what: str) -> Blog:
    """The store that an import or a sync fills; a new one starts empty (no demo blog)."""
    if args.read_only:
        raise CliError(f"cannot {what} into a store opened with --read-only")
    path = args.store.expanduser()
    if not store_exists(path) and path.parent.is_dir():
        return Blog(Store.open(path))
    return open_blog(path)


def print_json(value: Any) -> None:
    """`value` as indented JSON, its texts stripped of terminal controls (`safe_json`)."""
    sys.stdout.buffer.write(orjson.dumps(safe_json(value), option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def one_line(text: str) -> str:
    """`text` safe to print as one line: newlines in it (a file name may hold one) shown as
    \\n, escape sequences and control characters removed."""
    return sanitize_line(text.replace("\r", "\\r").replace("\n", "\\n"))
