"""What a full pass of Python's garbage collector walks once the app is ready on a large
archive (ui/collector.py, domain/memory.py).

A full pass walks every container the collector tracks and not frozen, and every item it
holds: at 50,000 posts the lists kept for the session (positions by code, the posts lacking
each letter, the summaries' ids, a folder's file names, the summaries' answers kept while a
word is typed) were 360,000 items, 28-30 ms a pass (thread CPU, the machine loaded), at any
moment, any key. Kept for the session, such ids and numbers live in containers the
collector does not walk (arrays, tuples and dicts of plain values it untracks), and the
index's rows are frozen page by page as they are read, so that no pass in the middle of
the read walks every row read so far (200 ms at 50,000 posts). Counted here: the containers
walked, never a time."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.domain.listing import PostSummary
from reeltui.services import PostRow
from reeltui.services.blog import Blog
from reeltui.services.session import open_blog
from reeltui.store.layout import READS
from tests.ui.helpers import app_ready, press, settle, wait_until

POSTS = 300
PLAIN = (int, str, bytes, float, type(None))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("walks") / "store"
    write_archive(path, POSTS)
    with open_blog(path) as blog:
        blog.search_index().prepare()
    return path


def walked_per_post(posts: int) -> list[tuple[str, int]]:
    """The containers a full pass walks that hold a plain value (an id, a number) per post
    at least, or nearly (half as many items as posts): their type and size."""
    gc.collect()  # (what is garbage now is not what the app keeps)
    found = []
    for obj in gc.get_objects():
        if isinstance(obj, list | set | frozenset | tuple | dict) and len(obj) >= posts // 2:
            items = obj.values() if isinstance(obj, dict) else obj
            if all(isinstance(item, PLAIN) for item in items):
                found.append((type(obj).__name__, len(obj)))
    return found


def walked_marks(blog: Blog) -> list[str]:
    """The read marks' files the store keeps whose marks a full pass walks."""
    files = [blog.store.file(f"{READS.path}/{name}") for name in blog.store.listing(READS.path)]
    assert files
    walked = {id(o) for o in gc.get_objects()}
    return [f.rel for f in files if id(f.good(READS.name)) in walked]


async def test_a_full_pass_walks_no_container_of_ids_or_numbers_per_post(archive: Path) -> None:
    async with app_ready(archive) as (pilot, main, blog):
        posts = len(blog.posts())
        assert posts >= POSTS
        assert walked_per_post(posts) == []  # ready: the list, its orders, the search
        # the read marks' files, read whole for the list's marks and kept by the store:
        # frozen as read (a dict of marks per file: 50,000 marks walked at every full pass)
        assert walked_marks(blog) == []
        await press(pilot, "slash", "h", "e")  # (in nearly every post: answers of them all)
        await wait_until(pilot, lambda: main.listing.search == "he", "the search")
        await settle(pilot)
        assert walked_per_post(posts) == []  # the answers kept while a word is typed too


def test_the_index_is_frozen_page_by_page_as_it_is_read(archive: Path) -> None:
    """Each page of the posts index read is out of the collector's walks at once, not once
    every page is read."""
    with open_blog(archive) as blog:
        reading = blog.load_index()
        known = next(reading)
        assert 0 < known < POSTS  # (a page read, more to come)
        walked = {id(o) for o in gc.get_objects()}
        rows = list(blog.rowset.rows.values())
        assert len(rows) == known
        assert not any(id(row) in walked for row in rows)
        assert not any(id(row.post) in walked for row in rows)
        assert all(isinstance(r, PostRow) and isinstance(r.post, PostSummary) for r in rows)
        reading.close()
