"""The garbage-collector pause used by loading and importing: nestable, restores the state."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reeltui.domain import memory
from reeltui.domain.memory import paused_gc
from reeltui.formats import FormatError, ReadResult
from reeltui.services import importer
from reeltui.services.session import open_blog


@pytest.fixture(autouse=True)
def _gc_on() -> Iterator[None]:
    # (a worker of an earlier test may still be finishing inside a pause: these tests
    # are about pauses of their own)
    deadline = time.monotonic() + 60
    while memory.pausing() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not memory.pausing(), "a pause of another thread never ended"
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # (as it was, either way: a test here that disabled it left the collector
        gc.enable()  # off for the tests after, in this process: the app's own pauses then
    else:  # never turned it back on, and tests/ui/test_reply_freezes.py saw no pass)
        gc.disable()


def test_pause_nests_and_restores() -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause ending does not resume it
    assert gc.isenabled()


def test_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_pause_restores_after_an_error() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError
    assert gc.isenabled()


def test_overlapping_pauses_in_threads_resume_only_at_the_last() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with paused_gc():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with paused_gc():
        thread.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other thread is still inside its pause
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_import_reads_and_merges_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def read_wxr(path: Path, progress: object = None) -> ReadResult:
        seen.append(gc.isenabled())
        return ReadResult(source=str(path))

    monkeypatch.setattr(importer, "read_wxr", read_wxr)
    source = tmp_path / "export.xml"
    source.write_text("<rss/>")
    blog = open_blog(tmp_path / "store")
    try:
        with pytest.raises(FormatError, match="nothing to import"):  # an empty export
            importer.import_path(blog, source)
    finally:
        blog.close()
    assert seen == [False]
    assert gc.isenabled()  # back on, even after the import was refused


def walked_by_passes() -> tuple[list[int], Callable[[str, dict[str, int]], None]]:
    """A gc callback noting, at each collection's start, how many objects it will walk (those
    of the generations it collects)."""
    walked: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            walked.append(sum(len(gc.get_objects(g)) for g in range(info["generation"] + 1)))

    return walked, seen


def test_a_kept_pause_freezes_what_it_made_before_the_collector_is_back_on() -> None:
    """Else the first allocation after the pause starts a pass over everything made inside
    (210,000 comment documents: 0.2-0.4 s holding the interpreter, the UI thread waiting)."""
    gc.collect()
    frozen = gc.get_freeze_count()
    walked, seen = walked_by_passes()
    gc.callbacks.append(seen)
    try:
        with paused_gc(keep=True):
            kept = [[n] for n in range(2 * memory.FREEZE_ABOVE)]  # (lists: always tracked)
        churn = [[n] for n in range(5000)]  # allocations after it: young passes start
    finally:
        gc.callbacks.remove(seen)
    assert walked, "no collection ran after the pause"
    assert max(walked) < len(kept) // 4, walked
    assert gc.get_freeze_count() - frozen >= len(kept)
    assert len(churn) == 5000


def test_a_pause_not_kept_or_of_few_objects_freezes_nothing() -> None:
    """Work that keeps nothing (an import's temporaries), or little (a narrowed figure), is
    left to the collector: frozen objects are never collected, cycles among them leak."""
    with paused_gc():
        made = [[n] for n in range(2 * memory.FREEZE_ABOVE)]
    with paused_gc(keep=True):
        few = [[n] for n in range(100)]
    walked = {id(o) for o in gc.get_objects()}  # (frozen objects are in none of them)
    assert id(made[0]) in walked and id(made[-1]) in walked
    assert id(few[0]) in walked and id(few[-1]) in walked
