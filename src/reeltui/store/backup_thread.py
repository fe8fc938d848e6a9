"""The background backups of an open store (`Backups`): one after the store is opened for
writing, at most once every `backup_interval()` seconds, and one after each import and sync
pull that changed the store (`Backups.request`, whatever the interval: the newest backup then
holds what came in), so opening, saving and autosaving never wait for one (closing the store
waits for a backup under way). The backup itself is `backup_take.snapshot`.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from reeltui.store.backup import BACKUP_DIR, STAMP, Backup, due
from reeltui.store.backup_take import snapshot


class Backups:
    """The background backups of one open store: one at open when the newest is old enough
    (`start`), and one after each change worth a copy at once (`request`: an import, a sync
    pull), whatever the interval. One thread backs up at a time; a request made while a
    backup runs is served by one more backup after it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()
        self._wanted = False  # a backup is asked for and not started yet
        self.taken: Backup | None = None
        self.error: str = ""

    def start(self) -> None:
        """Back up in a background thread if the newest backup is old enough."""
        try:
            if not due(self.folder):
                return
        except OSError:
            return
        self.request()

    def request(self) -> None:
        """Back up soon, in a background thread (closing the store waits for it)."""
        with self._guard:
            self._wanted = True
            if self._thread is None:  # else the running thread takes one more backup
                self._thread = threading.Thread(
                    target=self._run, name="reeltui-backup", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                with self._guard:
                    if not self._wanted:
                        self._thread = None  # a request from now on starts another thread
                        return
                    self._wanted = False
                try:
                    self.taken = snapshot(self.folder)
                    self.error = ""
                except OSError as exc:  # saving the user's work matters more than backing up
                    self.error = exc.strerror or str(exc)
        except BaseException:  # a bug: reported by the thread's hook; never a stuck `wait`
            with self._guard:
                self._thread, self._wanted = None, False
            raise

    def wait(self) -> None:
        """Until no backup is under way or asked for."""
        while True:
            with self._guard:
                thread = self._thread
            if thread is None:
                return
            thread.join()

    stop = wait

    def migration_folder(self, version: int) -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime(STAMP)
        return self.folder / BACKUP_DIR / f"schema-{version}-{stamp}"
