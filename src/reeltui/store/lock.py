"""One writer per store: an OS-level file lock (released by the kernel if the process dies)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from filelock import FileLock, Timeout

from reeltui.store.errors import StoreLocked, StoreWriteError

LOCK_NAME = "reeltui.lock"
PID_NAME = "reeltui.pid"


class StoreLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = FileLock(str(folder / LOCK_NAME), timeout=0)

    def acquire(self, timeout: float = 0) -> None:
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            holder = self.holder()
            who = f" (process {holder})" if holder else ""
            raise StoreLocked(
                f"{self.folder} is open in another reeltui{who}; "
                "close it, or open this one read-only with --read-only"
            ) from None
        except OSError as exc:  # read-only folder or file system, permission denied
            raise StoreWriteError(
                f"cannot write in {self.folder} ({exc.strerror or exc}); "
                "open it read-only with --read-only to look without changing anything"
            ) from exc
        with contextlib.suppress(OSError):
            (self.folder / PID_NAME).write_text(str(os.getpid()))

    def holder(self) -> int | None:
        try:
            return int((self.folder / PID_NAME).read_text().strip())
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                (self.folder / PID_NAME).unlink()
            self._lock.release()
