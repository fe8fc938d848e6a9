"""A TinyDB storage that never rewrites a file in place.

Each write goes to a temporary file in the same folder, is fsynced, renamed over the old
file with os.replace, and the folder is fsynced: after a crash at any instant the file holds
either the old or the new content. Data is parsed once with orjson and kept in memory (the
store's lock guarantees nobody else writes the file while we hold it).

Threads: flushes of one file are serialised (a lock), and deferring writes (`deferred`,
`held`) applies to the thread that asked for it only, so a save running in a background
thread never waits on, or is folded into, another thread's batch.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from reeltui.store import jsonload
from reeltui.store.errors import StoreCorrupt, StoreReadOnly, StoreWriteError


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_file(path: Path, payload: bytes, mode: int | None = None) -> None:
    """Replace `path` with `payload` crash-safely: temp file + fsync + rename + fsync of the
    folder. The file keeps its permissions (new: 0644), or gets `mode`. Raises OSError, and
    then the previous file is intact and no temp file is left."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(path).st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """`replace_file` for the store: StoreWriteError (one clear line) when it fails."""
    try:
        replace_file(path, payload)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreWriteError(
            f"could not save {path}: {reason}; the previous version of the file is intact"
        ) from exc


def read_json_file(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StoreCorrupt(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return jsonload.loads(raw)  # a big table in pieces: a lower memory peak
    except orjson.JSONDecodeError as exc:
        raise StoreCorrupt(
            f"{path} is not valid JSON ({exc}); the file was left untouched"
        ) from exc


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, cached in memory, crash-safe writes, optional read-only."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._data: dict[str, dict[str, Any]] | None = None
        self._local = threading.local()  # .deferred: this thread's depth of deferral
        self._flush_lock = threading.Lock()
        self._dirty = False
        self.writes = 0  # number of files actually written (for tests and benchmarks)

    def load(self) -> dict[str, dict[str, Any]]:
        """Parse the file (once) and check it is shaped as a TinyDB file."""
        if self._data is None:
            if not self.path.exists():
                self._data = {}
            else:
                data = read_json_file(self.path)
                if not isinstance(data, dict) or not all(
                    isinstance(t, dict) for t in data.values()
                ):
                    raise StoreCorrupt(
                        f"{self.path} is valid JSON but not a TinyDB table file; "
                        "the file was left untouched"
                    )
                self._data = data
        return self._data

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.load()

    def ensure_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.path} is open read-only; nothing was saved")

    @property
    def _deferred(self) -> int:
        depth: int = getattr(self._local, "deferred", 0)
        return depth

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.ensure_writable()
        self._data = data
        self._dirty = True
        if not self._deferred:
            self._flush()

    def flush(self) -> None:
        """Write the file if a write is pending (deferred or held); safe from any thread."""
        if self._dirty:
            self._flush()

    def _flush(self) -> None:
        with self._flush_lock:
            data = self._data
            if data is None or not self._dirty:
                return  # another thread's flush already wrote this change
            # Cleared before the snapshot: a change made after it marks the file dirty again.
            self._dirty = False
            payload = orjson.dumps(data, option=orjson.OPT_INDENT_2)  # holds the GIL
            try:
                atomic_write_bytes(self.path, payload)
            except StoreWriteError:
                # Forget the in-memory change so what we show matches what is on disk.
                self._data = None
                raise
            self.writes += 1

    @contextlib.contextmanager
    def deferred(self, *, flush: bool = True) -> Iterator[None]:
        """Group this thread's writes into one file write at the end of the block (none with
        `flush=False`: the caller flushes later, e.g. from a background thread)."""
        self._local.deferred = self._deferred + 1
        try:
            yield
        finally:
            self._local.deferred -= 1
        if flush and not self._deferred:
            self.flush()

    def close(self) -> None:
        pass
