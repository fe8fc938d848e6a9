"""The `reeltui` command line: argument parsing and clear errors, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reeltui import __version__
from reeltui.cli import commands
from reeltui.formats import FormatError
from reeltui.locations import default_store
from reeltui.store import StoreError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"reeltui: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reeltui",
        description="A terminal reader and editor for a film-review blog. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"reeltui {__version__}")
    parser.add_argument(
        "--store",
        type=Path,
        default=None,
        metavar="PATH",
        help="store folder (default: $REELTUI_STORE or the user data folder); "
        "a new store starts with the demo blog",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="open the store without changing it"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.register(sub)
    parser.set_defaults(func=commands.run_tui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a usage error (2): already printed
        return exc.code if isinstance(exc.code, int) else 0
    if args.store is None:
        args.store = default_store()
    try:
        return int(args.func(args) or 0)
    except (StoreError, FormatError, ValueError) as exc:  # CliError is a ValueError
        sys.stderr.write(f"reeltui: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("reeltui: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    finally:
        common = sys.modules.get("reeltui.cli.common")  # not imported: no store was opened
        if common is not None:
            common.warn_damage()
