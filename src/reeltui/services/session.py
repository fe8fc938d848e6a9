"""Opening the user's blog: create and seed on first run, fall back to read-only when locked."""

from __future__ import annotations

from pathlib import Path

from reeltui.services.blog import Blog
from reeltui.services.demo import seed_demo
from reeltui.store import Store, StoreError, StoreForeign, StoreLocked
from reeltui.store.store import META_FILE


def store_exists(path: Path) -> bool:
    return (path / META_FILE).exists()


def open_blog(path: Path, *, read_only: bool = False, fallback_read_only: bool = False) -> Blog:
    """Open the store at `path`; a new store gets the demo blog.

    With `fallback_read_only`, a store locked by another reeltui opens read-only instead
    of failing (the caller tells the user).
    """
    path = path.expanduser()
    if not store_exists(path):
        if not path.parent.is_dir():
            raise StoreForeign(
                f"cannot create a store at {path}: folder {path.parent} does not exist"
            )
        store = Store.open(path)
        try:
            seed_demo(store)
        except BaseException:
            store.close()
            raise
        if read_only:
            store.close()
            return Blog(Store.open(path, read_only=True))
        return Blog(store)
    try:
        return Blog(Store.open(path, read_only=read_only))
    except StoreLocked:
        if not fallback_read_only:
            raise
        return Blog(Store.open(path, read_only=True))


def reread(blog: Blog) -> bool:
    """Read a read-only blog's store again (another reeltui wrote to it); its views are told
    (`Blog.invalidate` announces the change). False when it cannot be read now (caught in the
    middle of the writer's change: the caller tries again later)."""
    try:
        fresh = Store.open(blog.path, read_only=True)
    except StoreError:
        return False
    old, blog.store = blog.store, fresh
    old.close()
    blog.invalidate()
    return True
