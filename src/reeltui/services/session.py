"""Opening the user's blog: create (with the demo blog) when asked, fall back to read-only."""

from __future__ import annotations

from pathlib import Path

from reeltui.services.blog import Blog
from reeltui.store import Store, StoreError, StoreForeign, StoreLocked
from reeltui.store.store import store_exists

__all__ = ["LOCK_WAIT", "create_store", "open_blog", "reread", "store_exists"]

LOCK_WAIT = 5.0  # seconds a command-line writer waits for another writer to finish


def create_store(path: Path, *, demo: bool = True, parents: bool = False) -> Blog:
    """A new store at `path`, open for writing (with the demo blog unless `demo` is False).

    Its folder's parent must exist unless `parents` (the default store: its folders are made).
    """
    path = path.expanduser()
    if not parents and not path.parent.is_dir():
        raise StoreForeign(f"cannot create a store at {path}: folder {path.parent} does not exist")
    if parents:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreForeign(
                f"cannot create a store at {path}: {exc.strerror or exc} ({exc.filename})"
            ) from exc
    store = Store.open(path)
    if demo:
        from reeltui.services.demo import seed_demo  # the front-matter reader: only here

        try:
            seed_demo(store)
        except BaseException:
            store.close()
            raise
    return Blog(store)


def open_blog(
    path: Path,
    *,
    read_only: bool = False,
    fallback_read_only: bool = False,
    create: bool = True,
    wait: float = 0.0,
) -> Blog:
    """Open the store at `path`. A missing store is created with the demo blog when `create`
    and not `read_only` (a reading never writes); otherwise it is an error. A store that
    lost its meta.json is reported, never filled with the demo blog.

    With `fallback_read_only`, a store locked by another reeltui opens read-only instead
    of failing (the caller tells the user). A writer waits up to `wait` seconds for a lock.
    """
    path = path.expanduser()
    if not store_exists(path):
        if read_only or not create:
            return Blog(Store.open(path, read_only=True, create=False))  # says what is wrong
        return create_store(path)
    try:
        return Blog(Store.open(path, read_only=read_only, create=False, wait=wait))
    except StoreLocked:
        if not fallback_read_only:
            raise
        blog = Blog(Store.open(path, read_only=True))
        blog.locked_out = True
        return blog


def read_only_reason(blog: Blog) -> str:
    """Why nothing can be changed in `blog`, in the user's words."""
    if blog.locked_out:
        return "another reeltui has this store open, so it was opened read-only"
    return "this store was opened read-only (--read-only)"


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
