"""The outbox view: queued, sent and failed replies and moderation actions, in sending order.

e edits a reply, d deletes a reply or cancels a moderation action (after a confirmation),
K / J (or ctrl+up / ctrl+down) move the highlighted item up or down, f retries a failed reply.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reeltui.domain.sanitize import sanitize, sanitize_line, shown_text
from reeltui.services import Blog, moderation, outbox, replies
from reeltui.ui.replying import ReplyActions
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.table_screen import TableScreen
from reeltui.ui.widgets.confirm import ConfirmScreen
from reeltui.ui.widgets.reply_badges import fit_columns, one_line

COLUMNS = [("#", 3), ("what", 9), ("state", 6), ("post", 28), ("to", 18), ("text", 0)]
STATE_STYLE = {"queued": "cyan", "sent": "green", "failed": "bold red"}


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

    @property
    def actions(self) -> ReplyActions:
        return ReplyActions(self, self.blog, self._changed)

    def on_mount(self) -> None:
        try:
            outbox.repair(self.blog)  # after a crash between the comments and outbox writes
        except replies.ACTION_ERRORS as exc:
            self.notify(str(exc), title="Outbox not repaired", severity="error", markup=False)
        self.refresh_rows()
        self.table.focus()

    # -- showing -------------------------------------------------------------------------

    def refresh_rows(self, select: str | None = None, *, reload: bool = True) -> None:
        """Reload from the store (unless `reload` is False and it was read); keep the cursor
        on entry `select` (or where it was). Nothing to do once the screen is closed."""
        if not self.is_attached:
            return  # a background save ended after the outbox was closed
        table = self.table
        current = select or (self.current.entry.id if self.current else None)
        if reload or not self._loaded:
            self.items, self._loaded = outbox.rows(self.blog), True
        fit_columns(table, COLUMNS, self.size.width or self.app.size.width)
        width = {str(key.value): col.width for key, col in table.columns.items()}
        for row in self.items:
            table.add_row(*self._cells(row, width), key=row.entry.id)
        ids = [r.entry.id for r in self.items]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        counts = {s: sum(1 for r in self.items if r.entry.state == s) for s in outbox.STATES}
        title = "Outbox — " + " · ".join(f"{n} {s}" for s, n in counts.items())
        if not self.items:
            title = "Outbox — empty: replies you send with Ctrl+S wait here until the next sync"
        self.set_title(title)
        self.show_detail()

    def _cells(self, row: outbox.Row, width: dict[str, int]) -> list[Text | str]:
        entry = row.entry
        what = "reply" if entry.kind == "reply" else entry.action
        to = row.parent if entry.kind == "reply" else row.comment
        text = row.comment.body if row.comment and entry.kind == "reply" else ""
        return [
            str(entry.position),
            one_line(what, width["what"]),
            Text(sanitize_line(entry.state), STATE_STYLE.get(entry.state, "")),
            one_line(row.post.title if row.post else "(missing post)", width["post"]),
            one_line(to.author if to else "(missing)", width["to"]),
            one_line(text, width["text"]),
        ]

    def show_detail(self) -> None:
        row = self.current
        if row is None:
            self.set_detail("")
            return
        out = Text()
        if row.entry.error:
            out.append(f"Failed: {sanitize_line(row.entry.error)}\n", "bold red")
        if row.entry.kind == "reply" and row.comment is not None:
            to = sanitize_line(row.parent.author) if row.parent else "the post"
            out.append(f"Your reply to {to}:\n", "bold")
            out.append(sanitize(shown_text(row.comment.body)).strip() + "\n")
            if row.parent is not None:
                out.append("\nIn reply to:\n", "bold")
                out.append(sanitize(shown_text(row.parent.body)).strip(), "dim")
        elif row.comment is not None:
            out.append(f"{row.entry.action} the comment by ", "bold")
            out.append(sanitize_line(row.comment.author) + ":\n", "bold")
            out.append(sanitize(shown_text(row.comment.body)).strip(), "dim")
        self.set_detail(out)

    def on_resize(self) -> None:
        self.refresh_rows(reload=False)  # new column widths; the rows are the same

    def _changed(self, comment_id: str | None) -> None:
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
                self.refresh_rows()

            try:  # comments.json is rewritten: in the background (see ui.saving)
                save_queue(self.app).save(
                    self.blog,
                    lambda: moderation.cancel(self.blog, row.entry.id),
                    lambda _: None,
                    failed,
                )
            except replies.ACTION_ERRORS as exc:
                self.notify(str(exc), title="Not cancelled", severity="error", markup=False)
                return
            self.refresh_rows()

        question = f"Cancel “{row.entry.action}” of the comment by {author}?"
        self.app.push_screen(ConfirmScreen(question, yes="Cancel it", no="Keep"), answered)

    def action_move(self, offset: int) -> None:
        row = self.current
        if row is None:
            return
        if self.blog.read_only:
            self.notify("This store is open read-only.", severity="warning", markup=False)
            return
        try:
            outbox.move(self.blog, row.entry.id, offset)
        except replies.ACTION_ERRORS as exc:
            self.notify(str(exc), title="Not moved", severity="error", markup=False)
            return
        self.refresh_rows(select=row.entry.id)

    def action_retry(self) -> None:
        row = self.current
        if row is None or row.entry.state != "failed":
            self.notify("Only a failed item can be retried.", severity="warning", markup=False)
            return

        def failed(exc: Exception) -> None:
            self.notify(str(exc), title="Not queued", severity="error", markup=False)
            self.refresh_rows()

        try:  # a reply's comment is saved too (comments.json): in the background
            save_queue(self.app).save(
                self.blog,
                lambda: outbox.requeue(self.blog, row.entry.id),
                lambda _: self.notify("Queued again for the next sync.", markup=False),
                failed,
            )
        except replies.ACTION_ERRORS as exc:
            self.notify(str(exc), title="Not queued", severity="error", markup=False)
            return
        self.refresh_rows()
