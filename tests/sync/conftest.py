"""A real WordPress for the whole session (started once, reset to the seeded site per test)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reeltui.domain.models import Comment, Post
from reeltui.services import Blog
from reeltui.services.sync.credentials import Credentials
from reeltui.services.sync.progress import SyncProgress
from reeltui.services.sync.run import SyncResult, sync
from reeltui.store import Store
from tests.conftest import IN_CI
from tests.wordpress.server import PACKAGES, WordPress, missing_tools

pytestmark = pytest.mark.wordpress


@pytest.fixture(scope="session")
def wordpress_server() -> Iterator[tuple[WordPress, dict[str, dict[str, int]]]]:
    missing = missing_tools()
    if missing:
        message = f"a real WordPress needs {', '.join(missing)} (apt-get install {PACKAGES})"
        if IN_CI:
            pytest.fail(message + "; .ci/run should install them")
        pytest.skip(message)
    server = WordPress.start()
    try:
        ids = server.seed()
        yield server, ids
    finally:
        server.stop(purge=True)


@dataclass
class Site:
    """The running WordPress, back to the seeded state, with the seeded ids."""

    server: WordPress
    posts: dict[str, int]
    comments: dict[str, int]
    users: dict[str, int]

    @property
    def creds(self) -> Credentials:
        return Credentials(self.server.url, self.server.user, self.server.app_password)

    def rest(self, method: str, route: str, **kw: object) -> tuple[int, object]:
        return self.server.rest(method, route, **kw)  # type: ignore[arg-type]

    def get(self, route: str, **params: object) -> dict[str, object]:
        status, data = self.server.rest("GET", route, params={"context": "edit", **params})
        assert status == 200, (route, status, data)
        assert isinstance(data, dict)
        return data


@pytest.fixture
def site(wordpress_server: tuple[WordPress, dict[str, dict[str, int]]]) -> Iterator[Site]:
    server, ids = wordpress_server
    server.reset("seeded")
    if server.procs.get("php") is None or server.procs["php"].poll() is not None:
        server.start_web()
    yield Site(server, ids["posts"], ids["comments"], ids["users"])
    if "php" not in server.procs:
        server.start_web()  # a test stopped it


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
