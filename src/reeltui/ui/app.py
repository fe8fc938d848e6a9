"""The reeltui Textual app (thin: screens and widgets do the work)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList

from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import Blog


class ReelApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reeltui"
    BINDINGS: ClassVar = [("q", "quit", "Quit")]

    def __init__(self, blog: Blog, initial_screen: Callable[[], Screen[Any]] | None = None) -> None:
        super().__init__()
        self.blog = blog
        self.initial_screen = initial_screen
        self.sub_title = str(blog.path) + (" (read-only)" if blog.read_only else "")

    def compose(self) -> ComposeResult:
        yield Header()
        rows = self.blog.rows()
        yield OptionList(
            *[
                f"{sanitize_line(r.post.title)}  {format_reels(r.post.rating)}".strip()
                for r in rows
            ],
            id="post-list",
        )
        yield Footer()

    def on_mount(self) -> None:
        if self.initial_screen is not None:
            self.push_screen(self.initial_screen())


def make_app(
    blog: Blog,
    *,
    settings: object = None,
    initial_screen: Callable[[], Screen[Any]] | None = None,
) -> ReelApp:
    """The app on an open blog; shared by the CLI and the tests.

    `initial_screen` (e.g. the editor for `reeltui new`) is pushed when the app starts.
    """
    return ReelApp(blog, initial_screen)
