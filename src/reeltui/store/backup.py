"""Rotating backups of a store: the last few copies of its files, in `backups/`.

A backup is taken in the background after a store is opened for writing, at most once every
`backup_interval()` seconds, and after each import and sync pull that changed the store
(`Backups.request`, whatever the interval: the newest backup then holds what came in), so
opening, saving and autosaving never wait for it (closing the store waits for a backup under
way). Each backup is a folder `backups/<UTC time>/` holding
copies of the store's files (same relative paths) and a `manifest.json` written last; it is
built under a temporary name and renamed into place, so a crash while backing up leaves no
half backup. A file unchanged since the previous backup is hard-linked to that backup's copy
instead of copied (the store never changes a file in place: every save writes a new file), so
backing up a big archive that barely changed costs a link per file. Files are copied, not
linked to the live ones, so a file edited in place by hand never changes its backups.

`check --repair` reads backups record by record (`Backup.file`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from reeltui.domain.patterns import lazy
from reeltui.store import datafile
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreError
from reeltui.store.layout import META_FILE, data_folders, whole_files
from reeltui.store.storage import fsync_dir

BACKUP_DIR = "backups"
MANIFEST = "manifest.json"
KEEP = 5
DEFAULT_INTERVAL = 600.0  # seconds between two backups of one store
_STAMP = "%Y%m%dT%H%M%S%fZ"
_STAMPED = lazy(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{1,6})Z")


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
    # relative path -> (size, mtime_ns, inode) of the store's file: tuples, untracked by the
    # collector's first pass over them (a list each: 100,000 lists at 50,000 posts, the
    # backup's and the one before's, walked by every full pass while a backup is made)
    files: dict[str, tuple[int, ...]]

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S UTC")

    def file(self, rel: str) -> DataFile | None:
        """The backed-up copy of `rel`, read and checked; None if absent or unreadable."""
        if rel not in self.files:
            return None
        try:
            return datafile.load(self.path, rel)
        except StoreError:
            return None


def list_backups(folder: Path) -> list[Backup]:
    """The complete backups of the store at `folder`, newest first."""
    found = []
    root = folder / BACKUP_DIR
    if not root.is_dir():
        return []
    for entry in root.iterdir():
        try:
            taken = stamp_time(entry.name).replace(tzinfo=dt.UTC)
            manifest = orjson.loads((entry / MANIFEST).read_bytes())
            files = {str(k): tuple(v) for k, v in manifest["files"].items()}
        except (ValueError, OSError, KeyError, TypeError, AttributeError, orjson.JSONDecodeError):
            continue  # not a backup, or an incomplete one
        found.append(Backup(entry, taken, files))
    found.sort(key=lambda b: b.taken, reverse=True)
    return found


def store_files(folder: Path) -> dict[str, os.stat_result]:
    """Every table file of the store at `folder` (relative path -> its stat)."""
    out: dict[str, os.stat_result] = {}
    for name in [META_FILE, *whole_files()]:
        with contextlib.suppress(OSError):
            info = (folder / name).stat()
            out[name] = info
    for sub in data_folders():
        try:
            entries = list(os.scandir(folder / sub))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        out[f"{sub}/{entry.name}"] = entry.stat()
    return out


def _signature(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def snapshot(folder: Path, keep: int = KEEP) -> Backup:
    """Back up the store at `folder` now; keep the `keep` newest backups. The caller holds
    the store's lock (saves replace files meanwhile: each file is copied whole, as it was
    at some instant)."""
    from reeltui.store.commit import syncfs

    root = folder / BACKUP_DIR
    root.mkdir(exist_ok=True)
    for stale in [*root.glob(".tmp-*"), *root.glob(".old-*")]:  # left by a killed backup
        shutil.rmtree(stale, ignore_errors=True)
    found = list_backups(folder)
    for old in found[max(keep - 1, 1) :]:  # room for the new one first: never more than keep
        _drop(old.path)
    previous = next(iter(found), None)
    now = dt.datetime.now(dt.UTC)
    if previous is not None and now <= previous.taken:
        now = previous.taken + dt.timedelta(microseconds=1)
    stamp = now.strftime(_STAMP)
    tmp = root / f".tmp-{stamp}"
    tmp.mkdir()
    try:
        files = _fill(folder, tmp, previous)
        manifest: dict[str, Any] = {"taken": now.isoformat(), "files": files}
        (tmp / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        syncfs(tmp)
        fsync_dir(tmp)
        os.replace(tmp, root / stamp)
    except OSError:  # a full disk: give the room back at once, the store's saves need it
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(root)
    backups = list_backups(folder)
    for old in backups[keep:]:
        _drop(old.path)
    if not backups:  # another process's backup of this store made room meanwhile
        raise OSError(errno.ENOENT, "the backup was removed by another backup of the store")
    return backups[0]


def _fill(folder: Path, tmp: Path, previous: Backup | None) -> dict[str, tuple[int, ...]]:
    """Copy (or link, when unchanged since `previous`) the store's files into `tmp`."""
    files: dict[str, tuple[int, ...]] = {}
    for rel, info in store_files(folder).items():
        signature = _signature(info)
        copy = tmp / rel
        copy.parent.mkdir(exist_ok=True)
        if previous is not None and previous.files.get(rel) == signature:
            with contextlib.suppress(OSError):
                os.link(previous.path / rel, copy)
        if not copy.exists():
            try:
                shutil.copyfile(folder / rel, copy)
            except FileNotFoundError:
                continue  # replaced or removed meanwhile: the next backup has it
        files[rel] = signature
    return files


