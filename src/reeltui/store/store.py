"""The reeltui store: a folder of TinyDB JSON files (see `layout` for what lives where).

Opening reads meta.json only (and finishes a change a crash interrupted); every other file is
read when first needed and kept (`files`). Changes are made in memory inside `changing()` (or
`batch()`, `held()`), under one lock, so a commit never sees half of one; `commit()` then
writes every changed file in one atomic step (`writer`, `store.commit`): a single file by rename,
several through the journal. Serialising a file holds the GIL, so files are kept small (a
post, a month of the index, a page of read marks): no commit blocks the UI thread for long.

Threads: changes from any thread; commits are serialised; deferral (`batch`, `held`) applies
to the thread that asked for it only.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.readers import NOBODY, OwnPeople
from reeltui.store import counting, starting
from reeltui.store.backup_thread import Backups
from reeltui.store.datafile import DataFile, Refusal
from reeltui.store.errors import (
    StoreForeign,
    StoreReadOnly,
)
from reeltui.store.files import Files
from reeltui.store.layout import META, META_FILE
from reeltui.store.lock import StoreLock
from reeltui.store.opening import (
    STORE_INFO,
    examine,
    now_iso,
    store_exists,
)
from reeltui.store.writer import CommitHook, Writer

__all__ = ["Store", "now_iso", "store_exists"]


class Store:
    """An open store. Use `Store.open()`; close it (or use it as a context manager)."""

    def __init__(self, path: Path, read_only: bool, lock: StoreLock | None) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self.mutex = threading.RLock()  # held while records change and while they are copied
        self._local = threading.local()  # .depth, .held: this thread's deferral
        self.files = Files(path, self.mutex)
        self.writer = Writer(path, self.files, self.mutex)  # commits (see writer.py)
        self.backups = Backups(path)
        self.info: dict[str, Any] = {}
        self.own: OwnPeople = NOBODY  # whom the index's readers' counts leave out
        self.counted = True  # the index holds readers' counts (False: its fields are older)
        self.migrated_from: int | None = None
        self.skipped: list[str] = []  # files whole-archive scans could not read (`records`)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        create: bool = True,
        wait: float = 0.0,
    ) -> Store:
        """Open (or create, when `create` and the folder is new or empty) the store at
        `path`. A writer waits up to `wait` seconds for another writer's lock.

        Raises a StoreError subclass with a clear message for a foreign, corrupt, too new
        or locked store; the files are left untouched in every error case. Reading never
        writes: a read-only open of a store that does not exist fails.
        """
        folder = Path(path).expanduser()
        is_new = examine(folder)
        if is_new:
            if read_only or not create:
                raise StoreForeign(f"no reeltui store at {folder}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreForeign(f"cannot create a store at {folder}: {exc.strerror}") from exc
        lock = None
        if not read_only:
            lock = StoreLock(folder)
            lock.acquire(timeout=wait)
        store = cls(folder, read_only, lock)
        try:
            starting.start(store, is_new)
        except BaseException:
            store.close()
            raise
        return store

    # -- what the index was counted with (see counting.py) --------------------------------

    def _reindex_if_fields_changed(self) -> None:
        counting.reindex_if_fields_changed(self)

    def recount(self, own: OwnPeople, save: bool = True) -> list[PostSummary]:
        """Count the readers' comments again with `own` (see counting.recount)."""
        return counting.recount(self, own, save)

    def record_own(self, own: OwnPeople) -> None:
        """From now on count with `own` (see counting.record_own)."""
        counting.record_own(self, own)

    # -- files ---------------------------------------------------------------------------

    def file(self, rel: str) -> DataFile:
        """The file `rel` of the store, read (and checked by the gate) on first use."""
        return self.files.get(rel)

    def peek(self, rel: str) -> DataFile:
        """The file `rel` as `file` gives it, but not kept in memory when it was not
        (a whole-archive scan: check, repair)."""
        return self.files.peek(rel)

    def cached(self, rel: str) -> DataFile | None:
        return self.files.cached(rel)

    def stored_bytes(self, folder: str, names: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
        """The files `names` of `folder` with their bytes as committed, None for one in
        memory (see Files.stored_bytes)."""
        return self.files.stored_bytes(folder, names)

    def listing(self, folder: str) -> list[str]:
        """Names of the table files in `folder`, as committed, plus those made since."""
        return self.files.listing(folder)

    def refusals(self) -> list[Refusal]:
        """What the gate refused in the files read so far."""
        return self.files.refusals()

    def adopt(self, found: DataFile) -> None:
        """Put `found` in place of the file of the same path (repair; inside `changing()`)."""
        with self.mutex:
            self.files.replace(found)
            self.changed(found)

    # -- changing ------------------------------------------------------------------------

    def ensure_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.path} is open read-only; nothing was saved")
        if self.writer.broken is not None:
            raise self.writer.broken

    @property
    def _depth(self) -> int:
        depth: int = getattr(self._local, "depth", 0)
        return depth

    @contextlib.contextmanager
    def changing(self, *tables: str) -> Iterator[None]:
        """Change records inside (`file(...).table(...)[id] = doc`, then `changed(file)`);
        the change is committed at the end of the outermost block of this thread, unless
        the thread is inside `held()`."""
        self.ensure_writable()
        with self.mutex:
            self._local.depth = self._depth + 1
            try:
                yield
            finally:
                self._local.depth -= 1
        if self._depth == 0 and not getattr(self._local, "held", 0):
            self.commit()

    batch = changing  # several changes, one commit (table names are accepted, not needed)

    def changed(self, found: DataFile) -> None:
        """Mark `found` as changed (call inside `changing()`)."""
        self.writer.changed(found)

    @contextlib.contextmanager
    def held(self) -> Iterator[Callable[[], None]]:
        """This thread's changes inside stay in memory; they reach the disk when the
        `flush` it yields is called, typically from a background thread so a screen never
        waits on the disk. Until then a crash loses them: acknowledge after `flush`."""
        with self.mutex:
            self._local.held = getattr(self._local, "held", 0) + 1
            self._local.depth = self._depth + 1
            upto = [0]
            try:
                yield lambda: self.flush(upto[0])
            finally:
                self._local.depth -= 1
                self._local.held -= 1
                upto[0] = self.writer.seq

    def flush(self, upto: int | None = None) -> None:
        """Commit pending changes; raise if the changes up to `upto` are not on disk."""
        self.writer.flush(upto)

    def commit(self) -> None:
        """Write every changed file, in one atomic step (see writer.py)."""
        self.writer.commit()

    def on_commit(self, hook: CommitHook) -> None:
        """Call `hook(relative paths written)` after each successful commit."""
        self.writer.hooks.append(hook)

    def off_commit(self, hook: CommitHook) -> None:
        if hook in self.writer.hooks:
            self.writer.hooks.remove(hook)

    def forget(self) -> None:
        """Drop every cached file that has no unsaved change (re-read on next use)."""
        self.files.forget()

    # -- info ----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.info.get("schema", 0))

    def meta_doc(self, doc_id: str) -> dict[str, Any] | None:
        """A document of meta.json ("sync", ...), or None."""
        meta = self.file(META_FILE)
        found = meta.good(META.name).get(doc_id)
        return found if isinstance(found, dict) else None

    def put_meta_doc(self, doc_id: str, doc: dict[str, Any]) -> None:
        if doc_id == STORE_INFO:
            raise ValueError("the store's own information is not changed this way")
        with self.changing():
            meta = self.file(META_FILE)
            meta.table(META.name)[doc_id] = doc
            self.changed(meta)

    def writes(self, folder: str) -> int:
        """How many times a file of `folder` ("posts", "drafts.json") was written."""
        return self.writer.file_writes.get(folder, 0)

    def back_up(self) -> None:
        """Back up the store soon, whatever the interval: after a change that brought much in
        at once (an import, a sync pull), so the newest backup holds it. In the background,
        once this thread's changes are committed; closing the store waits for it."""
        if self.read_only:
            return
        if not (self._depth or getattr(self._local, "held", 0)):
            self.backups.request()
            return

        def committed(written: list[str]) -> None:
            self.off_commit(committed)
            self.backups.request()

        self.on_commit(committed)

    def close(self) -> None:
        self.backups.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
