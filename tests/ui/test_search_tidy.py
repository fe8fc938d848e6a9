"""The app keeps its search index merged: once the index is readied (the search-ready
worker), the same worker merges its FTS5 segments in steps (store/searchmerge.py) until no
level holds two; a search typed meanwhile gets its answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.store.searchcache import SearchCache
from reeltui.ui.app import make_app
from reeltui.ui.widgets.post_list import PostList
from tests import archives
from tests.ui.helpers import press, settle, wait_until


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A generated archive whose index was made 20 posts a transaction (several segments)."""
    path = tmp_path / "store"
    write_archive(path, 300)
    archives.index_in_steps(path)
    return path


def _segments(path: Path) -> list[list[int]]:
    cache = SearchCache(path, writable=False)
    try:
        return cache.segments()
    finally:
        cache.close()


async def test_the_app_merges_its_search_index_after_readying_it(archive: Path) -> None:
    before = _segments(archive)
    assert max(map(len, before)) >= 2, before
    blog = open_blog(archive)
    app = make_app(blog, settings=Settings())
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: blog.search_index().fresh, "search index ready")
            await press(pilot, "slash", "h", "a", "r", "b")
            await settle(pilot)  # (the search-ready worker too: its merge is done)
            rows = app.screen.query_one(PostList).items
            assert 0 < len(rows) < 300
            cache = blog.search_index().cache
            assert cache.steps > 1
            after = cache.segments()
            assert all(len(level) <= 1 for level in after), after
    finally:
        blog.close()
    assert _segments(archive) == after
