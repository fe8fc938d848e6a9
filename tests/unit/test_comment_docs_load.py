"""Reading every comment's stored document (the comment search's and the stats' first pass
over the archive) holds the interpreter only in short steps: at 210,000 comments, one sort of
them all and one collector pass over them each held it (and the UI thread waiting for it)
for 0.2-0.4 s — the stats screen's longest freeze on a big blog. A real store, generated."""

from __future__ import annotations

import builtins
import gc
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks import content

from reeltui.domain import memory
from reeltui.domain.identity import Identity
from reeltui.domain.models import Comment
from reeltui.services import comment_texts, stats
from reeltui.services.search import search_comments
from reeltui.services.session import open_blog
from reeltui.services.textindex import TextIndex
from reeltui.store import Store, records
from tests.unit.test_memory import walked_by_passes

POSTS = 300


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "store"
    posts, comments = [], []
    for entry in content.entries(POSTS, 12):
        posts.append(entry.post)
        comments.extend(entry.comments)
    with Store.open(path) as store:
        records.put_many(store, posts, comments)
    return path


@pytest.fixture
def gc_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_comments_are_sorted_a_day_at_a_time(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Oldest first, as one sort by (date, id) gives, yet no sort of more than one day's
    comments (one sort of them all is one long C call)."""
    sorts: list[int] = []

    def counted(items: Any, **kwargs: Any) -> list[Any]:
        items = list(items)
        sorts.append(len(items))
        return builtins.sorted(items, **kwargs)

    with Store.open(store_path, read_only=True) as store:
        whole = [
            (cid, doc)
            for f in records.all_post_files(store)
            for cid, doc in f.good("comments").items()
        ]
        monkeypatch.setattr(records, "sorted", counted, raising=False)
        docs = records.raw_comments(store)
    assert list(docs) == [cid for cid, _ in sorted(whole, key=lambda i: (i[1]["date"], i[0]))]
    days = Counter(doc["date"][:10] for _, doc in whole)
    assert len(whole) > 1000 and len(days) > 100
    assert sum(sorts) >= len(whole)  # every comment went through a day's sort
    assert max(sorts) <= max(len(days), max(days.values())), sorts[-5:]


def test_first_stats_leave_the_comment_documents_to_no_collector_pass(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, gc_on: None
) -> None:
    """The first figures read every comment's document, kept for the session, with the
    collector paused; they are frozen before it is back on, so no pass walks them all at
    once. (FREEZE_ABOVE lowered with the archive: 3,400 comments here, 210,000 there.)"""
    monkeypatch.setattr(memory, "FREEZE_ABOVE", 500)
    blog = open_blog(store_path, read_only=True)
    try:
        blog.posts()
        gc.collect()
        walked, seen = walked_by_passes()
        gc.callbacks.append(seen)
        try:
            stats.compute(blog, writer=Identity())
            churn = [[n] for n in range(5000)]  # as the worker and the UI thread go on
        finally:
            gc.callbacks.remove(seen)
        docs = blog.search_index().comment_docs()
        assert len(docs) > 1000 and len(churn) == 5000
        assert walked, "no collection ran"
        assert max(walked) < len(docs) // 2, walked
    finally:
        blog.close()


def test_stats_read_the_documents_not_their_text_index(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stats need the comment documents only: their text index (a second pass over the
    archive's text) is built by the first comment search, and lists a comment saved
    meanwhile as an index kept up to date since would: what a fresh session finds."""
    store = tmp_path / "store"
    shutil.copytree(store_path, store)
    built: list[int] = []

    class Counted(TextIndex):
        def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
            built.append(1)
            super().__init__(items)

    monkeypatch.setattr(comment_texts, "TextIndex", Counted)
    with open_blog(store) as blog:
        stats.compute(blog, writer=Identity())
        assert built == []
        post = blog.posts()[0]
        late = Comment(
            id="c-late", post_id=post.id, author="Ann Lindqvist", date="2099-01-01T00:00:00",
            body="a haunting late word",
        )  # fmt: skip
        blog.save_comment(late)
        blog.delete_comment(blog.comment_ids(blog.posts()[1].id)[0])
        found = {q: search_comments(blog, q, limit=None) for q in ("haunting", "late", "e")}
        assert built == [1] and found["late"][0].id == "c-late"
    with open_blog(store, read_only=True) as fresh:
        for q, hits in found.items():
            assert [c.id for c in hits] == [c.id for c in search_comments(fresh, q, limit=None)]
