"""The posts index is held once: as the list's summaries, not also as the parsed pages of the
index files (twice the memory of the list at 10,000 posts). A change reads its page again; a
page with a row the gate refused is kept, so the damage is still reported."""

from __future__ import annotations

import dataclasses
import tracemalloc
from pathlib import Path

import orjson

from reeltui.services.session import open_blog
from reeltui.store import index
from tests import archives


def test_index_pages_are_not_kept_beside_the_summaries(tmp_path: Path) -> None:
    path = tmp_path / "store"
    archives.write(path, 3000)
    with open_blog(path, read_only=True) as blog:  # (no backup thread allocating meanwhile)
        tracemalloc.start()
        try:
            assert len(blog.posts()) == 3004  # with the demo's four
            held, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        pages = index.pages(blog.store)
        assert pages and all(blog.store.cached(rel) is None for rel in pages)
        # The summaries: 4.0 MB; with the pages' parsed files kept as well, 6.6 MB.
        assert held < 5_000_000, f"{held / 1e6:.1f} MB"
    with open_blog(path) as blog:  # a change reads its page again
        post = blog.post("p7")
        blog.save_post(dataclasses.replace(post, title="Renamed"))
    with open_blog(path, read_only=True) as again:
        assert again.summary("p7").title == "Renamed"
        assert len(again.posts()) == 3004


def test_a_refused_row_is_still_reported(tmp_path: Path) -> None:
    path = tmp_path / "store"
    archives.write(path, 30)
    page = next((path / "posts-index").glob("2015-03*.json"))
    data = orjson.loads(page.read_bytes())
    table = data["posts"]
    victim = next(iter(table))
    table[victim]["rating"] = "five"  # not a rating: the gate refuses the row
    page.write_bytes(orjson.dumps(data))
    with open_blog(path, read_only=True) as blog:
        assert victim not in {s.id for s in blog.posts()}
        assert any(victim in line for line in blog.damage())
