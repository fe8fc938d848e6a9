"""Running the Textual app."""

from __future__ import annotations

import argparse
from typing import Any

from reeltui.services.session import open_blog


def register(sub: Any) -> None:
    return None


def run_tui(args: argparse.Namespace) -> int:
    from reeltui.ui.app import make_app  # imported late: the CLI commands stay light
    from reeltui.ui.screens.recover import recovery_screen

    blog = open_blog(args.store, read_only=args.read_only, fallback_read_only=True)
    try:
        app = make_app(blog, initial_screen=recovery_screen(blog))  # drafts left by a crash
        app.run()
    finally:
        blog.close()
    return app.return_code or 0
