"""Moderating readers' comments offline: approve, unapprove, spam, trash, restore.

Each action changes the comment's status at once (so the thread shows it) and queues a
"moderate" entry in the outbox for sync. Two actions on the same comment before a sync are
merged into one entry holding the last action. Bookkeeping lives in the comment's `source`:
- `status_before`: the status before the last spam/trash (what `restore` returns to; WordPress
  restores a comment without one to pending, and so do we);
- `status_remote`: the status the remote blog still has while an action is queued (what
  cancelling the queued action returns to).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reeltui.domain.models import COMMENT_STATUSES, Comment, DomainError, member
from reeltui.domain.vocab import CommentStatus, ModerationAction
from reeltui.errors import ReelError
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.store import NotFound

ACTIONS = outbox.ACTIONS
TARGET: dict[ModerationAction, CommentStatus] = {
    "approve": "approved",
    "unapprove": "pending",
    "spam": "spam",
    "trash": "trash",
}
BEFORE = "status_before"
REMOTE = "status_remote"
# Suggested single keys (the thread pane binds them with these ids, remappable by a keymap).
KEYS = {"approve": "a", "unapprove": "u", "spam": "s", "trash": "t", "restore": "R"}


class ModerationError(ReelError, ValueError):
    """A moderation action that does not apply (already approved, not on the blog yet...)."""


def target_status(comment: Comment, action: ModerationAction) -> CommentStatus:
    if action == "restore":
        if comment.status not in ("spam", "trash"):
            raise ModerationError("only a comment in spam or trash can be restored")
        return "approved" if comment.source.get(BEFORE) == "approved" else "pending"
    return TARGET[action]


def _queued_entry(blog: Blog, comment_id: str) -> outbox.Entry | None:
    for entry in outbox.entries(blog):
        if entry.kind == "moderate" and entry.comment_id == comment_id and entry.state != "sent":
            return entry
    return None


def _action(action: str) -> ModerationAction:
    try:
        return member(ACTIONS, action, "moderation action")
    except DomainError as exc:
        raise ModerationError(str(exc)) from None


def moderate(blog: Blog, comment_id: str, action: str) -> Comment:
    """Apply `action` to the comment locally and queue it for the blog. Returns the comment."""
    act = _action(action)
    if blog.read_only:
        raise ModerationError(f"{blog.path} is open read-only; nothing was changed")
    try:
        comment = blog.comment(comment_id)
    except NotFound:
        raise ModerationError(f"no comment with id {comment_id!r}") from None
    if comment.origin == "local" and comment.sync_state != "sent":
        raise ModerationError("this is your own reply, not on the blog yet: edit or delete it")
    new_status = target_status(comment, act)
    if new_status == comment.status:
        raise ModerationError(f"the comment is already {comment.status}")
    pending_entry = _queued_entry(blog, comment.id)
    source = dict(comment.source)
    if pending_entry is None:
        source[REMOTE] = comment.status
    if act in ("spam", "trash") and comment.status not in ("spam", "trash"):
        source[BEFORE] = comment.status
    comment.source = source
    comment.status = new_status
    with blog.store.batch():
        blog.save_comment(comment)
        if pending_entry is not None:
            outbox.remove(blog, pending_entry.id)
        if new_status != source.get(REMOTE):
            outbox.add(blog, "moderate", comment.id, act)
        else:  # back to what the blog has: nothing to send
            source.pop(REMOTE, None)
            blog.save_comment(comment)
    return comment


def cancel(blog: Blog, entry_id: str) -> Comment:
    """Drop a queued moderation action and give the comment back the status the blog has."""
    if blog.read_only:
        raise ModerationError(f"{blog.path} is open read-only; nothing was changed")
    entry = outbox.get(blog, entry_id)
    if entry.kind != "moderate":
        raise ModerationError("not a moderation action")
    if entry.state == "sent":
        raise ModerationError("this action was already sent to the blog")
    comment = blog.comment(entry.comment_id)
    source = dict(comment.source)
    remote = source.pop(REMOTE, "")
    if remote:
        comment.status = member(COMMENT_STATUSES, remote, "comment status")
    comment.source = source
    with blog.store.batch():
        blog.save_comment(comment)
        outbox.remove(blog, entry.id)
    return comment


@dataclass(frozen=True, slots=True)
class Batch:
    """Several comments moderated at once: `done` holds (comment id, status it had before),
    `skipped` (comment id, why) for those the action did not apply to."""

    action: str
    done: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


UNDO: dict[str, ModerationAction] = {
    "approved": "approve",
    "pending": "unapprove",
    "spam": "spam",
    "trash": "trash",
}


def moderate_many(blog: Blog, comment_ids: list[str], action: str) -> Batch:
    """`moderate` each comment; one that the action does not apply to is skipped (said why)."""
    batch = Batch(action)
    with blog.store.batch("comments", "outbox"):
        for comment_id in dict.fromkeys(comment_ids):
            try:
                before = blog.comment(comment_id).status
                moderate(blog, comment_id, action)
            except (ModerationError, NotFound) as exc:
                batch.skipped.append((comment_id, str(exc)))
                continue
            batch.done.append((comment_id, before))
    return batch


def undo(blog: Blog, batch: Batch) -> Batch:
    """Give the comments of `batch` back the status they had before it (the outbox forgets
    what no longer needs sending). Returns what was done, as a batch of its own."""
    undone = Batch("undo")
    with blog.store.batch("comments", "outbox"):
        for comment_id, before in reversed(batch.done):
            try:
                now = blog.comment(comment_id).status
                if now != before:
                    moderate(blog, comment_id, UNDO[before])
            except (ModerationError, NotFound, KeyError) as exc:
                undone.skipped.append((comment_id, str(exc)))
                continue
            undone.done.append((comment_id, now))
    return undone


def pending(blog: Blog, post_id: str | None = None) -> list[Comment]:
    """Comments waiting for moderation (of one post, when given), oldest first."""
    pool = (
        blog.comments(post_id)
        if post_id is not None
        else blog.comments_where(lambda s: s.pending > 0)
    )
    found = [c for c in pool if c.status == "pending"]
    return sorted(found, key=lambda c: (c.date, c.id))


def pending_count(blog: Blog) -> int:
    return blog.counts().pending_comments
