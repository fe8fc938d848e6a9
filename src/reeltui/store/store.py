"""The reeltui store: a folder of TinyDB JSON files (see `layout` for what lives where).

Opening reads meta.json only (and finishes a change a crash interrupted); every other file is
read when first needed and kept (`files`). Changes are made in memory inside `changing()` (or
`batch()`, `held()`), under one lock, so a commit never sees half of one; `commit()` then
writes every changed file in one atomic step (`store.commit`): a single file by rename,
several through the journal. Serialising a file holds the GIL, so files are kept small (a
post, a month of the index, a page of read marks): no commit blocks the UI thread for long.

Threads: changes from any thread; commits are serialised; deferral (`batch`, `held`) applies
to the thread that asked for it only.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reeltui.domain.listing import ROW_FIELDS, PostSummary
from reeltui.domain.readers import NOBODY, OwnPeople
from reeltui.store import commit as commits
from reeltui.store import datafile
from reeltui.store.backup import Backups
from reeltui.store.datafile import DataFile, Refusal
from reeltui.store.errors import (
    StoreCorrupt,
    StoreForeign,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
)
from reeltui.store.files import Files
from reeltui.store.layout import JOURNAL_FILE, META, META_FILE, tables_in
from reeltui.store.lock import StoreLock
from reeltui.store.opening import (
    STORE_INFO,
    create_meta,
    examine,
    now_iso,
    store_exists,
    write_upgrade,
)
from reeltui.store.schema import APP_NAME, SCHEMA_VERSION, migrate_files

__all__ = ["Store", "now_iso", "store_exists"]
CommitHook = Callable[[list[str]], None]


class Store:
    """An open store. Use `Store.open()`; close it (or use it as a context manager)."""

    def __init__(self, path: Path, read_only: bool, lock: StoreLock | None) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self.mutex = threading.RLock()  # held while records change and while they are copied
        self._commit_lock = threading.Lock()
        self._local = threading.local()  # .depth, .held: this thread's deferral
        self.files = Files(path, self.mutex)
        self._seq = 0  # number of the last change made in memory
        self._saved = 0  # every change up to this number is on disk
        self._failure: StoreWriteError | None = None
        self._broken: StoreWriteError | None = None  # an unfinished commit: no more writes
        self._hooks: list[CommitHook] = []
        self._new_mode = 0o644
        self.backups = Backups(path)
        self.info: dict[str, Any] = {}
        self.own: OwnPeople = NOBODY  # whom the index's readers' counts leave out
        self.counted = True  # the index holds readers' counts (False: its fields are older)
        self.migrated_from: int | None = None
        self.file_writes: dict[str, int] = {}  # files written per table folder (benchmarks)
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
            store._start(is_new)
        except BaseException:
            store.close()
            raise
        return store

    def _start(self, is_new: bool) -> None:
        if is_new:
            create_meta(self.path)
        if self.read_only:
            try:
                self.files.overlay = commits.overlay(self.path)
            except (OSError, ValueError) as exc:
                raise StoreCorrupt(f"{self.path / JOURNAL_FILE} cannot be read: {exc}") from exc
        else:
            try:
                commits.roll_forward(self.path)
            except (OSError, ValueError) as exc:
                raise StoreCorrupt(
                    f"{self.path} has an unfinished change ({JOURNAL_FILE}) that cannot be "
                    f"completed: {exc}; nothing was changed"
                ) from exc
            self._new_mode = commits.file_mode(self.path / META_FILE, 0o644) & 0o666
            commits.sweep([self.path])
        meta = self.file(META_FILE)
        if meta.refused or not meta.exists:
            raise StoreCorrupt(f"{self.path / META_FILE} is not a valid reeltui meta file")
        info = meta.data.get(META.name, {}).get(STORE_INFO)
        if not isinstance(info, dict) or info.get("app") != APP_NAME:
            raise StoreForeign(f"{self.path / META_FILE} does not describe a reeltui store")
        version = info.get("schema")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StoreCorrupt(f"{self.path / META_FILE} has no valid schema version")
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path} was written by a newer reeltui (schema {version}; this version "
                f"reads up to {SCHEMA_VERSION}); please upgrade reeltui. Nothing was changed."
            )
        self.info = info
        if version < SCHEMA_VERSION:
            self._migrate(version)
        self.own = OwnPeople.from_doc(self.info.get("own"))
        if not self.read_only and not is_new:
            self._reindex_if_fields_changed()
            self.backups.start()  # in the background: opening never waits for it
        # an index of other list fields (read only: nothing rewrote it) has no counts to trust
        self.counted = self.info.get("index") == list(ROW_FIELDS)

    def _reindex_if_fields_changed(self) -> None:
        """The list's fields (`PostSummary`) changed since the index was written (a new
        reeltui): write the index again from the posts' files, once."""
        if self.info.get("index") == list(ROW_FIELDS):
            return
        from reeltui.store.repair import rebuild  # (it uses this module)

        with self.changing():
            rebuild(self, posts_index=True, comment_index=False)
            meta = self.file(META_FILE)
            self.info = {**self.info, "index": list(ROW_FIELDS)}
            meta.table(META.name)[STORE_INFO] = self.info
            self.changed(meta)

    def recount(self, own: OwnPeople, save: bool = True) -> list[PostSummary]:
        """Count the posts' readers' comments again with `own` as the blog's own people,
        from the posts' files in one pass; returns the new summaries. A writer stores them
        and `own` (in meta.json) in one commit: a crash leaves the old counts with the old
        set, counted again at the next open. A reader (or `save=False`) only counts."""
        from reeltui.store.repair import rebuild, summaries

        if self.read_only or not save:
            return summaries(self, own)
        was = self.own, self.info
        try:
            with self.changing():
                self.own = own
                found = rebuild(self, posts_index=True, comment_index=False)
                self.record_own(own)
        except BaseException:
            self.own, self.info = was
            raise
        return found

    def record_own(self, own: OwnPeople) -> None:
        """From now on count with `own` (meta.json says so once this change is committed;
        the caller makes the rows agree in the same change)."""
        with self.changing():
            self.own = own
            meta = self.file(META_FILE)
            self.info = {**self.info, "own": own.to_doc()}
            meta.table(META.name)[STORE_INFO] = self.info
            self.changed(meta)

    def _migrate(self, version: int) -> None:
        """Bring an older store up to date: in memory for a reader (nothing is written),
        on disk for a writer (one journaled change; the old files go to a backup)."""
        files, moved = migrate_files(self, version)
        self.migrated_from = version
        if self.read_only:
            for found in files:
                datafile.check(found, tables_in(found.rel))
            self.files.put(files)
        else:
            kept = self.backups.migration_folder(version)
            write_upgrade(self.path, files, moved, kept, self._new_mode)
            self.forget()
        self.info = self.file(META_FILE).data[META.name][STORE_INFO]

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
        if self._broken is not None:
            raise self._broken

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
        self._seq += 1
        found.change = self._seq
        self.files.mark(found)

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
                upto[0] = self._seq

    def flush(self, upto: int | None = None) -> None:
        """Commit pending changes; raise if the changes up to `upto` are not on disk."""
        self.commit()
        wanted = self._seq if upto is None else upto
        if self._saved < wanted:
            raise self._failure or StoreWriteError(f"could not save to {self.path}")

    def commit(self) -> None:
        """Write every changed file, in one atomic step."""
        with self._commit_lock:
            if self._broken is not None:
                raise self._broken
            with self.mutex:
                dirty = self.files.take_dirty()
                seq = self._seq
                if not dirty:
                    self._saved = max(self._saved, seq)
                    return
                if len(dirty) <= commits.MANY:  # small: copied now, written unlocked
                    changes = {f.rel: None if f.is_empty() else f.payload() for f in dirty}
            try:
                if len(dirty) <= commits.MANY:
                    commits.commit(self.path, changes, self._new_mode)
                else:  # big (an import): copied and written one by one, locked meanwhile
                    with self.mutex:
                        pairs = ((f.rel, None if f.is_empty() else f.payload()) for f in dirty)
                        commits.commit(self.path, pairs, self._new_mode, count=len(dirty))
            except commits.Unfinished as exc:
                self._broken = StoreWriteError(
                    f"a change to {self.path} was saved but not completed "
                    f"({exc.strerror}); it is completed when the store is opened again"
                )
                raise self._broken from exc
            except OSError as exc:
                self.files.not_written(dirty)
                raise self._failed(dirty, exc) from exc
            self.files.written(dirty)
            for found in dirty:
                folder = found.rel.rpartition("/")[0] or found.rel
                self.file_writes[folder] = self.file_writes.get(folder, 0) + 1
            self._saved = max(self._saved, seq)
        written = [f.rel for f in dirty]
        for hook in list(self._hooks):
            hook(written)

    def _failed(self, dirty: list[DataFile], exc: OSError) -> StoreWriteError:
        reason = exc.strerror or str(exc)
        names = ", ".join(sorted(f.rel for f in dirty)[:3]) + (", ..." if len(dirty) > 3 else "")
        self._failure = StoreWriteError(
            f"could not save {names} in {self.path}: {reason}; the previous version of the "
            "files is intact"
        )
        return self._failure

    def on_commit(self, hook: CommitHook) -> None:
        """Call `hook(relative paths written)` after each successful commit."""
        self._hooks.append(hook)

    def off_commit(self, hook: CommitHook) -> None:
        if hook in self._hooks:
            self._hooks.remove(hook)

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
        return self.file_writes.get(folder, 0)

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
