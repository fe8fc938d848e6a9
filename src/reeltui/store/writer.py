"""The disk side of a store's changes: each commit writes every file changed in memory since
the last one, in one atomic step (`store.commit`: a single file by rename, several through the
journal), one commit at a time. The writer numbers the changes made in memory and knows which
of them are on disk (`saved`), the last failure to write (a caller waiting for its changes
gets it), a commit that was saved but not completed (no more writes: it is completed when the
store is opened again), who is told after each commit (`hooks`), and how many files of each
table folder were written (benchmarks, tests)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reeltui.store import commit as commits
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreWriteError
from reeltui.store.files import Files

CommitHook = Callable[[list[str]], None]


class Writer:
    def __init__(self, path: Path, files: Files, mutex: threading.RLock) -> None:
        self.path = path
        self.files = files
        self.mutex = mutex  # the store's: held while records change and while they are copied
        self.new_mode = 0o644  # of files the store did not have (as meta.json's, once open)
        self.seq = 0  # number of the last change made in memory
        self.saved = 0  # every change up to this number is on disk
        self.failure: StoreWriteError | None = None
        self.broken: StoreWriteError | None = None  # an unfinished commit: no more writes
        self.hooks: list[CommitHook] = []
        self.file_writes: dict[str, int] = {}  # files written per table folder
        self._lock = threading.Lock()

    def changed(self, found: DataFile) -> None:
        """Mark `found` as changed (inside the store's `changing()`)."""
        self.seq += 1
        found.change = self.seq
        self.files.mark(found)

    def flush(self, upto: int | None = None) -> None:
        """Commit pending changes; raise if the changes up to `upto` are not on disk."""
        self.commit()
        wanted = self.seq if upto is None else upto
        if self.saved < wanted:
            raise self.failure or StoreWriteError(f"could not save to {self.path}")

    def commit(self) -> None:
        """Write every changed file, in one atomic step."""
        with self._lock:
            if self.broken is not None:
                raise self.broken
            with self.mutex:
                dirty = self.files.take_dirty()
                seq = self.seq
                if not dirty:
                    self.saved = max(self.saved, seq)
                    return
                if len(dirty) <= commits.MANY:  # small: copied now, written unlocked
                    changes = {f.rel: None if f.is_empty() else f.payload() for f in dirty}
            try:
                if len(dirty) <= commits.MANY:
                    commits.commit(self.path, changes, self.new_mode)
                else:  # big (an import): copied and written one by one, locked meanwhile
                    with self.mutex:
                        pairs = ((f.rel, None if f.is_empty() else f.payload()) for f in dirty)
                        commits.commit(self.path, pairs, self.new_mode, count=len(dirty))
            except commits.Unfinished as exc:
                self.broken = StoreWriteError(
                    f"a change to {self.path} was saved but not completed "
                    f"({exc.strerror}); it is completed when the store is opened again"
                )
                raise self.broken from exc
            except OSError as exc:
                self.files.not_written(dirty)
                raise self._failed(dirty, exc) from exc
            self.files.written(dirty)
            for found in dirty:
                folder = found.rel.rpartition("/")[0] or found.rel
                self.file_writes[folder] = self.file_writes.get(folder, 0) + 1
            self.saved = max(self.saved, seq)
        written = [f.rel for f in dirty]
        for hook in list(self.hooks):
            hook(written)

    def _failed(self, dirty: list[DataFile], exc: OSError) -> StoreWriteError:
        reason = exc.strerror or str(exc)
        names = ", ".join(sorted(f.rel for f in dirty)[:3]) + (", ..." if len(dirty) > 3 else "")
        self.failure = StoreWriteError(
            f"could not save {names} in {self.path}: {reason}; the previous version of the "
            "files is intact"
        )
        return self.failure
