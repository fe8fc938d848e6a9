"""Taking one backup of a store (`snapshot`): a folder `backups/<UTC time>/` holding copies of
the store's files (same relative paths) and a `manifest.json` written last, built under a
temporary name and renamed into place, so a crash while backing up leaves no half backup. A
file unchanged since the previous backup is hard-linked to that backup's copy instead of copied
(the store never changes a file in place: every save writes a new file), so backing up a big
archive that barely changed costs a link per file. Files are copied, not linked to the live
ones, so a file edited in place by hand never changes its backups. The oldest backups past
`KEEP` are dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
from pathlib import Path
from typing import Any

import orjson

from reeltui.store.backup import BACKUP_DIR, KEEP, MANIFEST, STAMP, Backup, list_backups
from reeltui.store.layout import META_FILE, data_folders, whole_files
from reeltui.store.storage import fsync_dir


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
    stamp = now.strftime(STAMP)
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
