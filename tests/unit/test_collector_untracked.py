"""What is kept of a large archive in plain ids and numbers is out of the collector's walks.

A full pass of the collector walks every container it tracks and every item it holds (at
50,000 posts: 28-30 ms a pass for 360,000 such items kept after the list and the search
were ready, and a backup's two manifests, 100,000 lists of three numbers, for the seconds a
backup takes). Tuples of plain values are untracked by the first pass that sees them, dicts
of plain values are never tracked, arrays are walked as one object: checked here with
`gc.is_tracked`, never a time. (The app whole: tests/ui/test_collector_walks.py.)"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from reeltui.services.textindex import TextIndex
from reeltui.store.backup import list_backups
from reeltui.store.backup_take import snapshot
from reeltui.store.files import Files
from reeltui.store.layout import POST


def test_a_backups_signatures_are_untracked(store_path: Path) -> None:
    made = snapshot(store_path)
    for backup in (made, *list_backups(store_path)):
        gc.collect()
        signatures = list(backup.files.values())
        assert len(signatures) > 5
        assert not any(gc.is_tracked(s) for s in signatures)


def test_a_text_index_keeps_its_ids_untracked() -> None:
    index = TextIndex((f"p{i}", f"text {i}") for i in range(500))
    index.set("p-new", "a new text")
    gc.collect()
    kept = [v for v in vars(index).values() if isinstance(v, list | set | tuple | dict)]
    assert not [v for v in kept if len(v) >= 500 and gc.is_tracked(v)]
    assert index.search("new") == ["p-new"]
    assert index.search("text 49", newest_first=True)[0] == "p499"


def test_a_folders_listing_is_untracked(store_path: Path) -> None:
    files = Files(store_path, threading.RLock())
    listed = files.listing(POST.path)
    assert listed
    assert not any(gc.is_tracked(names) for names in files._names.values())
