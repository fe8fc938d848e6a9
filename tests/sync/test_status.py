"""What waits to be sent, without any network: `status()` and `reeltui sync --status`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reeltui.domain.models import Comment, Post
from reeltui.services import outbox
from reeltui.services.session import open_blog
from reeltui.services.sync.run import status


def test_status_counts_the_outbox_drafts_and_conflicts(store_path: Path) -> None:
    blog = open_blog(store_path)
    try:
        assert status(blog).line().startswith("never synced; 0 queued (0 failed)")
        parent = blog.all_comments()[0]
        reply = Comment(
            id="r-1", post_id=parent.post_id, parent_id=parent.id, body="Hi", origin="local"
        )
        entry = outbox.queue_reply(blog, reply)
        outbox.queue_reply(
            blog,
            Comment(id="r-2", post_id=parent.post_id, body="Hey", origin="local"),
        )
        outbox.mark_failed(blog, entry.id, "comment_duplicate: Duplicate comment detected")
        blog.save_post(Post(id="p-new", slug="new", title="New", status="draft"))
        now = status(blog)
        assert (now.queued, now.failed, now.drafts, now.conflicts) == (2, 1, 1, 0)
    finally:
        blog.close()
    shown = subprocess.run(
        [sys.executable, "-m", "reeltui", "--store", str(store_path), "sync", "--status"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "never synced; 2 queued (1 failed), 1 post to send, 0 conflicts"
