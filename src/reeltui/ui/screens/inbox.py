"""The needs-reply inbox (and, with p, the comments waiting for moderation), across all posts.

Enter dismisses the screen with an InboxChoice (post id, comment id) so the main screen can
open that post and put the cursor on the comment in its thread. r / > reply (or quote-reply)
right here; a / u / s / t / R moderate the highlighted comment, or every comment marked
with x; z undoes the last moderation. The list follows the store (ui/changes.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reeltui.domain.dates import display_date
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import Blog, inbox, moderation, replies
from reeltui.services.events import Change
from reeltui.ui.changes import listen
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.table_screen import TableScreen
from reeltui.ui.widgets.comment_text import byline, comment_text
from reeltui.ui.widgets.reply_badges import draft_badge, fit_columns, one_line, status_badge

COLUMNS = [("✓", 1), ("date", 16), ("author", 18), ("post", 26), ("comment", 0), ("status", 9)]
MARK = Text("✓", "bold reverse")


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
        Binding("x", "mark", "Mark", id="inbox.mark"),
        Binding("a", "moderate('approve')", "Approve", id="inbox.approve"),
        Binding("u", "moderate('unapprove')", "Unapprove", id="inbox.unapprove", show=False),
        Binding("s", "moderate('spam')", "Spam", id="inbox.spam"),
        Binding("t", "moderate('trash')", "Trash", id="inbox.trash"),
        Binding("R", "moderate('restore')", "Restore", id="inbox.restore", show=False),
        Binding("z", "undo", "Undo", id="inbox.undo"),
    ]

    def __init__(
        self, blog: Blog, extra_authors: Iterable[str] = (), *, pending: bool = False
    ) -> None:
        super().__init__()
        self.blog = blog
        self.extra_authors = tuple(extra_authors)
        self.pending = pending
        self._loaded = False
        self.marked: list[str] = []  # comment ids, in the order they were marked
        self.actions = CommentActions(self, blog)

    def on_mount(self) -> None:
        self.refresh_items()
        self.table.focus()
        listen(self, self._store_changed)

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
        ids = [i.comment.id for i in self.items]
        self.marked = [m for m in self.marked if m in ids]
        with_draft = replies.draft_parents(self.blog)
        for item in self.items:
            c = item.comment
            status = status_badge(c)
            if c.id in with_draft:
                status = (status + " " + draft_badge(True)) if status.plain else draft_badge(True)
            table.add_row(
                MARK if c.id in self.marked else "",
                one_line(display_date(c.date)),
                one_line(c.author, width["author"]),
                one_line(item.post.title, width["post"]),
                one_line(c.body, width["comment"]),
                status,
                key=c.id,
            )
        if current in ids:
            table.move_cursor(row=ids.index(current))
        elif ids:
            table.move_cursor(row=min(index, len(ids) - 1))
        self._title()
        self.show_detail()

    def _title(self) -> None:
        pending = moderation.pending_count(self.blog)
        if self.pending:
            title = f"Waiting for moderation — {count(pending, 'comment')}, oldest first"
        else:
            title = f"Needs a reply — {count(len(self.items), 'comment')}, oldest first"
            if pending:
                title += f" · {pending} pending moderation (p)"
        if self.marked:
            title += f" · {len(self.marked)} marked"
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
        out.append(byline(c), "bold")
        out.append(f"  on {sanitize_line(item.post.title)}\n", "dim")
        out.append_text(comment_text(c.body))
        if item.parent is not None:
            out.append(f"\n\nIn reply to {byline(item.parent)}:\n", "bold")
            out.append_text(comment_text(item.parent.body, style="dim"))
        self.set_detail(out)

    def on_resize(self) -> None:
        self.refresh_items(reload=False)  # new column widths; the items are the same

    def _store_changed(self, changes: list[Change]) -> None:
        if any(c.kind != "reads" for c in changes):
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

    def action_mark(self) -> None:
        """Mark (or unmark) the highlighted comment, then move down to the next one."""
        item = self.current
        if item is None:
            return
        cid = item.comment.id
        if cid in self.marked:
            self.marked.remove(cid)
        else:
            self.marked.append(cid)
        self.table.update_cell(cid, "✓", MARK if cid in self.marked else "")
        self.table.action_cursor_down()
        self._title()

    def action_moderate(self, action: str) -> None:
        """The marked comments (else the highlighted one) get `action`, all at once."""
        targets = list(self.marked) or ([self.current.comment.id] if self.current else [])
        self.marked.clear()
        self.actions.moderate(targets, action)
        self.refresh_items(reload=False)  # the marks go at once (the store change follows)

    def action_undo(self) -> None:
        self.actions.undo()
