"""Reply, edit, delete, moderate (one comment or several) and undo the last moderation, on
behalf of a screen showing comments (the main screen's thread pane, the inbox, the outbox).

Widgets never call this: the thread pane posts intent messages (`Thread.Reply`...) and its
screen hands them here. Each action pushes the composer or a confirmation as needed and saves
through the app's save queue; the views redraw when the services announce the change
(services/events.py). `on_done(comment_id)` tells the caller which comment the action ended
on (the new reply, the parent of a deleted one) to put its cursor there. Errors become a
notification, never a traceback.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.widget import Widget

from reeltui.domain.sanitize import MAX_SHOWN, sanitize_line
from reeltui.errors import ReelError
from reeltui.services import Blog, replies
from reeltui.services.session import read_only_reason
from reeltui.ui.saving import save_queue

if TYPE_CHECKING:  # the composer (a TextArea) is imported when first opened: a faster start
    from reeltui.services import moderation  # (imported when first used)
    from reeltui.ui.screens.composer import ComposerResult

Done = Callable[[str | None], object]

MESSAGES = {
    "sent": "Reply queued in the outbox (not yet sent).",
    "draft": "Reply kept as a draft on this comment.",
    "saved": "Reply updated in the outbox.",
}
PAST = {
    "approve": "approved",
    "unapprove": "unapproved",
    "spam": "marked as spam",
    "trash": "trashed",
    "restore": "restored",
}

# The last moderation of each app (for undo), kept as long as the app lives.
_LAST: weakref.WeakKeyDictionary[App[object], moderation.Batch] = weakref.WeakKeyDictionary()


def _comments(count: int) -> str:
    return f"{count} comment{'' if count == 1 else 's'}"


class CommentActions:
    def __init__(self, owner: Widget, blog: Blog, on_done: Done | None = None) -> None:
        self.owner = owner  # the screen showing the comments
        self.app: App[object] = owner.app
        self.blog = blog
        self.on_done = on_done

    def _done(self, comment_id: str | None) -> None:
        # A background save may end after the screen was closed: nothing to point at then.
        if self.on_done is not None and self.owner.is_attached:
            self.on_done(comment_id)

    def _error(self, exc: Exception | str, title: str) -> None:
        self.app.notify(str(exc), title=title, severity="error", markup=False)

    def writable(self) -> bool:
        """The store can be changed; else the user is told why not (a warning)."""
        if self.blog.read_only:
            self.app.notify(
                f"{read_only_reason(self.blog).capitalize()}: nothing can be changed.",
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return False
        return True

    # -- replies -------------------------------------------------------------------------

    def _composed(self, result: ComposerResult | None) -> None:
        if result is None:
            return
        self.app.notify(MESSAGES.get(result.action, "Done."), markup=False)
        self._done(result.comment_id)

    def reply(self, comment_id: str, *, quote: bool = False) -> None:
        """Open the composer under `comment_id` (its kept draft, if any)."""
        if not self.writable():
            return
        try:
            if replies.is_draft(self.blog.comment(comment_id)):
                self._own_draft()
                return
            from reeltui.ui.screens.composer import ComposerScreen

            screen = ComposerScreen.for_reply(self.blog, comment_id, quote=quote)
        except ReelError as exc:
            self._error(exc, "Cannot reply")
            return
        self.app.push_screen(screen, self._composed)

    def _own_draft(self) -> None:
        """`r` on the user's own draft reply: it is the answer already, to edit and send."""
        edit = self._keyed("{} edits it", "thread.edit_reply")
        send = self._keyed(" and {} in the composer sends it", "composer.send")
        delete = self._keyed(", {} deletes it", "thread.delete_reply")
        said = f"This is your own reply, kept as a draft (not sent yet): {edit}{send}{delete}."
        self.app.notify(said, title="Reply", markup=False)

    def no_comment(self, post_id: str | None) -> None:
        """`r` with no comment picked: say what to do (the post cannot have comments yet, it
        has none, or one is to be chosen in the comments pane)."""
        try:
            post = self.blog.post(post_id) if post_id else None
        except ReelError:
            post = None
        if post is None:
            said = "Open a post first, then choose a comment to reply to."
        elif post.status != "published":
            state = "a draft" if post.status == "draft" else f"{post.status}, not published"
            said = (
                f"“{sanitize_line(post.title)[:MAX_SHOWN] or '(untitled)'}” is {state}: "
                f"nobody can comment on it yet, so there is nothing to reply to"
                f"{self._keyed(' ({} edits the post)', 'main.edit')}."
            )
        elif not self.blog.comments(post.id):
            said = "No comments on this post yet: nothing to reply to."
        else:
            there = self._keyed(" ({} goes to the comments)", "main.comments")
            said = f"Choose a comment to answer{there}, then {self._keyed('{}', 'thread.reply')}."
        self.app.notify(said, title="Reply", markup=False)

    def _keyed(self, text: str, binding_id: str) -> str:
        """`text` with the key of `binding_id` as the keymap has it ("" when it has none)."""
        key_of = getattr(self.app, "key_of", None)
        key = key_of(binding_id) if callable(key_of) else ""
        return text.format(key) if key else ""

    def quote_reply(self, comment_id: str) -> None:
        self.reply(comment_id, quote=True)

    def edit(self, comment_id: str) -> None:
        """Edit an own reply not yet sent (a kept draft or one in the outbox)."""
        if not self.writable():
            return
        try:
            from reeltui.ui.screens.composer import ComposerScreen

            screen = ComposerScreen.for_edit(self.blog, comment_id)
        except ReelError as exc:
            self._error(exc, "Cannot edit")
            return
        self.app.push_screen(screen, self._composed)

    def delete(self, comment_id: str) -> None:
        """Delete an own reply not yet sent, after a confirmation."""
        if not self.writable():
            return
        try:
            comment = self.blog.comment(comment_id)
        except ReelError as exc:
            self._error(exc, "Cannot delete")
            return
        from reeltui.ui.screens.confirm import ConfirmScreen

        if not replies.can_edit(comment):
            self._error(
                "only your own replies not yet sent can be deleted"
                if comment.origin == "local"
                else "this is a reader's comment: use trash or spam instead",
                "Cannot delete",
            )
            return
        parent_id = comment.parent_id

        def deleted(_: None) -> None:
            self.app.notify("Reply deleted.", markup=False)

        def answered(yes: bool | None) -> None:
            if yes:  # shown gone once made; "deleted" once it is on disk
                save_queue(self.app).save(
                    self.blog,
                    lambda: replies.delete(self.blog, comment_id),
                    deleted,
                    lambda exc: self._error(exc, "Not deleted"),
                    made=lambda _: self._done(parent_id),
                )

        words = sanitize_line(comment.body[:MAX_SHOWN])[:60]
        self.app.push_screen(
            ConfirmScreen(f"Delete your reply “{words}”? This cannot be undone."), answered
        )

    # -- moderation ----------------------------------------------------------------------

    def moderate(self, comment_ids: list[str], action: str) -> None:
        """Approve, unapprove, spam, trash or restore readers' comments (queued for sync);
        the ones the action does not apply to are skipped and said so."""
        if not comment_ids or not self.writable():
            return
        from reeltui.services import moderation

        self._moderation(lambda: moderation.moderate_many(self.blog, comment_ids, action))

    def undo(self) -> None:
        """Give the comments of the last moderation the status they had before it."""
        last = _LAST.get(self.app)
        if last is None or not last.done:
            self.app.notify("No moderation to undo.", markup=False)
            return
        if not self.writable():
            return
        _LAST.pop(self.app, None)
        from reeltui.services import moderation

        self._moderation(lambda: moderation.undo(self.blog, last))

    def _moderation(self, change: Callable[[], moderation.Batch]) -> None:
        save_queue(self.app).save(
            self.blog,
            change,
            self._moderated,
            lambda exc: self._error(exc, "Not changed"),
            made=self._made,
        )

    def _made(self, batch: moderation.Batch) -> None:
        """Made in memory (and shown): undo can take it back; the cursor stays on it."""
        if batch.action != "undo" and batch.done:
            _LAST[self.app] = batch
        if batch.done:
            self._done(batch.done[-1][0])  # confirmed once it is on disk

    def _moderated(self, batch: moderation.Batch) -> None:
        """Once on disk: say what was done (one comment by its author) and what was not."""
        if batch.done:
            if batch.action == "undo":
                said = f"Undone: {_comments(len(batch.done))} back as before."
            elif len(batch.done) == 1:
                comment = self.blog.comment(batch.done[0][0])
                author = sanitize_line(comment.author)
                said = f"Comment by {author} is now {comment.status}."
            else:
                said = f"{_comments(len(batch.done))} {PAST[batch.action]}."
            if batch.action != "undo":
                said += " (z undoes)"
            self.app.notify(said, markup=False)
        if batch.skipped:
            reasons = sorted({reason for _, reason in batch.skipped})
            skipped = (
                reasons[0]
                if len(batch.skipped) == 1 and not batch.done
                else f"{_comments(len(batch.skipped))} left as they were: {'; '.join(reasons)}"
            )
            self._error(skipped, "Not changed")
