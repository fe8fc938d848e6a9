"""The reeltui Textual app (thin: screens and widgets do the work)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList

from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import Blog
from reeltui.ui.screens.inbox import InboxChoice, InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen


class ReelApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reeltui"
    BINDINGS: ClassVar = [
        ("q", "quit", "Quit"),
        Binding("i", "inbox", "Needs reply", id="app.inbox"),
        Binding("o", "outbox", "Outbox", id="app.outbox"),
    ]

    def __init__(self, blog: Blog) -> None:
        super().__init__()
        self.blog = blog
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

    def action_inbox(self) -> None:
        self.push_screen(InboxScreen(self.blog), self.jump_to_comment)

    def action_outbox(self) -> None:
        self.push_screen(OutboxScreen(self.blog))

    def jump_to_comment(self, choice: InboxChoice | None) -> None:
        """Open the chosen comment in its thread (the thread pane wires this up)."""
        if choice is not None:
            self.notify(f"{choice.comment_id} on {choice.post_id}", markup=False)


def make_app(blog: Blog) -> ReelApp:
    """The app on an open blog; shared by the CLI and the tests."""
    return ReelApp(blog)
