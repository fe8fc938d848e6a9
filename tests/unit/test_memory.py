"""The garbage-collector pause used by loading and importing: nestable, restores the state."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.domain.memory import paused_gc
from reeltui.formats import FormatError, ReadResult
from reeltui.services import importer
from reeltui.services.session import open_blog


@pytest.fixture(autouse=True)
def _gc_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
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
