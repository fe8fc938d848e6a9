"""The app's plumbing for the store's change announcements (see ui/changes.py).

The services announce each change in the thread that made it (`services/events.py`);
`Announcements` gathers them and posts one `StoreChanged` message to the app per burst (the
changes heard before the app gets to the first one ride along), and the app publishes what
`take()` hands it on its `store_changed` signal. A read-only app (another reeltui writes) also
looks at the disk every `WATCH_SECONDS` and rereads the store when the writer changed it.
"""

from __future__ import annotations

import threading
from typing import Any

from textual.app import App

from reeltui.services import Blog
from reeltui.services.events import Change, StoreWatch, subscribe
from reeltui.services.session import reread
from reeltui.ui.changes import StoreChanged

WATCH_SECONDS = 2.0  # how often a read-only app looks for changes made by the writer


class Announcements:
    """The blog's announcements heard for `app`, from `subscribe` until `close`."""

    def __init__(self, app: App[Any], blog: Blog) -> None:
        self._app = app
        self._blog = blog
        self._lock = threading.Lock()
        self._unheard: list[Change] = []
        self._unsubscribe = subscribe(blog, self._announced)
        self._watch = StoreWatch(blog.path) if blog.read_only else None
        if self._watch is not None:
            app.set_interval(WATCH_SECONDS, self._look_at_disk)

    def close(self) -> None:
        self._unsubscribe()

    def _announced(self, change: Change) -> None:  # in the thread that changed the store
        with self._lock:  # the changes heard before the app gets to them: one message
            self._unheard.append(change)
            if len(self._unheard) > 1:
                return
        if not self._app.post_message(StoreChanged(change)):  # the app has closed
            with self._lock:
                self._unheard.clear()

    def take(self) -> list[Change]:
        """The changes heard since the last call, in the order they were made."""
        with self._lock:
            changes, self._unheard = self._unheard, []
        return changes

    def _look_at_disk(self) -> None:
        self._app.run_worker(self._reread, thread=True, exclusive=True, group="watch")

    def _reread(self) -> None:
        watch = self._watch
        # reread announces "all": every view redraws; False: caught mid-change, look again
        if watch is not None and watch.changed_on_disk() and not reread(self._blog):
            watch.look_again()
