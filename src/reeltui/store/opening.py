"""Before and while a store opens: is this folder a store, a new one, or something else; the
meta file of a new store; the upgrade of an older one written in one journaled step."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from reeltui.domain.listing import ROW_FIELDS
from reeltui.store import commit as commits
from reeltui.store.backup import BACKUP_DIR
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreCorrupt, StoreError, StoreForeign, StoreWriteError
from reeltui.store.layout import (
    JOURNAL_FILE,
    META,
    META_FILE,
    SEARCH_FILE,
    data_folders,
    whole_files,
)
from reeltui.store.lock import LOCK_NAME, PID_NAME
from reeltui.store.schema import APP_NAME, SCHEMA_VERSION, V1_FILES
from reeltui.store.storage import fsync_dir, read_regular, replace_file

STORE_INFO = "store"
STORE_NAMES = {META_FILE, JOURNAL_FILE, SEARCH_FILE, *whole_files(), *data_folders()}
KNOWN_FILES = {LOCK_NAME, PID_NAME, BACKUP_DIR, *STORE_NAMES, *V1_FILES}
KNOWN_FILES |= {f"{SEARCH_FILE}-journal", f"{SEARCH_FILE}-wal", f"{SEARCH_FILE}-shm"}


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def examine(folder: Path) -> bool:
    """Is `folder` a place for a new store (True), an existing store (False)? Raises for
    anything else: a file, a special file, a foreign folder, a store without meta.json."""
    try:
        exists = folder.exists()
    except OSError as exc:
        raise StoreForeign(f"cannot look at {folder}: {exc.strerror or exc}") from exc
    if not exists:
        return True
    if not folder.is_dir():
        raise StoreForeign(
            f"{folder} is a file, not a reeltui store (a store is a folder holding "
            f"{META_FILE}, posts-index/, posts/...)"
        )
    meta = folder / META_FILE
    if meta.exists() or meta.is_symlink():
        return False
    names = {p.name for p in folder.iterdir()}
    data = names & (STORE_NAMES | V1_FILES) - {LOCK_NAME, PID_NAME}
    if data:
        raise StoreCorrupt(
            f"{folder} has store files ({', '.join(sorted(data)[:4])}) but no {META_FILE}; "
            "it was left untouched (`reeltui check --repair` can restore a backup)"
        )
    if names - KNOWN_FILES:
        raise StoreForeign(
            f"{folder} is not a reeltui store: it has other files and no {META_FILE}"
        )
    return True


def store_exists(folder: Path) -> bool:
    """Does `folder` hold a store (meta.json), or the remains of one?"""
    try:
        return not examine(folder.expanduser())
    except StoreError:
        return True


def create_meta(folder: Path) -> None:
    info = {
        "app": APP_NAME,
        "schema": SCHEMA_VERSION,
        "created": now_iso(),
        "index": list(ROW_FIELDS),
    }
    meta = DataFile(META_FILE, {META.name: {STORE_INFO: info}})
    replace_file(folder / META_FILE, meta.payload(), 0o644)


def write_upgrade(
    folder: Path, files: list[DataFile], moved: tuple[str, ...], kept: Path, mode: int
) -> None:
    """Write the upgraded store's `files` and move the old files `moved` into `kept`, in one
    journaled commit (the files kept in place are copied there first)."""
    changes: dict[str, bytes | None] = {f.rel: f.payload() for f in files}
    for stale in kept.parent.glob(kept.name.rsplit("-", 1)[0] + "-*"):
        shutil.rmtree(stale, ignore_errors=True)  # an upgrade that was interrupted
    try:
        kept.mkdir(parents=True, exist_ok=True)
        for name in (META_FILE, *whole_files()):  # kept in place, copied as they were
            if (folder / name).is_file():
                replace_file(kept / name, read_regular(folder / name))
        fsync_dir(kept.parent)
        # One step: the new files in, the old ones into the backup (kept, not deleted).
        rel_kept = kept.relative_to(folder)
        moves = [(name, f"{rel_kept}/{name}") for name in moved if (folder / name).exists()]
        commits.commit(folder, changes, mode, moves=moves)
    except OSError as exc:
        raise StoreWriteError(
            f"could not upgrade {folder} to schema {SCHEMA_VERSION}: "
            f"{exc.strerror or exc}; the store was left as it was"
        ) from exc
