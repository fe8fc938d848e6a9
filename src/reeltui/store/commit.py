"""A change of several store files that lands whole or not at all, whatever happens.

    write every new file under a temporary name in the store's folder (nothing changed yet)
    make them durable (fsync each, or one syncfs for many)
    write journal.json: the list of renames and deletions              <- the commit point
    rename each temporary file into place, delete what goes
    remove journal.json

A crash (kill -9, power) or a full disk before the journal is written leaves the store as it
was: the temporary files are only garbage, removed by the next writer (`sweep`). After the
journal is written the change is decided: the next writer to open the store finishes it
(`roll_forward`), and a reader that opens the store meanwhile reads through the journal
(`overlay`). Replaying a journal is idempotent: a rename whose source is gone was done.

A change of a single file needs none of this: `replace_file` (temp file, fsync, rename) is
atomic by itself.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from reeltui.domain.patterns import lazy
from reeltui.errors import ReelError
from reeltui.store.layout import JOURNAL_FILE
from reeltui.store.storage import fsync_dir, replace_file, write_all

MANY = 24  # files in one change above which one syncfs beats an fsync per file
_TMP = lazy(r"^\.(.+)\.(\d+)\.(tmp|new)$")  # `temp_name`, and `replace_file`'s


@functools.cache
def _syncfs_function() -> Any:
    import ctypes  # loaded by a big commit only

    # The process's own symbols (libc is loaded): `ctypes.util.find_library` runs `ldconfig`
    # in a forked child, and a child forked while the store's lock is held holds it too
    # until its exec — a kill -9 of this process then left the lock taken for a moment.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


def syncfs(folder: Path) -> None:
    """Make every written file of the file system holding `folder` durable (Linux syncfs;
    elsewhere the whole machine's `sync`)."""
    call = _syncfs_function()
    if call is None:
        os.sync()
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        if call(fd) != 0:
            import ctypes

            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    finally:
        os.close(fd)


def temp_name(root: Path, rel: str, suffix: str = "new") -> Path:
    """Where the new content of `rel` is written first: in the store's own folder (one folder
    to make durable for any number of files, one folder to sweep after a crash)."""
    return root / f".{rel.replace('/', '~')}.{os.getpid()}.{suffix}"


def _write_temp(tmp: Path, payload: bytes, mode: int, sync: bool) -> Path:
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            write_all(fd, payload)
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def file_mode(path: Path, default: int) -> int:
    """The permissions `path` has now (kept by the rewrite), else `default`."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return default


def commit(
    root: Path,
    changes: dict[str, bytes | None] | Iterable[tuple[str, bytes | None]],
    new_mode: int = 0o644,
    moves: list[tuple[str, str]] | None = None,
    count: int | None = None,
) -> None:
    """Apply `changes` (path relative to `root` -> new content, None to delete; a dict, or
    pairs produced one at a time when there are `count` of them) and `moves` (existing file
    -> new place, e.g. into a backup) atomically. No path may be both moved and written.

    Raises OSError when it failed before the commit point (nothing changed, no temp file
    left) and `Unfinished` when it failed after it (the next writer to open finishes it).
    """
    pairs = changes.items() if isinstance(changes, dict) else changes
    total = len(changes) if isinstance(changes, dict) else (count or 0)
    if total == 1 and not moves and isinstance(changes, dict):
        rel, payload = next(iter(changes.items()))
        if payload is not None:  # one file: its rename is atomic by itself
            path = root / rel
            _make_folder(path.parent, root)
            tmp = _write_temp(temp_name(root, rel, "tmp"), payload, file_mode(path, new_mode), True)
            try:
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise
            fsync_dir(path.parent)
            return
    temps: list[Path] = []
    renames: list[list[str]] = []
    deletes: list[str] = []
    many = total > MANY
    try:
        for rel, payload in pairs:
            if payload is None:
                deletes.append(rel)
                continue
            path = root / rel
            _make_folder(path.parent, root)
            tmp = temp_name(root, rel)
            temps.append(_write_temp(tmp, payload, file_mode(path, new_mode), sync=not many))
            renames.append([tmp.name, rel])
            del payload
        if many:
            syncfs(root)
        renames += [[src, dst] for src, dst in moves or ()]
        journal = {"renames": renames, "deletes": deletes}
        # The commit point. Its folder's fsync also makes the temp files' names durable.
        replace_file(root / JOURNAL_FILE, orjson.dumps(journal, option=orjson.OPT_INDENT_2))
    except OSError:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    try:
        _apply(root, journal)
    except OSError as exc:
        raise Unfinished(exc) from exc


class Unfinished(ReelError, OSError):
    """The change is committed (journal written) but was not fully applied; the next writer
    to open the store completes it. (The store turns it into a StoreWriteError.)"""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))


def _make_folder(folder: Path, root: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    fsync_dir(folder.parent if folder.parent != folder else root)


def _apply(root: Path, journal: Any) -> None:
    folders: set[Path] = set()
    for tmp_rel, rel in journal.get("renames", []):
        tmp, final = root / tmp_rel, root / rel
        if tmp.exists():
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            folders.add(final.parent)
    for rel in journal.get("deletes", []):
        with contextlib.suppress(FileNotFoundError):
            (root / rel).unlink()
            folders.add((root / rel).parent)
    for folder in folders:
        fsync_dir(folder)
    # Not made durable: if the journal comes back after a crash, replaying it changes nothing.
    (root / JOURNAL_FILE).unlink()


def read_journal(root: Path) -> dict[str, Any] | None:
    """The journal of a committed change not yet fully applied, or None."""
    try:
        raw = (root / JOURNAL_FILE).read_bytes()
    except FileNotFoundError:
        return None
    data = orjson.loads(raw)  # written by replace_file: whole or absent, never torn
    if not isinstance(data, dict):
        raise ValueError("journal.json is not a journal")
    return data


def roll_forward(root: Path) -> bool:
    """Finish a committed change a crash interrupted (a writer, at open). True if one was."""
    journal = read_journal(root)
    if journal is None:
        return False
    _apply(root, journal)
    return True


def overlay(root: Path) -> dict[str, Path | None]:
    """For a reader while a committed change is unfinished: relative path -> the file that
    holds its committed content (None: deleted)."""
    journal = read_journal(root)
    if journal is None:
        return {}
    found: dict[str, Path | None] = {}
    for tmp_rel, rel in journal.get("renames", []):
        if (root / tmp_rel).exists():
            found[rel] = root / tmp_rel
    for rel in journal.get("deletes", []):
        found[rel] = None
    return found


def sweep(folders: Iterable[Path]) -> int:
    """Remove temporary files left by writers that died (not this process's own) in
    `folders` (the store's folder: temp files are written there). Returns how many went."""
    mine = str(os.getpid())
    removed = 0
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                match = _TMP.match(entry.name)
                if match and match.group(2) != mine and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
    return removed
