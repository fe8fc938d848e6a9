"""The outbox view: queued, sent and failed replies and moderation actions, in sending order.

e edits a reply, d deletes a reply or cancels a moderation action (after a confirmation),
K / J (or ctrl+up / ctrl+down) move the highlighted item up or down, f retries a failed reply.
Reply drafts kept on a comment (not in the sending order until sent) are listed below.
A reply shows the user's own words (a quote-reply's quoted lines left out of its line).
The list follows the store (ui/changes.py).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.vocab import OutboxRowState
from reeltui.errors import ReelError
from reeltui.services import Blog, moderation, outbox, replies
from reeltui.services.events import Change
from reeltui.ui.changes import listen
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.confirm import ConfirmScreen
from reeltui.ui.screens.table_screen import TableScreen
from reeltui.ui.widgets.comment_text import byline, comment_text
from reeltui.ui.widgets.reply_badges import fit_columns, one_line

COLUMNS = [("#", 3), ("what", 9), ("state", 6), ("post", 28), ("to", 18), ("text", 0)]
STATE_STYLE: dict[OutboxRowState, str] = {
    "queued": "cyan",
    "sent": "green",
    "failed": "bold red",
    "draft": "yellow",
}


def _no_post(row: outbox.Row) -> str:
    """The post column of a row whose post cannot be read: damaged, or gone."""
    return "damaged (reeltui check)" if row.damaged else "(missing post)"


class OutboxScreen(TableScreen[outbox.Row, None]):
    PREFIX = "outbox"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="outbox.close"),
        Binding("e", "edit", "Edit", id="outbox.edit"),
        Binding("d,delete", "delete", "Delete", id="outbox.delete"),
        Binding("K,ctrl+up", "move(-1)", "Move up", id="outbox.move_up"),
        Binding("J,ctrl+down", "move(1)", "Move down", id="outbox.move_down"),
        Binding("f", "retry", "Retry failed", id="outbox.retry"),
    ]

    def __init__(self, blog: Blog) -> None:
        super().__init__()
        self.blog = blog
        self._loaded = False
        self._unreadable = ""  # why the outbox could not be read (and what to do)
        self.actions = CommentActions(self, blog)
        self.damage_said: set[str] = set()  # the damage a notice named (`damage_notice`)

    def on_mount(self) -> None:
        try:
            outbox.repair(self.blog)  # after a crash between the comments and outbox writes
        except ReelError as exc:
            self.notify(str(exc), title="Outbox not repaired", severity="error", markup=False)
        self.refresh_rows()
        self.table.focus()
        listen(self, self._store_changed)

    # -- showing -------------------------------------------------------------------------

    def refresh_rows(self, select: str | None = None, *, reload: bool = True) -> None:
        """Reload from the store (unless `reload` is False and it was read); keep the cursor
        on entry `select` (or where it was). Nothing to do once the screen is closed."""
        if not self.is_attached:
            return  # a background save ended after the outbox was closed
        table = self.table
        current = select or (self._key(self.current) if self.current else None)
        if reload or not self._loaded:
            try:
                self.items = outbox.rows(self.blog) + outbox.draft_rows(self.blog)
                self._unreadable = ""
            except ReelError as exc:  # a damaged outbox file: said here, the app goes on
                self.items, self._unreadable = [], exc.describe()
            self._loaded = True
        fit_columns(table, COLUMNS, self.size.width or self.app.size.width)
        width = {str(key.value): col.width for key, col in table.columns.items()}
        for row in self.items:
            table.add_row(*self._cells(row, width), key=self._key(row))
        ids = [self._key(r) for r in self.items]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        states = (*outbox.STATES, "draft")
        counts = {s: sum(1 for r in self.items if r.entry.state == s) for s in states}
        title = "Outbox — " + " · ".join(
            count(n, "reply draft") if s == "draft" else f"{n} {s}" for s, n in counts.items()
        )
        if not self.items:
            title = "Outbox — empty: replies you send with Ctrl+S wait here until the next sync"
        if self._unreadable:
            title = "Outbox — cannot be read (nothing was changed)"
        self.set_title(title)
        self.show_detail()
        from reeltui.ui.damage_notice import damage_line

        if said := damage_line(self.blog, self.damage_said):  # their posts are not read
            self.notify(said, severity="warning", timeout=20, markup=False)

    @staticmethod
    def _key(row: outbox.Row) -> str:
        """The table's key of a row (a draft has no outbox entry: its comment's id)."""
        return row.entry.id or f"draft:{row.entry.comment_id}"

    def _cells(self, row: outbox.Row, width: dict[str, int]) -> list[Text | str]:
        entry = row.entry
        what = "reply" if entry.kind == "reply" else entry.action
        to = row.parent if entry.kind == "reply" else row.comment
        text = replies.own_words(row.comment.body) if row.comment and entry.kind == "reply" else ""
        return [
            str(entry.position or ""),
            one_line(what, width["what"]),
            Text(sanitize_line(entry.state), STATE_STYLE.get(entry.state, "")),
            one_line(row.post.title if row.post else _no_post(row), width["post"]),
            one_line(to.author if to else "(missing)", width["to"]),
            one_line(text, width["text"]),
        ]

    def show_detail(self) -> None:
        row = self.current
        if row is None:
            self.set_detail(Text(self._unreadable, "bold red"))
            return
        out = Text()
        if row.entry.error:
            out.append(f"Failed: {sanitize_line(row.entry.error)}\n", "bold red")
        if row.entry.kind == "reply" and row.comment is not None:
            to = sanitize_line(row.parent.author) if row.parent else "the post"
            draft = row.entry.state == "draft"
            kept = " (a kept draft: e to finish and send it)" if draft else ""
            out.append(f"Your reply to {to}{kept}:\n", "bold")
            out.append_text(comment_text(row.comment.body))
            if row.parent is not None:
                out.append(f"\n\nIn reply to {byline(row.parent)}:\n", "bold")
                out.append_text(comment_text(row.parent.body, style="dim"))
        elif row.comment is not None:
            out.append(f"{row.entry.action} the comment by {byline(row.comment)}:\n", "bold")
            out.append_text(comment_text(row.comment.body, style="dim"))
        self.set_detail(out)

    def on_resize(self) -> None:
        self.refresh_rows(reload=False)  # new column widths; the rows are the same

    def _store_changed(self, changes: list[Change]) -> None:
        if any(c.kind != "reads" for c in changes):
            self.refresh_rows()

    # -- actions -------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        row = self.current
        if row is None:
            return
        if row.entry.kind != "reply":
            self.notify(
                "A moderation action has no text; d cancels it.", severity="warning", markup=False
            )
            return
        self.actions.edit(row.entry.comment_id)

    def action_delete(self) -> None:
        row = self.current
        if row is None:
            return
        if row.entry.state == "sent":
            self.notify(
                "Already sent to the blog; it cannot be taken back.",
                severity="warning",
                markup=False,
            )
        elif row.entry.kind == "reply":
            self.actions.delete(row.entry.comment_id)
        else:
            self._cancel_moderation(row)

    def _cancel_moderation(self, row: outbox.Row) -> None:
        author = sanitize_line(row.comment.author) if row.comment else "?"

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def failed(exc: Exception) -> None:
                self.notify(str(exc), title="Not cancelled", severity="error", markup=False)

            save_queue(self.app).save(  # in the background (see ui.saving)
                self.blog,
                lambda: moderation.cancel(self.blog, row.entry.id),
                lambda _: None,
                failed,
            )

        question = f"Cancel “{row.entry.action}” of the comment by {author}?"
        self.app.push_screen(ConfirmScreen(question, yes="Cancel it", no="Keep"), answered)

    def action_move(self, offset: int) -> None:
        row = self.current
        if row is None:
            return
        if row.entry.state == "draft":
            self.notify(
                "A draft is not in the sending order yet: e opens it, Ctrl+S there sends it.",
                severity="warning",
                markup=False,
            )
            return
        if self.blog.read_only:
            self.notify("This store is open read-only.", severity="warning", markup=False)
            return
        try:
            outbox.move(self.blog, row.entry.id, offset)
        except ReelError as exc:
            self.notify(str(exc), title="Not moved", severity="error", markup=False)

    def action_retry(self) -> None:
        row = self.current
        if row is None or row.entry.state != "failed":
            self.notify("Only a failed item can be retried.", severity="warning", markup=False)
            return

        def failed(exc: Exception) -> None:
            self.notify(str(exc), title="Not queued", severity="error", markup=False)

        save_queue(self.app).save(  # a reply's comment is saved too: in the background
            self.blog,
            lambda: outbox.requeue(self.blog, row.entry.id),
            lambda _: self.notify("Queued again for the next sync.", markup=False),
            failed,
        )
