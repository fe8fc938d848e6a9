from __future__ import annotations

from pathlib import Path

from reeltui.domain import Comment
from reeltui.services import outbox
from reeltui.services.session import open_blog


def reply(cid: str, parent: str) -> Comment:
    return Comment(
        id=cid,
        post_id="p-flixchatter-review-spike-jonzes-her",
        parent_id=parent,
        author="Ruth",
        body="Thanks!",
        origin="local",
        sync_state="local",
    )


def test_queue_send_fail_reorder_survive_reopen(store_path: Path) -> None:
    blog = open_blog(store_path)
    try:
        a = outbox.queue_reply(blog, reply("r-a", "c-her-1"))
        b = outbox.queue_reply(blog, reply("r-b", "c-her-4"))
        m = outbox.add(blog, "moderate", "c-her-4", "spam")
        assert [e.id for e in outbox.entries(blog)] == [a.id, b.id, m.id]
        outbox.move(blog, m.id, -2)
        outbox.mark_failed(blog, b.id, "comment_duplicate: Duplicate comment detected")
        outbox.mark_sent(blog, a.id, remote_id="42")
    finally:
        blog.close()
    blog = open_blog(store_path)
    try:
        order = outbox.entries(blog)
        assert [e.id for e in order] == [m.id, a.id, b.id]
        assert [e.state for e in order] == ["queued", "sent", "failed"]
        assert blog.comment("r-a").sync_state == "sent" and blog.comment("r-a").remote_id == "42"
        assert blog.comment("r-b").sync_error.startswith("comment_duplicate")
        assert [e.id for e in outbox.entries(blog, "queued")] == [m.id]
        # Re-queueing a failed reply reuses its entry.
        again = outbox.queue_reply(blog, blog.comment("r-b"))
        assert again.id == b.id and again.state == "queued"
        assert blog.counts().queued_replies == 1
    finally:
        blog.close()
