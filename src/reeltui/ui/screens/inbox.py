"""The needs-reply inbox (and, with p, the comments waiting for moderation), across all posts.

Enter dismisses the screen with an InboxChoice (post id, comment id) so the main screen can
open that post and put the cursor on the comment in its thread. r / > reply (or quote-reply)
right here; a / u / s / t / R moderate the highlighted comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reeltui.domain.sanitize import sanitize, sanitize_line, shown_text
from reeltui.services import Blog, inbox, moderation
from reeltui.ui.replying import ReplyActions
from reeltui.ui.screens.table_screen import TableScreen
from reeltui.ui.widgets.reply_badges import fit_columns, one_line, status_badge

COLUMNS = [("date", 10), ("author", 18), ("post", 26), ("comment", 0), ("status", 9)]


@dataclass(frozen=True, slots=True)
class InboxChoice:
    post_id: str
    comment_id: str


class InboxScreen(TableScreen[inbox.InboxItem, InboxChoice | None]):
    PREFIX = "inbox"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="inbox.close"),
        Binding("enter", "jump", "Go to comment", id="inbox.jump", priority=True),
        Binding("r", "reply", "Reply", id="inbox.reply"),
        Binding("greater_than_sign", "quote_reply", "Quote", key_display=">", id="inbox.quote"),
        Binding("p", "toggle_pending", "Pending/needs reply", id="inbox.toggle_pending"),
        Binding("a", "moderate('approve')", "Approve", id="inbox.approve"),
        Binding("u", "moderate('unapprove')", "Unapprove", id="inbox.unapprove", show=False),
        Binding("s", "moderate('spam')", "Spam", id="inbox.spam"),
        Binding("t", "moderate('trash')", "Trash", id="inbox.trash"),
        Binding("R", "moderate('restore')", "Restore", id="inbox.restore", show=False),
    ]

    def __init__(
        self, blog: Blog, extra_authors: Iterable[str] = (), *, pending: bool = False
    ) -> None:
        super().__init__()
        self.blog = blog
        self.extra_authors = tuple(extra_authors)
        self.pending = pending
        self._loaded = False

    @property
    def actions(self) -> ReplyActions:
        return ReplyActions(self, self.blog, self._changed)

    def on_mount(self) -> None:
        self.refresh_items()
        self.table.focus()

    # -- showing -------------------------------------------------------------------------

    def _load(self) -> list[inbox.InboxItem]:
        if self.pending:
            return inbox.pending_items(self.blog)
        return inbox.needs_reply(self.blog, self.extra_authors)

    def refresh_items(self, keep: str | None = None, *, reload: bool = True) -> None:
        """Fill the table (from the store again unless `reload` is False and it was read)."""
        table = self.table
        index = table.cursor_row
        current = keep or (self.current.comment.id if self.current else None)
        if reload or not self._loaded:
            self.items, self._loaded = self._load(), True
        fit_columns(table, COLUMNS, self.size.width or self.app.size.width)
        width = {str(key.value): col.width for key, col in table.columns.items()}
        for item in self.items:
            c = item.comment
            table.add_row(
                one_line(c.date[:10]),
                one_line(c.author, width["author"]),
                one_line(item.post.title, width["post"]),
                one_line(c.body, width["comment"]),
                status_badge(c),
                key=c.id,
            )
        ids = [i.comment.id for i in self.items]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        elif ids:
            table.move_cursor(row=min(index, len(ids) - 1))
        self._title()
        self.show_detail()

    def _title(self) -> None:
        pending = moderation.pending_count(self.blog)
        if self.pending:
            title = f"Waiting for moderation — {pending} comment(s), oldest first"
        else:
            title = f"Needs a reply — {len(self.items)} comment(s), oldest first"
            if pending:
                title += f" · {pending} pending moderation (p)"
        self.set_title(title)

    def show_detail(self) -> None:
        item = self.current
        if item is None:
            self.set_detail(
                "Nothing is waiting for moderation." if self.pending else "All answered."
            )
            return
        c = item.comment
        out = Text()
        out.append(f"{sanitize_line(c.author)} · {sanitize_line(c.date[:16])}", "bold")
        out.append(f"  on {sanitize_line(item.post.title)}\n", "dim")
        out.append(sanitize(shown_text(c.body)).strip())
        if item.parent is not None:
            out.append(f"\n\nIn reply to {sanitize_line(item.parent.author)}:\n", "bold")
            out.append(sanitize(shown_text(item.parent.body)).strip(), "dim")
        self.set_detail(out)

    def on_resize(self) -> None:
        self.refresh_items(reload=False)  # new column widths; the items are the same

    def _changed(self, comment_id: str | None) -> None:
        self.refresh_items()

    # -- actions -------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_jump(self) -> None:
        item = self.current
        if item is not None:
            self.dismiss(InboxChoice(item.post.id, item.comment.id))

    def action_reply(self) -> None:
        if self.current is not None:
            self.actions.reply(self.current.comment.id)

    def action_quote_reply(self) -> None:
        if self.current is not None:
            self.actions.quote_reply(self.current.comment.id)

    def action_toggle_pending(self) -> None:
        self.pending = not self.pending
        self.refresh_items()

    def action_moderate(self, action: str) -> None:
        if self.current is not None:
            self.actions.moderate(self.current.comment.id, action)
