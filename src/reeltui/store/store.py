"""The reeltui store: a folder of TinyDB JSON files, one per concern.

    meta.json      app name and schema version
    posts.json     posts
    comments.json  comments (imported, and local replies)
    drafts.json    working copies of posts being edited (autosave writes only this file)
    revisions.json saved versions of posts
    outbox.json    queued moderation actions and the order of outgoing items
    reads.json     which posts the user has read, and how many comments they had then
    diary.json     the film diary (Letterboxd imports): see store/diary.py

Splitting the files means an autosave rewrites a few kilobytes, not a 100 MB archive.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from reeltui.domain.memory import paused_gc
from reeltui.store.backup import BACKUP_DIR, maybe_snapshot
from reeltui.store.errors import StoreCorrupt, StoreForeign, StoreReadOnly, StoreTooNew
from reeltui.store.lock import LOCK_NAME, PID_NAME, StoreLock
from reeltui.store.schema import APP_NAME, SCHEMA_VERSION, migrate
from reeltui.store.storage import AtomicJSONStorage

TABLES = ("posts", "comments", "drafts", "revisions", "outbox", "reads", "diary")
META_FILE = "meta.json"
STORE_FILES = [META_FILE, *(f"{t}.json" for t in TABLES)]
KNOWN_FILES = {LOCK_NAME, PID_NAME, BACKUP_DIR, *STORE_FILES}


@contextlib.contextmanager
def _bulk_load() -> Iterator[None]:
    """Parse an archive without the garbage collector, then take it out of the GC's sight.

    Parsing 200,000 comments creates millions of containers; with the collector on, each
    of its passes re-walks everything parsed so far (loading takes ~2x longer), and later
    full passes keep walking the archive on every burst of allocations (stalling the UI).
    The data is plain trees of dicts and lists: reference counting frees it without the GC.
    """
    with paused_gc():
        yield
    gc.freeze()


class StrTable(Table):
    """A TinyDB table keyed by our own string ids ("p-her", "c-12") instead of integers."""

    document_id_class = str  # type: ignore[assignment]


class _DB(TinyDB):
    table_class = StrTable


class Store:
    """An open store. Use `Store.open()`; close it (or use it as a context manager)."""

    def __init__(self, path: Path, read_only: bool, lock: StoreLock | None) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._dbs: dict[str, _DB] = {}
        self.tables: dict[str, StrTable] = {}

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = True) -> Store:
        """Open (or create, when `create`) the store at `path`.

        Raises a StoreError subclass with a clear message for a foreign, corrupt, too new
        or locked store; the files are left untouched in every error case.
        """
        folder = Path(path).expanduser()
        if folder.exists() and not folder.is_dir():
            raise StoreForeign(
                f"{folder} is a file, not a reeltui store (a store is a folder holding "
                f"{META_FILE}, posts.json, comments.json...)"
            )
        is_new = not (folder / META_FILE).exists()
        if is_new:
            if folder.is_dir() and any(p.name not in KNOWN_FILES for p in folder.iterdir()):
                raise StoreForeign(
                    f"{folder} is not a reeltui store: it has other files and no {META_FILE}"
                )
            if read_only or not create:
                raise StoreForeign(f"no reeltui store at {folder}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreForeign(f"cannot create a store at {folder}: {exc.strerror}") from exc
        lock = None
        if not read_only:
            lock = StoreLock(folder)
            lock.acquire()
        store = cls(folder, read_only, lock)
        try:
            store._load(is_new)
        except BaseException:
            store.close()
            raise
        return store

    def _load(self, is_new: bool) -> None:
        if not self.read_only:
            for tmp in self.path.glob(".*.tmp"):  # left by a write that was killed
                with contextlib.suppress(OSError):
                    tmp.unlink()
        meta_db = self._open_db("meta")
        meta = meta_db.table("meta")
        if is_new:
            meta.insert(
                Document(
                    {
                        "app": APP_NAME,
                        "schema": SCHEMA_VERSION,
                        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    },
                    doc_id="store",  # type: ignore[arg-type]
                )
            )
        info = get_doc(meta, "store")
        if not isinstance(info, dict) or info.get("app") != APP_NAME:
            raise StoreForeign(f"{self.path / META_FILE} does not describe a reeltui store")
        version = info.get("schema")
        if not isinstance(version, int) or version < 1:
            raise StoreCorrupt(f"{self.path / META_FILE} has no valid schema version")
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path} was written by a newer reeltui (schema {version}; this version "
                f"reads up to {SCHEMA_VERSION}); please upgrade reeltui. Nothing was changed."
            )
        for name in TABLES:
            db = self._open_db(name)
            self.tables[name] = db.table(name)  # type: ignore[assignment]
        # Parse now, so a corrupt file is reported at open; the biggest file first, while
        # little else is in memory: a parse briefly needs ~2x the file on top of its result.
        with _bulk_load():
            for name in sorted(TABLES, key=self._file_size, reverse=True):
                self._storage(name).load()
        if not self.read_only and not is_new:
            maybe_snapshot(self.path, STORE_FILES)  # the files were just found valid
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        if self.read_only:
            raise StoreReadOnly(
                f"{self.path} needs an upgrade (schema {version} -> {SCHEMA_VERSION}); "
                "open it once without --read-only"
            )
        data = {name: self._storage(name).load() for name in TABLES}
        new_version = migrate(data, version)
        with self.batch():
            for name in TABLES:
                self._storage(name).write(data[name])
            self._dbs["meta"].table("meta").update(
                {"schema": new_version},
                doc_ids=["store"],  # type: ignore[list-item]
            )

    def _open_db(self, name: str) -> _DB:
        db = _DB(self.path / f"{name}.json", storage=AtomicJSONStorage, read_only=self.read_only)
        self._dbs[name] = db
        return db

    def _file_size(self, name: str) -> int:
        try:
            return self._storage(name).path.stat().st_size
        except OSError:
            return 0

    def _storage(self, name: str) -> AtomicJSONStorage:
        storage = self._dbs[name].storage
        assert isinstance(storage, AtomicJSONStorage)
        return storage

    # -- use -----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        info = get_doc(self._dbs["meta"].table("meta"), "store")
        assert info is not None
        return int(info["schema"])

    def table(self, name: str) -> StrTable:
        return self.tables[name]

    def meta_table(self) -> StrTable:
        """The table of meta.json: the store's info, and small state such as sync's."""
        return self._dbs["meta"].table("meta")  # type: ignore[return-value]

    def writes(self, name: str) -> int:
        """How many times the file of table `name` was written (for tests and benchmarks)."""
        return self._storage(name).writes

    def file_of(self, name: str) -> Path:
        return self._storage(name).path

    @contextlib.contextmanager
    def batch(self, *names: str) -> Iterator[None]:
        """Group the writes to the given tables (all, by default) into one write per file."""
        chosen = names or tuple(self._dbs)
        with contextlib.ExitStack() as stack:
            # Entered in reverse so files are flushed in TABLES order: posts before the
            # comments that point at them (a crash in between never leaves orphans).
            for name in reversed(chosen):
                stack.enter_context(self._storage(name).deferred())
            yield

    @contextlib.contextmanager
    def held(self) -> Iterator[Callable[[], None]]:
        """This thread's writes inside the block stay in memory; they reach the disk when the
        `flush` it yields is called, typically from a background thread so a screen never
        waits on a 100 MB file. Until then a crash loses them: acknowledge after `flush`."""
        storages = [self._storage(n) for n in ("meta", *TABLES) if n in self._dbs]

        def flush() -> None:
            for storage in storages:  # TABLES order: posts before the comments of them
                storage.flush()

        with contextlib.ExitStack() as stack:
            for storage in storages:
                stack.enter_context(storage.deferred(flush=False))
            yield flush

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cached(table: Table) -> tuple[AtomicJSONStorage, dict[str, Any]] | None:
    """The storage of `table` and its raw documents when it is our cached storage, else None."""
    storage = table.storage
    if not isinstance(storage, AtomicJSONStorage):
        return None
    storage.ensure_writable()
    return storage, storage.load().setdefault(table.name, {})


def upsert(table: Table, doc_id: str, data: dict[str, Any]) -> None:
    """Insert or replace the document `doc_id` of `table` (fields of `data` win).

    On our cached storage this costs O(1) plus the file write: TinyDB's own update path
    copies the whole table twice per call, which made a 200,000-comment import quadratic.
    """
    found = _cached(table)
    if found is None:
        table.upsert(Document(data, doc_id=doc_id))  # type: ignore[arg-type]
        return
    storage, raw = found
    existing = raw.get(str(doc_id))
    if existing is None:
        raw[str(doc_id)] = dict(data)
    else:
        existing.update(data)
    table.clear_cache()
    storage.write(storage.load())


def get_doc(table: Table, doc_id: str) -> dict[str, Any] | None:
    """The document `doc_id` of `table`, or None (TinyDB's stubs only know int ids)."""
    found: Any = table.get(doc_id=doc_id)  # type: ignore[call-overload]
    return found if isinstance(found, dict) else None


def remove_docs(table: Table, doc_ids: list[str]) -> None:
    found = _cached(table)
    if found is None:
        table.remove(doc_ids=doc_ids)  # type: ignore[arg-type]
        return
    storage, raw = found
    for doc_id in doc_ids:
        raw.pop(str(doc_id), None)  # missing ids are skipped, as TinyDB does
    table.clear_cache()
    storage.write(storage.load())


def raw_docs(table: Table) -> dict[str, Any]:
    """The documents of `table` as stored, keyed by id, WITHOUT copying: read, never modify.

    For whole-table scans (counts, search indexes) where TinyDB's per-document copy would
    cost more than the work itself.
    """
    storage = table.storage
    if isinstance(storage, AtomicJSONStorage):
        tables = storage.load()
        found: dict[str, Any] = tables.get(table.name, {})
        return found
    return {str(doc.doc_id): doc for doc in table}
