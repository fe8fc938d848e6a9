"""The store's smaller tables: working copies, revisions, the outbox, read marks, meta docs.

Services reach them through these functions only (the store owns every table's name and
file). Each function commits, unless called inside `store.changing()`; documents go in and
out as plain dicts already shaped for the table, and pass the validation gate on the way in.
"""

from __future__ import annotations

from typing import Any

from reeltui.domain.models import Post
from reeltui.domain.validate import Schema, check_outbox_entry
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreError
from reeltui.store.layout import (
    DRAFTS,
    OUTBOX,
    READS,
    REVISIONS,
    TableSpec,
    hashed_file,
    per_post_file,
)
from reeltui.store.record_docs import Refused, as_doc, build_post
from reeltui.store.store import Store


def _put(store: Store, found: DataFile, spec: TableSpec, record_id: str, doc: Any) -> None:
    problems = spec.gate(record_id, doc)
    if problems:
        raise Refused(spec.what, record_id, problems)
    with store.changing():
        found.table(spec.name)[record_id] = doc
        found.accept(spec.name, record_id)
        store.changed(found)


def _remove(store: Store, found: DataFile, spec: TableSpec, record_ids: list[str]) -> int:
    table = found.data.get(spec.name, {})
    gone = [r for r in record_ids if r in table]
    if gone:
        with store.changing():
            for record_id in gone:
                del found.table(spec.name)[record_id]
                found.refused.pop((spec.name, record_id), None)
            store.changed(found)
    return len(gone)


# -- working copies (drafts.json) ------------------------------------------------------------


def _post_doc(post: Post) -> dict[str, Any]:
    data = as_doc(post)
    del data["id"]
    return data


def put_draft(store: Store, post: Post, saved_at: str) -> None:
    found = store.file(DRAFTS.path)
    _put(store, found, DRAFTS, post.id, {"post": _post_doc(post), "saved_at": saved_at})


def get_draft(store: Store, post_id: str) -> tuple[Post, str] | None:
    doc = store.file(DRAFTS.path).good(DRAFTS.name).get(post_id)
    if doc is None:
        return None
    return build_post(post_id, doc["post"]), str(doc.get("saved_at", ""))


def all_drafts(store: Store) -> list[tuple[Post, str]]:
    docs = store.file(DRAFTS.path).good(DRAFTS.name)
    return [(build_post(pid, d["post"]), str(d.get("saved_at", ""))) for pid, d in docs.items()]


def delete_draft(store: Store, post_id: str) -> None:
    _remove(store, store.file(DRAFTS.path), DRAFTS, [post_id])


# -- revisions (revisions/<post id>.json) ------------------------------------------------------


def revision_docs(store: Store, post_id: str) -> dict[str, dict[str, Any]]:
    """The post's revisions as stored, by revision id (read only)."""
    found = store.file(per_post_file(REVISIONS, post_id)).good(REVISIONS.name)
    return {rid: doc for rid, doc in found.items() if doc.get("post_id") == post_id}


def every_revision_doc(store: Store) -> dict[str, dict[str, Any]]:
    """Every revision of every post, by revision id (reads every revisions file: exports)."""
    out: dict[str, dict[str, Any]] = {}
    for name in store.listing(REVISIONS.path):
        out.update(store.peek(f"{REVISIONS.path}/{name}").good(REVISIONS.name))
    return out


def put_revision(store: Store, rev_id: str, post: Post, doc: dict[str, Any]) -> None:
    """Keep revision `rev_id` of `post`: `doc` holds reason, at, seq (and note)."""
    full = {**doc, "post_id": post.id, "post": _post_doc(post)}
    _put(store, store.file(per_post_file(REVISIONS, post.id)), REVISIONS, rev_id, full)


def remove_revisions(store: Store, post_id: str, rev_ids: list[str]) -> int:
    return _remove(store, store.file(per_post_file(REVISIONS, post_id)), REVISIONS, rev_ids)


# -- the outbox (outbox.json) -------------------------------------------------------------------


def outbox_docs(store: Store) -> dict[str, dict[str, Any]]:
    """Every accepted outbox entry as stored, by id (read only)."""
    return store.file(OUTBOX.path).good(OUTBOX.name)


def outbox_refused(store: Store) -> int:
    return len(store.file(OUTBOX.path).refused)


def put_outbox(store: Store, entry_id: str, doc: dict[str, Any]) -> None:
    problems = check_outbox_entry(entry_id, doc)
    if problems:
        raise Refused(OUTBOX.what, entry_id, problems)
    _put(store, store.file(OUTBOX.path), OUTBOX, entry_id, doc)


def remove_outbox(store: Store, entry_ids: list[str]) -> int:
    return _remove(store, store.file(OUTBOX.path), OUTBOX, entry_ids)


# -- read marks (reads/NN.json) -----------------------------------------------------------------


def read_marks(store: Store) -> dict[str, dict[str, Any]]:
    """Every accepted read mark, by post id (reads all the files of the table)."""
    out: dict[str, dict[str, Any]] = {}
    for name in store.listing(READS.path):
        out.update(store.file(f"{READS.path}/{name}").good(READS.name))
    return out


def read_marks_of(store: Store, post_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The read marks of `post_ids` (reads only the files that hold them)."""
    out: dict[str, dict[str, Any]] = {}
    for name in {hashed_file(READS, post_id) for post_id in post_ids}:
        good = store.file(name).good(READS.name)
        out.update((post_id, good[post_id]) for post_id in post_ids if post_id in good)
    return out


def glance_read_marks(store: Store, post_ids: set[str]) -> dict[str, dict[str, Any]]:
    """As `read_marks_of`, but the files not yet in memory are read for these marks alone
    (each gated; the others neither gated nor kept): the list's first screen. At 50,000
    posts the table's 16 files hold 30,000 marks, and a screenful touches every file:
    gating them all took a tenth of a second before the first paint."""
    out: dict[str, dict[str, Any]] = {}
    wanted: dict[str, set[str]] = {}
    for post_id in post_ids:
        wanted.setdefault(hashed_file(READS, post_id), set()).add(post_id)
    for name, ids in wanted.items():
        out.update(store.files.records_of(name, READS, ids))
    return out


def put_read_mark(store: Store, post_id: str, comments: int, at: str) -> None:
    found = store.file(hashed_file(READS, post_id))
    _put(store, found, READS, post_id, {"comments": comments, "at": at})


def remove_read_mark(store: Store, post_id: str) -> bool:
    return _remove(store, store.file(hashed_file(READS, post_id)), READS, [post_id]) > 0


# -- meta.json documents (sync state...) --------------------------------------------------------

SYNC_DOC = "sync"


def meta_doc(store: Store, doc_id: str) -> dict[str, Any]:
    return store.meta_doc(doc_id) or {}


def put_meta_doc(
    store: Store, doc_id: str, doc: dict[str, Any], schema: Schema | None = None
) -> None:
    if schema is not None:
        problems = schema.problems(doc_id, doc)
        if problems:
            raise Refused(schema.name, doc_id, problems)
    try:
        store.put_meta_doc(doc_id, doc)
    except ValueError as exc:
        raise StoreError(str(exc)) from exc
