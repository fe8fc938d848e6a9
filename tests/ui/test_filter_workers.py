"""Typing in the list's search box: a keystroke never waits for the searches of the letters
before it, and those searches really stop. Each letter starts a load of the list (a thread
worker); Textual's cancelling of a thread worker only sets a flag, so the threads of the
letters before went on with their whole search beside the newest (24 threads at once were
seen while typing a query on a big archive). Now one load finds rows at a time: a replaced
load stops at its next check (every few hundred rows, the text index's query interrupted),
and the loads replaced before they started never search at all."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType

from reeltui.domain.identity import Identity
from reeltui.services import query
from reeltui.ui.screens.main_list import Listing
from reeltui.ui.widgets.post_list import PostList
from tests import archives
from tests.ui.conftest import RunMain
from tests.ui.helpers import _send, burst, key_events, settle


def _searching(code: CodeType = query.find_posts.__code__) -> int:
    """Threads inside a search for the list's rows right now (inside `code`)."""
    found = 0
    for frame in sys._current_frames().values():
        walk = frame
        while walk is not None:
            if walk.f_code is code:
                found += 1
                break
            walk = walk.f_back
    return found


@contextmanager
def most_searching() -> Iterator[list[int]]:
    """The most threads seen searching at once (looked at every millisecond meanwhile)."""
    most = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.001):
            most[0] = max(most[0], _searching())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield most
    finally:
        done.set()
        watcher.join()


async def test_a_burst_of_letters_searches_once_at_a_time(
    tmp_path: Path, run_main: RunMain
) -> None:
    path = tmp_path / "store"
    archives.write(path, 3000, words=40, indexed=True)
    async with run_main(path) as running:
        blog, pilot, main = running.blog, running.pilot, running.main
        typed = "harbor keeper sea"
        with most_searching() as most:
            await burst(pilot, "/", typed)
            left = _searching()  # the answer is shown: is anything still searching?
        assert main.listing.search == typed
        expected = [r.post.id for r in query.find_posts(blog, typed, writer=Identity())]
        assert [item.row.post.id for item in main.post_list.items] == expected
        assert expected  # (the search finds posts)
        assert left == 0, f"{left} searches of earlier letters still running"
        # (0: every search ended between two looks of the watcher, a millisecond apart:
        # a word in nearly every post is answered in about that since the index's extra
        # tables, store/searchextra.py)
        assert most[0] <= 1, f"{most[0]} searches at once"


async def test_letters_typed_while_the_text_index_is_made_leave_no_thread_waiting(
    tmp_path: Path, run_main: RunMain
) -> None:
    """Before the text index is ready the list shows the titles' matches at once, then its
    load waits for the index. Every letter's load used to wait there (the index being made
    for seconds), one thread per letter; now a replaced load stops waiting."""
    path = tmp_path / "store"
    archives.write(path, 6000, words=400)  # the first open makes the text index
    loads = Listing._load.__code__
    async with run_main(path, settled=False) as running:
        blog, app, pilot, main = running.blog, running.app, running.pilot, running.main
        while not main.query_one(PostList).items:
            await pilot.pause()
        typed = "harbor keeper"
        sent = key_events("/", typed)
        for event in sent:
            _send(app, event)  # (at once, without waiting for anything)
        while main.listing.search != typed:
            await pilot.pause()
        search = blog.search_index()
        while not main.listing.partial and not search.fresh:
            await pilot.pause()
        assert not search.fresh, "the text index was made before the letters were typed"
        assert main.listing.partial  # the titles' matches shown at once, the text to come
        most, deadline = 0, time.monotonic() + 60
        while (waiting := _searching(loads)) > 1 and not search.fresh:
            most = max(most, waiting)
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        fresh = search.fresh
        await settle(pilot)
        expected = [r.post.id for r in query.find_posts(blog, typed, writer=Identity())]
        assert [item.row.post.id for item in main.post_list.items] == expected
        # (13 loads waited side by side, until the index was made, without the change)
        assert not fresh, f"{most} loads waited for the text index at once, {waiting} to the end"
        assert waiting == 1
