"""The search index kept merged in the background (store/searchmerge.py, store/searchdb.py):
the FTS5 segments a large archive's index is made of are merged a step at a time until no
level holds two, each step its own transaction, stopped by a search that comes; the index
answers the same before and after, and a kill -9 in the middle leaves it whole."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Set
from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.domain.idsets import AllBut
from reeltui.services.session import open_blog
from reeltui.store import searchmerge
from reeltui.store.layout import SEARCH_FILE
from reeltui.store.searchcache import SearchCache
from tests import archives

POSTS = 600
QUERIES = ("harbor", "the", "lindqvist", "score", "rain", "quiet", "ing", "e", "zz", "film")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive whose index was made 20 posts a transaction: several segments on
    several levels (a large archive's index, 200 posts a transaction, has 20-30)."""
    path = tmp_path_factory.mktemp("merge") / "store"
    write_archive(path, POSTS)
    archives.index_in_steps(path)
    return path


@pytest.fixture
def index(made: Path, tmp_path: Path) -> Path:
    """A copy of the made index's folder (the tests merge it)."""
    shutil.copy(made / SEARCH_FILE, tmp_path / SEARCH_FILE)
    return tmp_path


def _ids(cache: SearchCache, hits: object) -> set[str]:
    """The posts of a search's answer (every post but those lacking it, for an AllBut)."""
    if isinstance(hits, AllBut):
        return set(cache.signatures()) - set(hits.lacking)
    assert isinstance(hits, Set)
    return set(hits)


def _answers(cache: SearchCache) -> dict[str, set[str]]:
    return {query: _ids(cache, cache.search(query)) for query in QUERIES}


def _sound(folder: Path) -> None:
    """FTS5's own check of its index against the stored text (raises when damaged)."""
    db = sqlite3.connect(folder / SEARCH_FILE)
    try:
        db.execute("INSERT INTO body(body) VALUES('integrity-check')")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


def test_tidy_merges_until_no_level_holds_two_and_answers_the_same(index: Path) -> None:
    cache = SearchCache(index, writable=True)
    before, answers = cache.segments(), _answers(cache)
    assert max(len(level) for level in before) >= 2, before
    assert sum(map(len, before)) >= 4, before
    assert cache.tidy(lambda: False)
    after = cache.segments()
    assert all(len(level) <= 1 for level in after), after
    assert sum(map(len, after)) == 1, after
    assert cache.steps > 1  # (in steps, each its own transaction)
    assert _answers(cache) == answers
    assert all(answers[q] for q in ("harbor", "the", "e"))
    cache.close()
    _sound(index)
    again = SearchCache(index, writable=True)  # (nothing left: one look, no step kept)
    assert again.tidy(lambda: False)
    assert again.steps == 0 and again.segments() == after
    again.close()


def test_a_step_stops_when_a_search_comes_and_keeps_nothing(index: Path) -> None:
    cache = SearchCache(index, writable=True)
    answers, before = _answers(cache), cache.segments()
    found: list[object] = []
    searching = threading.Thread(target=lambda: found.append(cache.search("harbor")))

    def whole_merge(db: sqlite3.Connection) -> bool:  # (one step of every page at once)
        searching.start()
        while not cache.waiting:  # the search waits for the connection
            threading.Event().wait(0.001)
        return searchmerge.step(db, 1_000_000)

    assert cache.yielding(whole_merge) is None
    searching.join()
    assert (cache.steps, cache.stopped) == (0, 1)
    assert cache.segments() == before  # rolled back
    assert [_ids(cache, hits) for hits in found] == [answers["harbor"]]
    assert not cache.broken
    cache.close()


def test_no_step_starts_while_someone_waits(index: Path) -> None:
    cache = SearchCache(index, writable=True)
    with cache._claimed():  # (a search holding the connection)
        ran = threading.Thread(target=lambda: cache.yielding(searchmerge.step))
        ran.start()
        ran.join(0.2)
        assert ran.is_alive()  # (it waits for the lock)
    ran.join()
    assert (cache.steps, cache.stopped) == (1, 0)
    cache.close()


_CHILD = """
import sys, time
from pathlib import Path
from reeltui.store import searchmerge
from reeltui.store.searchcache import SearchCache
from tests import archives
cache = SearchCache(Path(sys.argv[1]), writable=True)
if sys.argv[2] == "mid":  # one step's statement run, its transaction not committed
    def hold(db):
        searchmerge.step(db, 1_000_000)
        print("mid", flush=True)
        time.sleep(60)
    cache.yielding(hold)
else:  # the steps one by one, until killed
    def tell():
        print(cache.steps, flush=True)
        return False
    searchmerge.keep_merged(cache, tell, pages=1, quiet=0)
    print("done", flush=True)
"""


def _killed(folder: Path, how: str, after: int = 0) -> None:
    """Run `_CHILD` on `folder` and kill -9 it once it printed "mid" or `after` steps."""
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(folder), how],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "mid" or (line.strip().isdigit() and int(line) >= after):
            break
        assert line.strip() != "done", "the merge ended before it was killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()


def test_kill_9_mid_merge_leaves_a_usable_index(index: Path) -> None:
    cache = SearchCache(index, writable=True)
    answers, before = _answers(cache), cache.segments()
    cache.close()
    _killed(index, "mid")  # inside a step's transaction: its pages written, not committed
    assert (index / f"{SEARCH_FILE}-journal").exists()  # (a hot journal: rolled back at open)
    cache = SearchCache(index, writable=True)
    assert cache.segments() == before and _answers(cache) == answers
    cache.close()
    _sound(index)
    for after in (5, 40, 200):  # between and inside steps, as they come
        _killed(index, "steps", after)
        cache = SearchCache(index, writable=True)
        assert _answers(cache) == answers and not cache.broken
        cache.close()
    _sound(index)
    cache = SearchCache(index, writable=True)
    merged = cache.segments()
    assert sum(map(len, merged)) < sum(map(len, before)), (before, merged)  # (kept steps)
    assert cache.tidy(lambda: False)
    assert sum(map(len, cache.segments())) == 1 and _answers(cache) == answers
    cache.close()


def test_saves_after_the_merge_leave_the_merged_text_whole(made: Path, tmp_path: Path) -> None:
    """A post saved is a small new segment that FTS5 merges with the other small ones
    (automerge, at its default): the merged text is never written again for it, and the
    next tidy merges the small ones."""
    store = tmp_path / "store"
    shutil.copytree(made, store)
    with open_blog(store) as blog:
        search = blog.search_index()
        search.prepare()
        assert search.tidy(lambda: False)
        (big,) = [size for level in search.cache.segments() for size in level]
        saved = [row.post.id for row in blog.rows()[:60]]
        for n, post_id in enumerate(saved):  # one transaction a save, as replies are
            post = blog.post(post_id)
            post.body += f" lindqvist{n}x"
            blog.save_post(post)
        sizes = [size for level in search.cache.segments() for size in level]
        assert big in sizes and len(sizes) > 2  # (the merged text untouched)
        assert search.text_ids("lindqvist59x") == {saved[59]}
        assert search.tidy(lambda: False)
        assert all(len(level) <= 1 for level in search.cache.segments())
        assert search.text_ids("lindqvist59x") == {saved[59]}
