"""The search index's one SQLite connection, shared by the app's threads behind one lock.

Its users (a keystroke's search, the writer indexing a saved post, the check at open) take
the lock for what they do (`_claimed`). One user is different: the background work that
keeps the index tidy (store/searchmerge.py), a long series of small steps, each its own
transaction. A step starts only while nobody waits for the connection (`yielding`), and
stops when somebody comes (SQLite's progress handler: the step's transaction is rolled
back, its work lost, the index as it was): a search waits for one only until its next
check or the end of its commit. (Not
`sqlite3_interrupt`: a stop asked just before a step's statement began was lost, and one
asked as it ended was left over and stopped the search that came next.)
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar, TypeVar

from reeltui.store.layout import SEARCH_FILE

RETRIES = 3  # runs of a change that an interrupt meant for a search hit
CHECKS = 1000  # SQLite steps between two looks of a tidy step at whether someone waits
T = TypeVar("T")


class SharedIndex:
    """The connection to `search.sqlite` in `folder` (made with SCHEMA, at VERSION)."""

    SCHEMA: ClassVar[tuple[str, ...]] = ()
    VERSION: ClassVar[str] = ""

    def __init__(self, folder: Path, writable: bool) -> None:
        self.path = folder / SEARCH_FILE
        self.writable = writable
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self.broken = ""  # why the index cannot be used (then callers scan the posts)
        self._query = False  # a search is running (what `interrupt` stops)
        self._gate = threading.Lock()  # (guards the count below)
        self._waiting = 0  # users waiting for the lock or holding it (not a tidy step)
        self.searched = 0.0  # when the last search was asked (time.monotonic)
        self.steps = 0  # tidy steps run to their end (committed)
        self.stopped = 0  # tidy steps stopped by a user who came (rolled back)
        self.closed = False  # `close` was called: no tidy step opens the file again

    def _forget(self) -> None:
        """What a subclass keeps from the file: forgotten when it is opened again."""

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.broken:
            return self._db
        self._forget()
        try:
            self._db = self._open()
        except sqlite3.Error as exc:
            if not self.writable:
                self.broken = str(exc)
                return None
            with contextlib.suppress(OSError):  # derived data: start again
                self.path.unlink()
            try:
                self._db = self._open()
            except sqlite3.Error as again:
                self.broken = str(again)
        return self._db

    def _open(self) -> sqlite3.Connection:
        if not self.writable:
            if not self.path.exists():
                raise sqlite3.OperationalError("no search index yet")
            uri = f"{self.path.absolute().as_uri()}?mode=ro"  # (a file URI: absolute)
            db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5)
        else:
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=5)
            with db:
                for statement in self.SCHEMA:
                    db.execute(statement)
                db.execute("INSERT OR IGNORE INTO info VALUES ('version', ?)", (self.VERSION,))
            db.execute("PRAGMA synchronous=NORMAL")
        row = db.execute("SELECT value FROM info WHERE key='version'").fetchone()
        if row is None or row[0] != self.VERSION:
            db.close()
            raise sqlite3.DatabaseError("search index of another version")
        return db

    @contextlib.contextmanager
    def _claimed(self) -> Iterator[None]:
        """The lock, for anyone but a tidy step: one running stops at its next check (see
        `yielding`), and none starts until this is done."""
        with self._gate:
            self._waiting += 1
        try:
            with self._lock:
                yield
        finally:
            with self._gate:
                self._waiting -= 1

    @property
    def waiting(self) -> bool:
        """Someone waits for the connection or uses it (a tidy step does not start)."""
        return self._waiting > 0

    @property
    def usable(self) -> bool:
        with self._claimed():
            return self._connect() is not None

    def _run(self, work: Callable[[sqlite3.Connection], T], default: T, write: bool = False) -> T:
        """`work` on the connection (in one transaction when `write`). An `interrupt()` meant
        for a search or a tidy step that had just ended runs it again; another error marks
        the index broken (its callers then read the posts' files)."""
        with self._claimed():
            db = self._connect()
            if db is None or (write and not self.writable):
                return default
            for _ in range(RETRIES):
                try:
                    if not write:
                        return work(db)
                    with db:
                        return work(db)
                except sqlite3.OperationalError as exc:
                    if "interrupted" not in str(exc):
                        self.broken = str(exc)
                        return default
                except sqlite3.Error as exc:
                    self.broken = str(exc)
                    return default
            return default

    def read(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        """`work` on the connection (`default`: the index cannot be read)."""
        return self._run(work, default)

    def yielding(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """`work` as one transaction of a writer's tidy step, if nobody waits for the
        connection; None when somebody did, or came meanwhile and so stopped it (SQLite's
        progress handler, every CHECKS of its steps, FTS5's inner statements included: the
        transaction is rolled back, nothing of it kept), or the index cannot be written."""
        with self._lock:
            db = None if self.closed else self._connect()
            if db is None or not self.writable or self._waiting:
                return None
            db.set_progress_handler(self._someone_waits, CHECKS)
            try:
                with db:
                    done = work(db)
                self.steps += 1
                return done
            except sqlite3.OperationalError as exc:
                if "interrupted" not in str(exc):
                    self.broken = str(exc)
                self.stopped += 1
                return None
            except sqlite3.Error as exc:
                self.broken = str(exc)
                return None
            finally:
                db.set_progress_handler(None, 0)

    def _someone_waits(self) -> bool:
        return self._waiting > 0

    def idle(self) -> float:
        """Seconds since the last search was asked."""
        return time.monotonic() - self.searched

    def interrupt(self) -> None:
        """Stop a search running in another thread (it raises Interrupted); never what
        indexes the posts (it broke the index being made by the first keystrokes)."""
        db = self._db
        if db is not None and self._query:
            with contextlib.suppress(sqlite3.Error):
                db.interrupt()

    def close(self) -> None:
        self.closed = True
        with self._claimed():
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None
                self._forget()