def _drop(backup: Path) -> None:
    """Delete a backup: renamed out of the list first, so that a kill halfway through never
    leaves a listed backup with files missing (the next snapshot removes the rest)."""
    gone = backup.with_name(f".old-{backup.name}")
    try:
        os.replace(backup, gone)
    except OSError:
        return
    shutil.rmtree(gone, ignore_errors=True)


def stamp_time(name: str) -> dt.datetime:
    """The time a backup folder's name (`_STAMP`) tells, as `strptime` reads it (ValueError:
    not a backup's name). By hand: the opening of a store checks its newest backup, and
    `strptime`'s first call imports and compiles its locale-aware patterns."""
    found = _STAMPED.fullmatch(name)
    if found is None:
        raise ValueError(f"not a backup's name: {name!r}")
    year, month, day, hour, minute, second, fraction = found.groups()
    return dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second),
        int(fraction.ljust(6, "0")),
    )  # fmt: skip


def newest_taken(folder: Path) -> dt.datetime | None:
    """When the newest complete backup of the store at `folder` was taken (None: none).
    The folders' names are their times; the newest whose manifest is whole counts. A backup
    is made in a temporary folder renamed into place once its manifest is written and
    synced, so a stamped folder's manifest is whole unless damaged since: its end is read,
    not the whole file (at 50,000 posts a manifest is 4.5 MB, and parsing it was most of
    the store's opening). `list_backups` reads and checks every manifest in full."""
    root = folder / BACKUP_DIR
    stamped = []
    with contextlib.suppress(OSError):
        for entry in root.iterdir():
            with contextlib.suppress(ValueError):
                stamped.append((stamp_time(entry.name), entry))
    for taken, entry in sorted(stamped, key=lambda found: found[0], reverse=True):
        if _whole(entry / MANIFEST):
            return taken.replace(tzinfo=dt.UTC)
    return None


def _whole(manifest: Path) -> bool:
    """The manifest ends as a JSON object does (a cut or emptied one does not)."""
    try:
        with manifest.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - 64))
            tail = file.read().rstrip()
    except OSError:
        return False
    return size > 2 and tail.endswith(b"}")


def due(folder: Path, interval: float | None = None) -> bool:
    interval = backup_interval() if interval is None else interval
    newest = newest_taken(folder)
    if newest is None:
        return True
    age = dt.datetime.now(dt.UTC) - newest
    return not dt.timedelta(0) <= age < dt.timedelta(seconds=interval)


class Backups:
    """The background backups of one open store: one at open when the newest is old enough
    (`start`), and one after each change worth a copy at once (`request`: an import, a sync
    pull), whatever the interval. One thread backs up at a time; a request made while a
    backup runs is served by one more backup after it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()
        self._wanted = False  # a backup is asked for and not started yet
        self.taken: Backup | None = None
        self.error: str = ""

    def start(self) -> None:
        """Back up in a background thread if the newest backup is old enough."""
        try:
            if not due(self.folder):
                return
        except OSError:
            return
        self.request()

    def request(self) -> None:
        """Back up soon, in a background thread (closing the store waits for it)."""
        with self._guard:
            self._wanted = True
            if self._thread is None:  # else the running thread takes one more backup
                self._thread = threading.Thread(
                    target=self._run, name="reeltui-backup", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                with self._guard:
                    if not self._wanted:
                        self._thread = None  # a request from now on starts another thread
                        return
                    self._wanted = False
                try:
                    self.taken = snapshot(self.folder)
                    self.error = ""
                except OSError as exc:  # saving the user's work matters more than backing up
                    self.error = exc.strerror or str(exc)
        except BaseException:  # a bug: reported by the thread's hook; never a stuck `wait`
            with self._guard:
                self._thread, self._wanted = None, False
            raise

    def wait(self) -> None:
        """Until no backup is under way or asked for."""
        while True:
            with self._guard:
                thread = self._thread
            if thread is None:
                return
            thread.join()

    stop = wait

    def migration_folder(self, version: int) -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)
        return self.folder / BACKUP_DIR / f"schema-{version}-{stamp}"
