"""Files written so a crash never leaves half of one, and read so a special file never hangs.

Each write goes to a temporary file in the same folder, is fsynced, renamed over the old
file with os.replace, and the folder is fsynced: after a crash at any instant the file holds
either the old or the new content. The file keeps its permissions across the rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from reeltui.store import jsonload
from reeltui.store.errors import StoreCorrupt, StoreForeign, StoreWriteError


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, payload: bytes) -> None:
    """Write every byte of `payload` to `fd` (os.write may write fewer than asked)."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def replace_file(path: Path, payload: bytes, mode: int | None = None) -> None:
    """Replace `path` with `payload` crash-safely: temp file + fsync + rename + fsync of the
    folder. The file keeps its permissions (new: 0644), or gets `mode`. Raises OSError, and
    then the previous file is intact and no temp file is left."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            write_all(fd, payload)
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


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at `path`. A FIFO, a device or a socket put in place of
    a store file is refused at once (opened without blocking, then checked), never read."""
    return read_regular_as_of(path)[0]


def read_regular_as_of(path: Path) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the file's status taken once its bytes were read (a change
    made in place meanwhile shows in its change time)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise StoreCorrupt(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StoreForeign(
                f"{path} is {_kind(info.st_mode)}, not a file; a store holds plain JSON files "
                "(nothing was read or changed)"
            )
        chunks = []
        while chunk := os.read(fd, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks), os.fstat(fd)
    except OSError as exc:
        raise StoreCorrupt(f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def regular_bytes_in(folder: Path, names: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """Each of `names` with the bytes of that regular file in `folder` (None: not a regular
    file, or not readable): `read_regular` for many files of one folder, opened relative to
    it (no path made and parsed per file: a scan of 50,000 post files)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        where = os.open(folder, flags | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield from ((name, None) for name in names)
        return
    try:
        for name in names:
            yield name, _regular_at(where, name, flags)
    finally:
        os.close(where)


def _regular_at(folder: int, name: str, flags: int) -> bytes | None:
    try:
        fd = os.open(name, flags, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        raw = os.read(fd, info.st_size + 1)
        if len(raw) <= info.st_size:
            return raw
        chunks = [raw]  # (it grew meanwhile)
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def read_json_file(path: Path) -> Any:
    return parse_json(path, read_regular(path))


def parse_json(path: Path, raw: bytes) -> Any:
    """The JSON `raw` read from `path` (StoreCorrupt, naming it, when it is not JSON)."""
    try:
        return jsonload.loads(raw)  # a big table in pieces: a lower memory peak
    except orjson.JSONDecodeError as exc:
        raise StoreCorrupt(
            f"{path} is not valid JSON ({exc}); the file was left untouched"
        ) from exc
