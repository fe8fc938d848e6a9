"""Helpers of the sync tests; the real WordPress itself (`wordpress_server`, `site`) is in
tests/wordpress/fixtures.py, shared with the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.domain.models import Comment, Post
from reeltui.services import Blog
from reeltui.services.sync.progress import SyncProgress
from reeltui.services.sync.run import SyncResult, sync
from reeltui.store import Store
from tests.wordpress.fixtures import Site

pytestmark = pytest.mark.wordpress


@pytest.fixture
def empty_blog(tmp_path: Path) -> Iterator[Blog]:
    """A new, empty store (no demo posts), open for writing."""
    blog = Blog(Store.open(tmp_path / "store"))
    yield blog
    blog.close()


def run_sync(blog: Blog, site: Site, **kw: object) -> tuple[SyncResult, list[SyncProgress]]:
    events: list[SyncProgress] = []
    result = sync(blog, site.creds, progress=events.append, **kw)  # type: ignore[arg-type]
    return result, events


def local_reply(blog: Blog, parent: Comment, body: str, cid: str) -> Comment:
    return Comment(
        id=cid,
        post_id=parent.post_id,
        parent_id=parent.id,
        author="Ruth",
        body=body,
        origin="local",
        sync_state="local",
    )


def by_remote(blog: Blog, rid: int) -> Comment:
    found = [c for c in blog.all_comments() if c.remote_id == str(rid)]
    assert len(found) == 1, (rid, found)
    return found[0]


def post_by_remote(blog: Blog, rid: int) -> Post:
    found = [p for p in blog.posts() if p.source.get("wp") == str(rid)]
    assert len(found) == 1, (rid, found)
    return blog.post(found[0].id)
