"""Reply and moderation actions, ready for any screen showing comments (thread pane, inbox).

The thread pane binds its keys to these calls (see BINDINGS below for ids and suggested keys):
each pushes the composer / confirm screens as needed, calls the services and then calls
`on_change(comment_id)` so the caller can refresh its tree and keep the cursor on that comment.
Errors become a notification, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.binding import Binding
from textual.widget import Widget

from reeltui.domain.models import Comment
from reeltui.domain.sanitize import MAX_SHOWN, sanitize_line
from reeltui.services import Blog, moderation, replies
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.composer import ComposerResult, ComposerScreen
from reeltui.ui.widgets.confirm import ConfirmScreen

# Bindings for a widget that has a `reply_actions` attribute and a highlighted comment: each
# action name is `<verb>` and takes no argument; the widget implements `action_<verb>` by calling
# the matching method with its current comment id. Ids let a keymap remap them.
BINDINGS = [
    Binding("r", "reply", "Reply", id="thread.reply"),
    Binding("greater_than_sign", "quote_reply", "Quote", key_display=">", id="thread.quote"),
    Binding("e", "edit_reply", "Edit reply", show=False, id="thread.edit_reply"),
    Binding("d", "delete_reply", "Delete reply", show=False, id="thread.delete_reply"),
    Binding("a", "moderate('approve')", "Approve", show=False, id="thread.approve"),
    Binding("u", "moderate('unapprove')", "Unapprove", show=False, id="thread.unapprove"),
    Binding("s", "moderate('spam')", "Spam", show=False, id="thread.spam"),
    Binding("t", "moderate('trash')", "Trash", show=False, id="thread.trash"),
    Binding("R", "moderate('restore')", "Restore", show=False, id="thread.restore"),
]

Changed = Callable[[str | None], None]

MESSAGES = {
    "sent": "Reply queued in the outbox (not yet sent).",
    "draft": "Reply kept as a draft on this comment.",
    "saved": "Reply updated in the outbox.",
}


class ReplyActions:
    """Reply, quote-reply, edit, delete and moderate, on behalf of a screen showing comments."""

    def __init__(self, owner: Widget, blog: Blog, on_change: Changed | None = None) -> None:
        self.owner = owner  # the screen showing the comments
        self.app: App[object] = owner.app
        self.blog = blog
        self.on_change = on_change

    def _changed(self, comment_id: str | None) -> None:
        # A background save may end after the screen was closed: nothing to redraw then.
        if self.on_change is not None and self.owner.is_attached:
            self.on_change(comment_id)

    def _error(self, exc: Exception, title: str) -> None:
        self.app.notify(str(exc), title=title, severity="error", markup=False)

    def _writable(self) -> bool:
        if self.blog.read_only:
            self.app.notify(
                "This store is open read-only (another reeltui has it); nothing can be changed.",
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return False
        return True

    def _composed(self, result: ComposerResult | None) -> None:
        if result is None:
            return
        self.app.notify(MESSAGES.get(result.action, "Done."), markup=False)
        self._changed(result.comment_id)

    def reply(self, comment_id: str, *, quote: bool = False) -> None:
        """Open the composer under `comment_id` (its kept draft, if any)."""
        if not self._writable():
            return
        try:
            screen = ComposerScreen.for_reply(self.blog, comment_id, quote=quote)
        except replies.ACTION_ERRORS as exc:
            self._error(exc, "Cannot reply")
            return
        self.app.push_screen(screen, self._composed)

    def quote_reply(self, comment_id: str) -> None:
        self.reply(comment_id, quote=True)

    def edit(self, comment_id: str) -> None:
        """Edit an own reply not yet sent (a kept draft or one in the outbox)."""
        if not self._writable():
            return
        try:
            screen = ComposerScreen.for_edit(self.blog, comment_id)
        except replies.ACTION_ERRORS as exc:
            self._error(exc, "Cannot edit")
            return
        self.app.push_screen(screen, self._composed)

    def delete(self, comment_id: str) -> None:
        """Delete an own reply not yet sent, after a confirmation."""
        if not self._writable():
            return
        try:
            comment = self.blog.comment(comment_id)
        except replies.ACTION_ERRORS as exc:
            self._error(exc, "Cannot delete")
            return
        if not replies.can_edit(comment):
            self._error(
                replies.ReplyError(
                    "only your own replies not yet sent can be deleted"
                    if comment.origin == "local"
                    else "this is a reader's comment: use trash or spam instead"
                ),
                "Cannot delete",
            )
            return
        parent_id = comment.parent_id

        def deleted(_: None) -> None:
            self.app.notify("Reply deleted.", markup=False)
            self._changed(parent_id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                save_queue(self.app).save(
                    self.blog,
                    lambda: replies.delete(self.blog, comment_id),
                    deleted,
                    self._failed("Not deleted", parent_id),
                )
            except replies.ACTION_ERRORS as exc:
                self._error(exc, "Not deleted")
                return
            self._changed(parent_id)  # shown gone at once; "deleted" once it is on disk

        words = sanitize_line(comment.body[:MAX_SHOWN])[:60]
        self.app.push_screen(
            ConfirmScreen(f"Delete your reply “{words}”? This cannot be undone."), answered
        )

    def moderate(self, comment_id: str, action: str) -> None:
        """Approve, unapprove, spam, trash or restore a reader's comment (queued for sync)."""
        if not self._writable():
            return

        def saved(comment: Comment) -> None:
            self.app.notify(
                f"Comment by {sanitize_line(comment.author)} is now {comment.status}.",
                markup=False,
            )

        try:
            save_queue(self.app).save(
                self.blog,
                lambda: moderation.moderate(self.blog, comment_id, action),
                saved,
                self._failed("Not changed", comment_id),
            )
        except replies.ACTION_ERRORS as exc:
            self._error(exc, "Not changed")
            return
        self._changed(comment_id)  # shown at once; confirmed once it is on disk

    def _failed(self, title: str, comment_id: str | None) -> Callable[[Exception], None]:
        """A background write failed: say so, and show what is on disk again."""

        def failed(exc: Exception) -> None:
            self._error(exc, title)
            self._changed(comment_id)

        return failed


class CommentKeysMixin:
    """Mix into the thread widget to get r, >, e, d and the moderation keys.

    The widget sets `self.reply_actions` (a ReplyActions) and implements
    `highlighted_comment_id()`; add `*replying.BINDINGS` to its BINDINGS.
    """

    reply_actions: ReplyActions

    def highlighted_comment_id(self) -> str | None:
        raise NotImplementedError

    def action_reply(self) -> None:
        if (cid := self.highlighted_comment_id()) is not None:
            self.reply_actions.reply(cid)

    def action_quote_reply(self) -> None:
        if (cid := self.highlighted_comment_id()) is not None:
            self.reply_actions.quote_reply(cid)

    def action_edit_reply(self) -> None:
        if (cid := self.highlighted_comment_id()) is not None:
            self.reply_actions.edit(cid)

    def action_delete_reply(self) -> None:
        if (cid := self.highlighted_comment_id()) is not None:
            self.reply_actions.delete(cid)

    def action_moderate(self, action: str) -> None:
        if (cid := self.highlighted_comment_id()) is not None:
            self.reply_actions.moderate(cid, action)
