"""The needs-reply inbox (and, with p, the comments waiting for moderation), across all posts.

Enter dismisses the screen with an InboxChoice (post id, comment id) so the main screen can
open that post and put the cursor on the comment in its thread. r / > reply (or quote-reply)
right here; a / u / s / t / R moderate the highlighted comment, or every comment marked
with x; z undoes the last moderation. The list follows the store (ui/changes.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget

from reeltui.domain.dates import display_date
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import Blog, inbox, moderation
from reeltui.services.events import Change
from reeltui.ui.changes import listen
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.table_screen import DetailScreen
from reeltui.ui.typeahead import ASKED
from reeltui.ui.widgets.comment_text import byline, comment_text
from reeltui.ui.widgets.lazy_table import LazyTable
from reeltui.ui.widgets.reply_badges import column_widths, draft_badge, one_line, status_badge

COLUMNS = [("✓", 1), ("date", 16), ("author", 18), ("post", 26), ("comment", 0), ("status", 9)]
MARK = Text("✓", "bold reverse")
NO_MARK = Text("")


@dataclass(frozen=True, slots=True)
class InboxChoice:
    post_id: str
    comment_id: str


class InboxScreen(DetailScreen[inbox.InboxItem, InboxChoice | None]):
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
        self._keep: str | None = None  # the comment the cursor stays on once read again
        self.marked: list[str] = []  # comment ids, in the order they were marked
        self.drafts: frozenset[str] = frozenset()  # comments with a kept reply draft
        self.widths: dict[str, int] = {}
        self.actions = CommentActions(self, blog)
        self.damage_said: set[str] = set()  # the damage a notice named (`damage_notice`)

    def make_table(self) -> Widget:
        return LazyTable(id="inbox-table")

    @property
    def table(self) -> LazyTable:
        return self.query_one("#inbox-table", LazyTable)

    def cursor_index(self) -> int:
        return self.table.cursor_row

    def on_mount(self) -> None:
        self.table.focus()
        self.refresh_items()
        listen(self, self._store_changed)

    # -- showing -------------------------------------------------------------------------

    def refresh_items(self, keep: str | None = None, *, reload: bool = True) -> None:
        """Read the comments again in a worker (a big archive's inbox takes seconds; the
        table shows what it had meanwhile), or, unless `reload`, show the items read."""
        self._keep = keep or self._keep or (self.current.comment.id if self.current else None)
        if reload or not self._loaded:
            if not self._loaded:  # (first, or the other list: nothing to act on meanwhile)
                self.items = []
                self._show(keep=self._keep)
            read = partial(inbox.view, self.blog, self.extra_authors, pending=self.pending)
            # ASKED: the keys typed after `i` or `p` act on the list read (ui/typeahead.py)
            self.run_worker(
                partial(self._read, read), name=ASKED, thread=True, exclusive=True, group="inbox"
            )
        else:
            self._show()

    def _read(self, read: partial[inbox.InboxView]) -> None:  # a thread worker
        from reeltui.ui.damage_notice import damage_line

        found = read()
        self.app.call_from_thread(self._got, found, read.keywords["pending"])
        if said := damage_line(self.blog, self.damage_said):  # its comments are not listed
            self.app.call_from_thread(
                self.notify, said, severity="warning", timeout=20, markup=False
            )

    def _got(self, found: inbox.InboxView, pending: bool) -> None:
        if pending != self.pending or not self.is_attached:
            return  # read for the other list (p was pressed meanwhile)
        self.items, self.drafts, self._loaded = found.items, found.drafts, True
        self._show()

    def _show(self, keep: str | None = None) -> None:
        """Show `items` (rows made when drawn), the cursor on `_keep` when listed (then on
        `keep` when read again)."""
        table = self.table
        self.widths = column_widths(COLUMNS, self.size.width or self.app.size.width, 14)
        index = {item.comment.id: n for n, item in enumerate(self.items)}
        self.marked = [m for m in self.marked if m in index]
        current, self._keep = self._keep, keep
        cursor = index.get(current, table.cursor_row) if current else table.cursor_row
        columns = [(label, self.widths[label]) for label, _ in COLUMNS]
        table.show(columns, len(self.items), self._cells, min(cursor, len(self.items) - 1))
        self._title()
        self.show_detail()

    def _cells(self, row: int) -> list[Text]:
        item = self.items[row]
        c = item.comment
        status = status_badge(c)
        if c.id in self.drafts:
            status = (status + " " + draft_badge(True)) if status.plain else draft_badge(True)
        return [
            MARK if c.id in self.marked else NO_MARK,
            one_line(display_date(c.date)),
            one_line(c.author, self.widths["author"]),
            one_line(item.post.title, self.widths["post"]),
            one_line(c.body, self.widths["comment"]),
            status,
        ]

    def _title(self) -> None:
        pending = moderation.pending_count(self.blog)
        if not self._loaded:
            what = "Waiting for moderation" if self.pending else "Needs a reply"
            title = f"{what} — reading the comments…"
        elif self.pending:
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
        if item is None and not self._loaded:
            self.set_detail("")
            return
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
        if self._loaded:
            self._show()  # new column widths; the items are the same

    def on_lazy_table_highlighted(self, event: LazyTable.Highlighted) -> None:
        self.show_detail()

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
        self._loaded = False
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
        self.table.refresh_row(self.table.cursor_row)
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
