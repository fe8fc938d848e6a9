"""The `reeltui` command line: argument parsing and clear errors, never a traceback.

Kept light to import: `reeltui --version` and `--help` load the parser and nothing else
(each command imports what it needs when it runs; a test lists the modules they load).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reeltui import __version__
from reeltui.cli import argv as argv_words
from reeltui.cli import commands
from reeltui.cli.common import one_line
from reeltui.errors import ReelError


class _Parser(argparse.ArgumentParser):
    """Bad arguments get one line (argparse printed its usage lines first), naming where
    the whole usage is: `reeltui posts: error: ... (see 'reeltui posts --help')`."""

    command = ""  # the command the words named (`main`): the top parser's errors about
    # them (an unknown option after the command) point at that command's help

    def error(self, message: str) -> None:  # type: ignore[override]
        prog = f"{self.prog} {self.command}" if self.command else self.prog
        sys.stderr.write(f"{prog}: error: {one_line(message)} (see '{prog} --help')\n")
        raise SystemExit(2)


def add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """--store, --read-only and --log: before the command, or after it (`reeltui posts
    --store X`). After it they default to "not given", so they never undo the ones before."""
    group: argparse._ActionsContainer = parser
    if after_command:
        group = parser.add_argument_group("global options (also before the command)")
    group.add_argument(
        "--store",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS if after_command else None,
        help="store folder (default: $REELTUI_STORE or the user data folder, made with the "
        "demo blog on first use); a store you name is created only by the app, new, import "
        "or sync",
    )
    group.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS if after_command else False,
        help="open the store without changing it",
    )
    group.add_argument(
        "--log",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS if after_command else None,
        help="append a debug log to FILE (for bug reports; never holds passwords)",
    )


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command, or, given the words `argv` naming a known
    command, that command's module alone (what a run needs; `commands.register`)."""
    parser = _Parser(
        prog="reeltui",
        description="A terminal reader and editor for a film-review blog. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"reeltui {__version__}")
    add_global_options(parser, after_command=False)
    command = None if argv is None else argv_words.command_word(parser, list(argv))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.register(sub, command)
    for subparser in {id(p): p for p in sub.choices.values()}.values():
        add_global_options(subparser, after_command=True)
    parser.set_defaults(func=commands.run_tui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from reeltui import debuglog
    from reeltui.locations import default_store, store_named_by_user

    given = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(given)
    if isinstance(parser, _Parser):
        word = argv_words.command_word(parser, given)
        parser.command = word if word in commands.COMMANDS else ""
    try:
        args = parser.parse_args(argv_words.prepare(parser, given))
    except SystemExit as exc:  # --help, --version (0) or a usage error (2): already printed
        return exc.code if isinstance(exc.code, int) else 0
    args.store_source = (
        "--store" if args.store is not None else "$REELTUI_STORE" if store_named_by_user() else ""
    )
    args.store_named = bool(args.store_source)  # named by the user: never created by a reading
    args.store = (args.store or default_store()).expanduser()
    try:
        log = debuglog.start(args.log, given)
    except ValueError as exc:  # the log file cannot be written
        sys.stderr.write(f"reeltui: {exc}\n")
        return 2
    said = ""  # the error the command ended with
    try:
        code = int(args.func(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("reeltui: interrupted\n")
        code = 130
    except BrokenPipeError:
        code = 0
    except ReelError as exc:  # every error meant for the user: one line, exit 2
        if log is not None:
            log.info("failed: %s", exc, exc_info=exc)
        said = str(exc)
        sys.stderr.write(f"reeltui: {one_line(str(exc))}\n")
        if exc.hint:
            sys.stderr.write(f"reeltui: hint: {one_line(exc.hint)}\n")
        code = 2
    except Exception as exc:  # the last resort: a bug, reported with where its traceback is
        from reeltui import crash

        sys.stderr.write(
            f"reeltui: {one_line(crash.sentence(exc, crash.report(exc, 'a command')))}\n"
        )
        code = 70  # EX_SOFTWARE
    finally:
        debuglog.stop()
        common = sys.modules.get("reeltui.cli.common")  # not loaded: no store was opened
        if common is not None:
            common.warn_damage(said)
    return code
