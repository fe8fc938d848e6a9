"""Whether a backup is due at open is told by the newest complete backup alone, and no
manifest is parsed for it (each lists every file of the store: at 50,000 posts opening the
store spent a fifth of a second reading them all, then ~50 ms parsing the newest one's 4.5
MB): its end is read. An incomplete newest backup (no manifest, a cut or emptied one) is
passed over, as `list_backups` passes it over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reeltui.store import backup
from reeltui.store.backup import BACKUP_DIR, MANIFEST, due, list_backups, newest_taken
from reeltui.store.backup_take import snapshot


def _store_with_backups(store_path: Path, count: int) -> list[Path]:
    folders = []
    for _ in range(count):
        folders.append(snapshot(store_path).path)
    return folders


def test_no_manifest_is_parsed(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _store_with_backups(store_path, 3)
    read: list[str] = []
    load = backup.orjson.loads

    def counted(data: bytes) -> object:
        read.append("manifest")
        return load(data)

    monkeypatch.setattr(backup.orjson, "loads", counted)
    assert not due(store_path, interval=3600)  # taken just now
    assert read == []


def test_an_incomplete_newest_backup_is_passed_over(store_path: Path) -> None:
    older, newer = _store_with_backups(store_path, 2)
    assert newest_taken(store_path) == list_backups(store_path)[0].taken
    (newer / MANIFEST).write_bytes(b'{"files": 3')  # damaged: not a complete backup
    assert newest_taken(store_path) == list_backups(store_path)[0].taken
    assert list_backups(store_path)[0].path == older
    (newer / MANIFEST).write_bytes(b"")  # emptied
    assert newest_taken(store_path) == list_backups(store_path)[0].taken
    (older / MANIFEST).unlink()  # no complete backup left
    assert newest_taken(store_path) is None and due(store_path, interval=3600)
    stray = store_path / BACKUP_DIR / "not-a-backup"
    stray.mkdir()
    assert newest_taken(store_path) is None


def test_an_old_backup_makes_one_due(store_path: Path) -> None:
    _store_with_backups(store_path, 1)
    taken = newest_taken(store_path)
    assert taken is not None and taken <= dt.datetime.now(dt.UTC)
    assert due(store_path, interval=0)
