"""Opening the user's blog: create and seed a new store, fall back to read-only when locked.

Reading never writes: a read-only open of a store that does not exist fails with a clear
message (it is not created), and a store that lost its meta.json is reported, never seeded
again. Only opening for writing creates a store, and only where there is none.
"""

from __future__ import annotations

from pathlib import Path

from reeltui.services.blog import Blog
from reeltui.store import Store, StoreForeign, StoreLocked
from reeltui.store.store import store_exists

__all__ = ["LOCK_WAIT", "open_blog", "store_exists"]

LOCK_WAIT = 5.0  # seconds a command-line writer waits for another writer to finish


def open_blog(
    path: Path,
    *,
    read_only: bool = False,
    fallback_read_only: bool = False,
    wait: float = 0.0,
) -> Blog:
    """Open the store at `path`; a new store (opened for writing) gets the demo blog.

    With `fallback_read_only`, a store locked by another reeltui opens read-only instead
    of failing (the caller tells the user). A writer waits up to `wait` seconds for a lock.
    """
    path = path.expanduser()
    if not store_exists(path):
        if read_only:
            raise StoreForeign(
                f"no reeltui store at {path} (reading never creates one: run `reeltui` to "
                "start one with the demo blog, or `reeltui import FILE`)"
            )
        if not path.parent.is_dir():
            raise StoreForeign(
                f"cannot create a store at {path}: folder {path.parent} does not exist"
            )
        from reeltui.services.demo import seed_demo  # its Markdown reader: only for a new store

        store = Store.open(path)
        try:
            seed_demo(store)
        except BaseException:
            store.close()
            raise
        return Blog(store)
    try:
        return Blog(Store.open(path, read_only=read_only, create=False, wait=wait))
    except StoreLocked:
        if not fallback_read_only:
            raise
        return Blog(Store.open(path, read_only=True))
