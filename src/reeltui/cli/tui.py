"""Running the Textual app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from reeltui.cli.common import CliError, prepare_store

if TYPE_CHECKING:
    from reeltui.services import Blog
    from reeltui.ui.app import ReelApp
    from reeltui.ui.saving import Unsaved


def locked_message(blog: Blog) -> str:
    from reeltui.store.lock import StoreLock

    holder = StoreLock(blog.path).holder()
    who = f" (process {holder})" if holder else ""
    return (
        f"{blog.path} is open in another reeltui{who}: opened read-only, nothing can be saved here"
    )


def register(sub: Any) -> None:
    return None


def run_tui(args: argparse.Namespace) -> int:
    from reeltui.domain.memory import pause_gc

    started = pause_gc()  # no collector pass over the imports (the app's own pause follows)
    try:
        return _run_tui(args, started)
    finally:
        started()


def _run_tui(args: argparse.Namespace, started: Callable[[], None]) -> int:
    from reeltui.ui.app import make_app  # imported late: the CLI commands stay light
    from reeltui.ui.screens.recover import recovery_screen

    need_terminal()
    blog, notice = open_for_app(args)
    try:
        app = make_app(blog, initial_screen=recovery_screen(blog))  # drafts left by a crash
        started()  # (the app holds its own pause until its first paint)
        if notice:
            app.call_later(app.notify, notice, severity="warning", timeout=15)
        return run_app(app)
    finally:
        blog.close()


def open_for_app(args: argparse.Namespace) -> tuple[Blog, str]:
    """The store the app works on (made first when missing, by the rules of
    `prepare_store`), and a notice to show when it could only be opened read-only."""
    from reeltui.services.session import open_blog
    from reeltui.store import StoreLocked, StoreWriteError

    prepare_store(args, create=True)
    notice = ""
    try:
        blog = open_blog(args.store, read_only=args.read_only, create=False)
    except StoreLocked:  # another reeltui writes to it: look without changing anything
        blog = open_blog(args.store, read_only=True)
        blog.locked_out = True  # (why nothing can be changed, as the app says it)
        notice = locked_message(blog)
    except StoreWriteError as exc:  # read-only folder or file system
        blog = open_blog(args.store, read_only=True)
        notice = f"{exc.args[0].split(';')[0]}: opened read-only, nothing can be saved here"
    return blog, notice


def need_terminal() -> None:
    """Refuse (one line, exit 2) to start the app without a terminal: it drew its screen
    into a file or pipe and waited for keys that never came, using a core meanwhile."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(
            "the app needs a terminal (its input or output is not one); for scripts use the "
            "commands: `reeltui --help` lists them"
        )


def run_app(app: ReelApp) -> int:
    """Run the app; then print what could not be saved while it was quitting (exit 1)."""
    need_terminal()  # (every command that opens the app: new, edit, recap, answers...)
    app.run()
    if tell_unsaved(app.saves.unreported, sys.stderr):
        return 1
    return app.return_code or 0


def tell_unsaved(unsaved: Sequence[Unsaved], out: TextIO) -> bool:
    """Print the writes that failed while the app was quitting, with the words they held
    (so they can be copied from the terminal). True if there were any."""
    for item in unsaved:
        print(f"reeltui: not saved: {item.error}", file=out)
        if item.words.strip():
            print("reeltui: the text was:", file=out)
            print(item.words, file=out)
    return bool(unsaved)
