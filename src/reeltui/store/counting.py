"""What the posts index was counted with, kept in meta.json's store information: the list's
fields (`PostSummary`: an index written with other fields is written again from the posts'
files, once, at a writing open) and the blog's own people (`own`: the readers' comment counts
leave them out; another set counts every post again, in one commit)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reeltui.domain.listing import ROW_FIELDS, PostSummary
from reeltui.domain.readers import OwnPeople
from reeltui.store.layout import META, META_FILE
from reeltui.store.opening import STORE_INFO

if TYPE_CHECKING:
    from reeltui.store.store import Store


def set_info(store: Store, **changes: Any) -> None:
    """Change the store's own information in meta.json (inside `changing()`)."""
    meta = store.file(META_FILE)
    store.info = {**store.info, **changes}
    meta.table(META.name)[STORE_INFO] = store.info
    store.changed(meta)


def index_sound(store: Store) -> bool:
    """Can every file of the posts index be read, every row passing the gate, and does it
    list every post of the posts' folder (an index file deleted: its posts are listed
    nowhere)? A store whose index is damaged is the user's to repair (`check --repair`,
    which keeps a copy of what it replaces): what is written from here would overwrite the
    damaged file unasked (or make a deleted one again, without a word), and the blog's own
    people worked out from the posts it could read would be wrong."""
    from reeltui.store.errors import StoreError
    from reeltui.store.index import files_left_out, pages
    from reeltui.store.layout import POSTS_INDEX

    listed: list[str] = []
    try:
        for rel in pages(store):
            found = store.peek(rel)
            if found.refused:
                return False
            listed += found.data.get(POSTS_INDEX.name, {})
    except StoreError:
        return False
    return not files_left_out(store, listed)


def reindex_if_fields_changed(store: Store) -> None:
    """The list's fields (`PostSummary`) changed since the index was written (a new
    reeltui): write the index again from the posts' files, once (not over a damaged
    index: see `index_sound`)."""
    if store.info.get("index") == list(ROW_FIELDS) or not index_sound(store):
        return
    from reeltui.store.repair import rebuild  # (it uses the store)

    with store.changing():
        rebuild(store, posts_index=True, comment_index=False)
        set_info(store, index=list(ROW_FIELDS))


def recount(store: Store, own: OwnPeople, save: bool = True) -> list[PostSummary]:
    """Count the posts' readers' comments again with `own` as the blog's own people,
    from the posts' files in one pass; returns the new summaries. A writer stores them
    and `own` (in meta.json) in one commit: a crash leaves the old counts with the old
    set, counted again at the next open. A reader (or `save=False`) only counts, and so
    does a writer whose index is damaged (`index_sound`: nothing is written over it)."""
    from reeltui.store.repair import rebuild, summaries

    if store.read_only or not save or not index_sound(store):
        return summaries(store, own)
    was = store.own, store.info
    try:
        with store.changing():
            store.own = own
            found = rebuild(store, posts_index=True, comment_index=False)
            record_own(store, own)
    except BaseException:
        store.own, store.info = was
        raise
    return found


def record_own(store: Store, own: OwnPeople) -> None:
    """From now on count with `own` (meta.json says so once this change is committed;
    the caller makes the rows agree in the same change)."""
    with store.changing():
        store.own = own
        set_info(store, own=own.to_doc())
