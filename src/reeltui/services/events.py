"""One path for "the store changed": the services say what they changed, views listen.

Every change is announced where a service makes it: `Blog.save_post`, `save_comment`,
`delete_comment` and `invalidate` (an import, a sync, a failed write), outbox entries, read
marks and the film diary. A view subscribes to the blog it shows and redraws from the blog
when told, whoever made the change (an editor, a reply, a background save, a sync), so no
screen has to know which other screens to refresh.

Listeners are called in the thread that made the change (a worker's, often): they must only
hand the news on to their own thread (the UI posts a message). A listener that raises is
dropped from the call, never the change.

A store open read-only may be written by the reeltui that holds it (its CLI, its app):
`StoreWatch` notices new files there and the blog is re-read (`changed(..., "all")`).
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = ("post", "comment", "outbox", "reads", "diary", "all")


@dataclass(frozen=True, slots=True)
class Change:
    """What changed: `kind` (see KINDS; "all": anything, re-read everything) and the ids of
    the records (posts for post and reads, comments for comment, entries for outbox)."""

    kind: str
    ids: tuple[str, ...] = ()


Listener = Callable[[Change], object]

_listeners: weakref.WeakKeyDictionary[object, list[Listener]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def subscribe(source: object, listener: Listener) -> Callable[[], None]:
    """Call `listener(change)` for every change announced for `source` (a Blog); returns
    the function that unsubscribes."""
    with _lock:
        _listeners.setdefault(source, []).append(listener)

    def unsubscribe() -> None:
        with _lock, contextlib.suppress(KeyError, ValueError):
            _listeners[source].remove(listener)

    return unsubscribe


_held = threading.local()  # .changes: announcements this thread holds back (`together`)


@contextlib.contextmanager
def together() -> Iterator[None]:
    """The announcements this thread makes inside are made at the end of the block, one
    after the other: the parts of one change (a comment, its outbox entry) reach the views
    in one burst, and never half made."""
    if getattr(_held, "changes", None) is not None:  # inside another one: that one says them
        yield
        return
    _held.changes = []
    try:
        yield
    finally:
        changes, _held.changes = _held.changes, None
        for source, change in changes:
            _announce(source, change)


def changed(source: object, kind: str, *ids: str) -> None:
    """Announce a change of `source`'s records (called by the services that make it)."""
    if kind not in KINDS:
        raise ValueError(f"unknown change kind {kind!r}")
    change = Change(kind, ids)
    held = getattr(_held, "changes", None)
    if held is not None:
        held.append((source, change))
    else:
        _announce(source, change)


def _announce(source: object, change: Change) -> None:
    with _lock:
        listeners = list(_listeners.get(source, ()))
    for listener in listeners:
        with contextlib.suppress(Exception):  # a view's bug must not undo a saved change
            listener(change)


Fingerprint = tuple[tuple[str, int, int], ...]
IGNORED = ("reeltui.lock", "reeltui.pid")


def fingerprint(folder: Path) -> Fingerprint:
    """Name, size and modification time of the store's own files and of its folders (a
    file written into a folder is renamed there, which changes the folder's time), lock
    and temporary files and the backups left out: it differs once another process wrote
    to the store, and costs a listing of the top folder whatever the archive's size."""
    found: list[tuple[str, int, int]] = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in IGNORED or entry.name.endswith(".tmp") or entry.name == "backups":
                continue
            with contextlib.suppress(OSError):  # removed meanwhile: the next look sees it
                info = entry.stat(follow_symlinks=False)
                found.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


class StoreWatch:
    """Notices writes made to a store by another process (call `changed_on_disk` now and
    then, from a worker: it reads the folder's listing)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen = fingerprint(folder)

    def look_again(self) -> None:
        """The next `changed_on_disk` says True (the last change could not be read)."""
        self._seen = ()

    def changed_on_disk(self) -> bool:
        now = fingerprint(self.folder)
        if now == self._seen:
            return False
        self._seen = now
        return True
