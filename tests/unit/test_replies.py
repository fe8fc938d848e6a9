"""Replies, moderation and the needs-reply inbox on a real demo store on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services import Blog, inbox, moderation, outbox, replies
from reeltui.services.session import open_blog
from tests import storefiles

HER = "p-flixchatter-review-spike-jonzes-her"


def _disk(store_path: Path, table: str) -> dict[str, dict[str, object]]:
    """The table as stored on disk (comments: from every post's file)."""
    found: dict[str, dict[str, object]] = getattr(storefiles, table)(store_path)
    return found


def test_reply_is_queued_at_once_and_survives_reopen(store_path: Path) -> None:
    blog = open_blog(store_path)
    try:
        draft = replies.start(blog, "c-her-6")
        assert draft.author == "Ruth" and draft.post_id == HER and draft.body == ""
        entry = replies.send(blog, draft, "Thank you Priya!")
    finally:
        blog.close()
    on_disk = _disk(store_path, "comments")[draft.id]
    assert on_disk["sync_state"] == "queued" and on_disk["origin"] == "local"
    assert on_disk["parent_id"] == "c-her-6" and on_disk["body"] == "Thank you Priya!"
    assert _disk(store_path, "outbox")[entry.id]["comment_id"] == draft.id
    blog = open_blog(store_path, read_only=True)
    try:
        thread = [c.id for c, _ in blog.thread(HER)]
        assert thread.index(draft.id) == thread.index("c-her-6") + 1  # in place, under its parent
        assert blog.counts().queued_replies == 1
        [row] = outbox.rows(blog)
        assert row.post is not None and row.post.id == HER
        assert row.parent is not None and row.parent.author == "Priya Natarajan"
    finally:
        blog.close()


def test_quote_reply_quotes_the_parent_as_markdown(blog: Blog) -> None:
    new = replies.start(blog, "c-her-4", quote_parent=True)
    assert new.body.startswith("> I admired it more than I loved it")
    assert new.body.endswith("\n\n")
    assert replies.quote("one\n\ntwo\x1b]0;pwned\x07") == "> one\n>\n> two\n\n"
    stored = replies.reply(blog, "c-her-4", "Fair point.", quote_parent=True)
    assert stored.body.startswith("> I admired") and stored.body.endswith("\n\nFair point.")


def test_draft_is_kept_per_comment_and_survives_reopen(store_path: Path) -> None:
    blog = open_blog(store_path)
    try:
        first = replies.start(blog, "c-her-3")
        kept = replies.keep_draft(blog, first, "Half a thought")
        assert kept is not None and kept.sync_state == "local"
        assert replies.keep_draft(blog, replies.start(blog, "c-her-6"), "   ") is None
    finally:
        blog.close()
    blog = open_blog(store_path)
    try:
        again = replies.start(blog, "c-her-3", quote_parent=True)  # the draft, not a new quote
        assert again.id == first.id and again.body == "Half a thought"
        assert [d.id for d in replies.drafts(blog)] == [first.id]
        assert outbox.entries(blog) == []  # drafts are not in the outbox
        replies.send(blog, again, "A whole thought")
        assert replies.drafts(blog) == [] and blog.comment(first.id).sync_state == "queued"
        # Emptying a kept draft removes it.
        other = replies.keep_draft(blog, replies.start(blog, "c-her-1"), "x")
        assert other is not None
        replies.keep_draft(blog, other, "")
        assert replies.draft_for(blog, "c-her-1") is None
    finally:
        blog.close()


def test_edit_and_delete_only_own_unsent_replies(blog: Blog) -> None:
    a = replies.reply(blog, "c-her-6", "First")
    b = replies.reply(blog, "c-her-3", "Second")
    replies.edit(blog, a.id, "First, edited")
    assert blog.comment(a.id).body == "First, edited"
    assert blog.comment(a.id).sync_state == "queued"
    with pytest.raises(replies.ReplyError, match="reader"):
        replies.edit(blog, "c-her-1", "not mine")
    with pytest.raises(replies.ReplyError, match="empty"):
        replies.edit(blog, a.id, "  ")
    [entry_b] = [e for e in outbox.entries(blog) if e.comment_id == b.id]
    outbox.mark_sent(blog, entry_b.id, remote_id="77")
    with pytest.raises(replies.ReplyError, match="already sent"):
        replies.edit(blog, b.id, "too late")
    with pytest.raises(replies.ReplyError, match="already sent"):
        replies.delete(blog, b.id)
    replies.delete(blog, a.id)
    assert a.id not in {c.id for c in blog.all_comments()}
    assert [e.comment_id for e in outbox.entries(blog)] == [b.id]
    with pytest.raises(replies.ReplyError, match="empty"):
        replies.send(blog, replies.start(blog, "c-her-6"), "\n ")


def test_read_only_store_refuses_with_a_clear_message(store_path: Path) -> None:
    blog = open_blog(store_path, read_only=True)
    try:
        with pytest.raises(replies.ReplyError, match="read-only"):
            replies.send(blog, replies.start(blog, "c-her-6"), "hi")
        with pytest.raises(moderation.ModerationError, match="read-only"):
            moderation.moderate(blog, "c-her-6", "spam")
    finally:
        blog.close()


def test_moderation_changes_status_queues_and_restores(store_path: Path) -> None:
    blog = open_blog(store_path)
    try:
        assert moderation.pending_count(blog) == 1
        [waiting] = moderation.pending(blog)
        moderation.moderate(blog, waiting.id, "approve")
        assert moderation.pending_count(blog) == 0
        moderation.moderate(blog, "c-her-4", "trash")
        moderation.moderate(blog, "c-her-4", "restore")  # back to approved: nothing to send
        assert blog.comment("c-her-4").status == "approved"
        moderation.moderate(blog, "c-her-6", "spam")
        with pytest.raises(moderation.ModerationError, match="already spam"):
            moderation.moderate(blog, "c-her-6", "spam")
        with pytest.raises(moderation.ModerationError, match="restored"):
            moderation.moderate(blog, "c-her-1", "restore")
    finally:
        blog.close()
    assert _disk(store_path, "comments")["c-her-6"]["status"] == "spam"
    blog = open_blog(store_path)
    try:
        queued = [(e.comment_id, e.action) for e in outbox.entries(blog)]
        assert queued == [(waiting.id, "approve"), ("c-her-6", "spam")]
        # The imported spam comment restores to pending (WordPress does the same).
        moderation.moderate(blog, "c-recap-4", "restore")
        assert blog.comment("c-recap-4").status == "pending"
        # Cancelling a queued action gives the comment back the blog's status.
        [spam] = [e for e in outbox.entries(blog) if e.comment_id == "c-her-6"]
        moderation.cancel(blog, spam.id)
        assert blog.comment("c-her-6").status == "approved"
        assert "c-her-6" not in {e.comment_id for e in outbox.entries(blog)}
    finally:
        blog.close()


def test_inbox_lists_unanswered_readers_oldest_first(blog: Blog) -> None:
    items = inbox.needs_reply(blog)
    ids = [i.comment.id for i in items]
    dates = [i.comment.date for i in items]
    assert dates == sorted(dates)
    assert "c-her-6" in ids and "c-her-3" in ids
    assert "c-her-1" not in ids and "c-her-4" not in ids  # Ruth answered below them
    assert "c-guest-1" not in ids  # answered by the guest author, Conor Holt
    assert not any(i.comment.author == "Ruth" for i in items)
    assert "c-recap-4" not in ids and "c-guest-5" not in ids  # spam, pingback
    # A kept draft does not answer; a queued reply does.
    replies.keep_draft(blog, replies.start(blog, "c-her-6"), "soon")
    assert "c-her-6" in [i.comment.id for i in inbox.needs_reply(blog)]
    replies.send(blog, replies.start(blog, "c-her-6"), "Thanks!")
    assert "c-her-6" not in [i.comment.id for i in inbox.needs_reply(blog)]
    # Extra author names (a blogger signing with another name) count as the blog's.
    marcy = inbox.needs_reply(blog, extra_authors=["  marcy   LINDQVIST "])
    assert not any(i.comment.author == "Marcy Lindqvist" for i in marcy)


def test_failed_items_can_be_queued_again(blog: Blog) -> None:
    mine = replies.reply(blog, "c-her-6", "Thanks!")
    moderation.moderate(blog, "c-her-4", "spam")
    first, second = outbox.entries(blog)
    outbox.mark_failed(blog, first.id, "http 500")
    outbox.mark_failed(blog, second.id, "http 500")
    assert blog.comment(mine.id).sync_state == "failed"
    assert replies.can_edit(blog.comment(mine.id))  # failed is not sent: still editable
    outbox.requeue(blog, first.id)
    outbox.requeue(blog, second.id)
    assert [e.state for e in outbox.entries(blog)] == ["queued", "queued"]
    assert blog.comment(mine.id).sync_state == "queued"
    with pytest.raises(ValueError, match="only a failed"):
        outbox.requeue(blog, first.id)
    assert replies.draft_parents(blog) == set()
    replies.keep_draft(blog, replies.start(blog, "c-her-3"), "later")
    assert replies.draft_parents(blog, HER) == {"c-her-3"}
