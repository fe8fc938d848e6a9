"""Redrawing the open post's thread after a change of some of its comments, without mounting
every comment view again: a thread of thousands of comments took seconds to draw.

A comment changed in place (moderated, edited) has its view redrawn alone; one new comment (a
reply sent) is mounted alone at its place, in a thread of any length (drawing a short thread
again whole still cost the UI thread more than a frame). Anything else (a comment gone,
several new ones, the post itself changed) is drawn again whole by the caller.
"""

from __future__ import annotations

from reeltui.domain.models import Comment
from reeltui.services import Blog, replies
from reeltui.services.events import Change
from reeltui.ui.widgets.thread import Thread

PATCHED_KINDS = ("comment", "outbox", "reads")  # changes a patch can follow


async def patch_thread(blog: Blog, post_id: str, thread: Thread, changes: list[Change]) -> bool:
    """Apply `changes` to the shown `thread` of `post_id` view by view; False when the
    thread must be drawn again whole."""
    if any(c.kind not in PATCHED_KINDS for c in changes):
        return False
    changed = {i for c in changes if c.kind == "comment" for i in c.ids}
    if any(c.kind in ("comment", "outbox") for c in changes):
        _draft_badges(blog, post_id, thread)  # a draft kept, sent or dropped
    if not changed:  # an outbox entry or a read mark alone (the comment it concerns, if
        return True  # any, is announced too): no comment view shows them
    comments = {c.id: c for c in blog.comments(post_id)}
    shown = thread.holds  # (looked up in the thread's map: no set of its 5,000 ids made)
    if any(shown(cid) and cid not in comments for cid in changed):
        return False  # a comment went: the tree is drawn again
    new = [cid for cid in changed if cid in comments and not shown(cid)]
    if len(comments) != thread.id_count() + len(new) or len(new) > 1:
        return False
    for cid in changed:
        if shown(cid):  # (the screen may have shown the change already: drawn anyway)
            thread.update_comment(comments[cid])
    if new:
        await _insert(blog, post_id, thread, comments[new[0]], comments)
    return True


async def _insert(
    blog: Blog, post_id: str, thread: Thread, comment: Comment, comments: dict[str, Comment]
) -> None:
    post = blog.post(post_id)
    place = thread.place(comment, comments)  # from its parent's place, as a rule
    if place is None:  # (no parent, or one inside a cycle of parents: ordered again)
        order = blog.thread(post_id)
        place = next((i, d) for i, (c, d) in enumerate(order) if c.id == comment.id)
    index, depth = place
    current = thread.highlighted_comment_id()
    await thread.insert(comment, depth, index, post.author)  # (its parent's "reply draft"
    if current is not None:  # badge was set by `patch_thread`, from the same drafts)
        thread.select(current)


def _draft_badges(blog: Blog, post_id: str, thread: Thread) -> None:
    """The "reply draft" badge on exactly the comments with a kept draft under them (a
    draft sent from the composer left its parent's badge until the post was opened again)."""
    thread.set_drafts(set(replies.draft_parents(blog, post_id)))
