"""`reeltui posts` looks at the posts' files on disk (a stat each, for the damage marks) in a
thread started before the posts index is read, not after it: the stats' system calls leave
the interpreter to the index's reading (at 50,000 posts the stats were a third of `posts
--json`). What it reports is unchanged (tests/unit/test_damage_named.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reeltui.cli import main
from reeltui.services import damage
from reeltui.store import index

WAIT = 10.0  # seconds an index read waits for the scan to have begun (only the old order waits)


def test_the_files_are_looked_at_while_the_index_is_read(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    events: list[tuple[str, str]] = []
    scanning = threading.Event()
    signatures, read_page = damage.file_signatures, index.read_page

    def scan(folder: Path) -> dict[str, str]:
        events.append(("scan", threading.current_thread().name))
        scanning.set()
        return signatures(folder)

    def page(store: object, rel: str) -> object:
        scanning.wait(WAIT)  # the scan begins first, whatever the threads' timing
        events.append(("page", threading.current_thread().name))
        return read_page(store, rel)  # type: ignore[arg-type]

    monkeypatch.setattr(damage, "file_signatures", scan)
    monkeypatch.setattr(index, "read_page", page)
    assert main(["--store", str(store_path), "posts", "--json"]) == 0
    assert '"damaged": null' in capsys.readouterr().out  # it did list the posts
    scans = [who for what, who in events if what == "scan"]
    assert scans and scans[0] != threading.main_thread().name  # in a thread of its own
    assert events[0][0] == "scan"  # begun before the index was read, not after
