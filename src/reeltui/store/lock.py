"""One writer per store: an OS-level file lock (released by the kernel if the process dies).

`flock` on the lock file, taken here with the standard library: importing the `filelock`
package cost a fifth of the store's own import at every start of the app and of every
command. A system without `fcntl` uses `filelock`'s portable lock instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path
from typing import Any, BinaryIO

from reeltui.store.errors import StoreLocked, StoreWriteError

try:
    import fcntl
except ImportError:  # not a POSIX system
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "reeltui.lock"
PID_NAME = "reeltui.pid"
POLL = 0.05  # seconds between tries while waiting for the lock
_BUSY = (errno.EAGAIN, errno.EWOULDBLOCK)


class StoreLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # The lock file, open while the lock is held: a file object, so that a lock never
        # released (its store not closed) is let go when it is collected, as filelock's was.
        self._file: BinaryIO | None = None
        self._portable: Any = None
        if fcntl is None:
            from filelock import FileLock

            self._portable = FileLock(str(folder / LOCK_NAME), timeout=0)

    def acquire(self, timeout: float = 0) -> None:
        try:
            taken = self._take(timeout)
        except OSError as exc:  # read-only folder or file system, permission denied
            raise StoreWriteError(
                f"cannot write in {self.folder} ({exc.strerror or exc}); "
                "open it read-only with --read-only to look without changing anything"
            ) from exc
        if not taken:
            holder = self.holder()
            who = f" (process {holder})" if holder else ""
            raise StoreLocked(
                f"{self.folder} is open in another reeltui{who}; "
                "close it, or open this one read-only with --read-only"
            )
        with contextlib.suppress(OSError):
            (self.folder / PID_NAME).write_text(str(os.getpid()))

    def _take(self, timeout: float) -> bool:
        """Hold the lock, waiting `timeout` seconds at most; False when another has it."""
        if self._portable is not None:
            from filelock import Timeout

            try:
                self._portable.acquire(timeout=timeout)
            except Timeout:
                return False
            return True
        if self._file is not None:
            return True
        deadline = time.monotonic() + timeout
        while True:
            fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
            file = os.fdopen(fd, "r+b", buffering=0)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                file.close()
                if exc.errno not in _BUSY:
                    raise
                if time.monotonic() >= deadline:
                    return False
                time.sleep(POLL)
                continue
            self._file = file
            return True

    def holder(self) -> int | None:
        try:
            return int((self.folder / PID_NAME).read_text().strip())
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._portable is not None:
            if self._portable.is_locked:
                with contextlib.suppress(OSError):
                    (self.folder / PID_NAME).unlink()
                self._portable.release()
            return
        if self._file is None:
            return
        with contextlib.suppress(OSError):
            (self.folder / PID_NAME).unlink()
        file, self._file = self._file, None
        with contextlib.suppress(OSError):
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)
        file.close()
