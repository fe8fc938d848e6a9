"""Running the Textual app."""

from __future__ import annotations

import argparse
from typing import Any

from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.store.lock import StoreLock


def locked_message(blog: Blog) -> str:
    holder = StoreLock(blog.path).holder()
    who = f" (process {holder})" if holder else ""
    return (
        f"{blog.path} is open in another reeltui{who}: opened read-only, "
        "nothing can be saved here"
    )


def register(sub: Any) -> None:
    return None


def run_tui(args: argparse.Namespace) -> int:
    from reeltui.ui.app import make_app  # imported late: the CLI commands stay light

    blog = open_blog(args.store, read_only=args.read_only, fallback_read_only=True)
    try:
        app = make_app(blog)
        if blog.read_only and not args.read_only:  # another reeltui holds the store
            app.call_later(app.notify, locked_message(blog), severity="warning", timeout=15)
        app.run()
    finally:
        blog.close()
    return app.return_code or 0
