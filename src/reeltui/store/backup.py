"""Rotating backups of a store: the last few good copies of its files, in `backups/`.

A backup is taken when a store is opened for writing (its files have just been read and
found valid), at most once every `backup_interval()` seconds, so saving and autosaving stay
cheap. Each backup is a folder `backups/<UTC time>/` holding copies of the store's files and
a `manifest.json` written last; it is built under a temporary name and renamed into place, so
a crash while backing up leaves no half backup. A file unchanged since the previous backup
is hard-linked to that backup's copy instead of copied (store files are never modified in
place: every save writes a new file), so backing up a big archive that did not change is free.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from reeltui.store.errors import StoreWriteError
from reeltui.store.lock import StoreLock
from reeltui.store.storage import atomic_write_bytes, fsync_dir

BACKUP_DIR = "backups"
MANIFEST = "manifest.json"
KEEP = 5
DEFAULT_INTERVAL = 600.0  # seconds between two backups of one store
_STAMP = "%Y%m%dT%H%M%S%fZ"


def backup_interval() -> float:
    """Seconds between two backups: $REELTUI_BACKUP_EVERY, else 10 minutes."""
    try:
        return max(0.0, float(os.environ.get("REELTUI_BACKUP_EVERY", DEFAULT_INTERVAL)))
    except ValueError:
        return DEFAULT_INTERVAL


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    files: dict[str, list[int]]  # file name -> [size, mtime_ns, inode] of the store's file

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S UTC")


def list_backups(folder: Path) -> list[Backup]:
    """The complete backups of the store at `folder`, newest first."""
    found = []
    root = folder / BACKUP_DIR
    if not root.is_dir():
        return []
    for entry in root.iterdir():
        try:
            taken = dt.datetime.strptime(entry.name, _STAMP).replace(tzinfo=dt.UTC)
            manifest = orjson.loads((entry / MANIFEST).read_bytes())
            files = {str(k): list(v) for k, v in manifest["files"].items()}
        except (ValueError, OSError, KeyError, TypeError, AttributeError, orjson.JSONDecodeError):
            continue  # not a backup, or an incomplete one
        found.append(Backup(entry, taken, files))
    found.sort(key=lambda b: b.taken, reverse=True)
    return found


def _signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def snapshot(folder: Path, names: list[str], keep: int = KEEP) -> Backup:
    """Back up the files `names` of the store at `folder` now; keep the `keep` newest backups.

    The caller holds the store's lock (nobody writes the files meanwhile).
    """
    root = folder / BACKUP_DIR
    root.mkdir(exist_ok=True)
    for stale in root.glob(".tmp-*"):  # left by a backup that was interrupted
        shutil.rmtree(stale, ignore_errors=True)
    previous = next(iter(list_backups(folder)), None)
    now = dt.datetime.now(dt.UTC)
    if previous is not None and now <= previous.taken:
        now = previous.taken + dt.timedelta(microseconds=1)
    stamp = now.strftime(_STAMP)
    tmp = root / f".tmp-{stamp}"
    tmp.mkdir()
    files: dict[str, list[int]] = {}
    for name in names:
        source = folder / name
        if not source.is_file():
            continue
        files[name] = signature = _signature(source)
        copy = tmp / name
        if previous is not None and previous.files.get(name) == signature:
            with contextlib.suppress(OSError):
                os.link(previous.path / name, copy)
        if not copy.exists():
            shutil.copyfile(source, copy)
            _fsync_file(copy)
    manifest: dict[str, Any] = {"taken": now.isoformat(), "files": files}
    (tmp / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    _fsync_file(tmp / MANIFEST)
    fsync_dir(tmp)
    os.replace(tmp, root / stamp)
    fsync_dir(root)
    backups = list_backups(folder)
    for old in backups[keep:]:
        shutil.rmtree(old.path, ignore_errors=True)
    return backups[0]


def maybe_snapshot(folder: Path, names: list[str], interval: float | None = None) -> Backup | None:
    """Back up unless the newest backup is younger than `interval` seconds; never raises
    for a failed backup (saving the user's work matters more than backing it up)."""
    interval = backup_interval() if interval is None else interval
    try:
        newest = next(iter(list_backups(folder)), None)
        age = dt.datetime.now(dt.UTC) - newest.taken if newest else None
        if age is not None and dt.timedelta(0) <= age < dt.timedelta(seconds=interval):
            return None
        return snapshot(folder, names)
    except OSError:
        return None


def restore(folder: Path, backup: Backup, names: list[str]) -> Path:
    """Put the files of `backup` back in the store at `folder`; returns the folder where the
    replaced files were kept (`backups/broken-<time>/`). Takes the store's lock."""
    lock = StoreLock(folder)
    lock.acquire()
    try:
        stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)
        kept = folder / BACKUP_DIR / f"broken-{stamp}"
        try:
            kept.mkdir(parents=True)
            for name in names:
                if (folder / name).is_file():
                    shutil.copy2(folder / name, kept / name)
        except OSError as exc:
            raise StoreWriteError(
                f"could not keep a copy of the current files in {kept}: "
                f"{exc.strerror or exc}; nothing was restored"
            ) from exc
        # Tables first, meta.json last: until the end the store reads as the old one.
        for name in sorted(names, key=lambda n: n == "meta.json"):
            source = backup.path / name
            if name in backup.files and source.is_file():
                try:
                    payload = source.read_bytes()
                except OSError as exc:
                    raise StoreWriteError(f"cannot read {source}: {exc.strerror}") from exc
                atomic_write_bytes(folder / name, payload)
            elif (folder / name).is_file():  # born after the backup: kept in `kept`
                with contextlib.suppress(FileNotFoundError):
                    (folder / name).unlink()
        return kept
    finally:
        lock.release()
