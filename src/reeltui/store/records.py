"""Typed access to the store's tables: dataclasses in, dataclasses out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from tinydb.table import Document

from reeltui.domain.models import Comment, DomainError, Film, Post
from reeltui.store.errors import NotFound, StoreCorrupt
from reeltui.store.store import Store, get_doc, raw_docs, remove_docs, upsert


def _build(kind: type[Post] | type[Comment], doc_id: str, data: dict[str, Any]) -> Any:
    try:
        return kind.from_dict({**data, "id": doc_id})
    except (TypeError, DomainError) as exc:
        raise StoreCorrupt(f"record {doc_id!r} of the store is not valid: {exc}") from exc


def all_posts(store: Store) -> list[Post]:
    table = store.table("posts")
    return [_build(Post, str(doc.doc_id), doc) for doc in table]


def get_post(store: Store, post_id: str) -> Post:
    doc = get_doc(store.table("posts"), post_id)
    if doc is None:
        raise NotFound(f"no post with id {post_id!r}")
    return _build(Post, post_id, doc)  # type: ignore[no-any-return]


def put_post(store: Store, post: Post) -> None:
    data = post.to_dict()
    del data["id"]
    upsert(store.table("posts"), post.id, data)


def all_comments(store: Store) -> list[Comment]:
    return [_build(Comment, str(doc.doc_id), doc) for doc in store.table("comments")]


def get_comment(store: Store, comment_id: str) -> Comment:
    doc = get_doc(store.table("comments"), comment_id)
    if doc is None:
        raise NotFound(f"no comment with id {comment_id!r}")
    return _build(Comment, comment_id, doc)  # type: ignore[no-any-return]


def put_comment(store: Store, comment: Comment) -> None:
    data = comment.to_dict()
    del data["id"]
    upsert(store.table("comments"), comment.id, data)


def delete_comment(store: Store, comment_id: str) -> None:
    remove_docs(store.table("comments"), [comment_id])


# -- drafts: the working copy of a post being edited (autosave writes only drafts.json) --


def put_draft(store: Store, post: Post, saved_at: str) -> None:
    data = post.to_dict()
    del data["id"]
    upsert(store.table("drafts"), post.id, {"post": data, "saved_at": saved_at})


def get_draft(store: Store, post_id: str) -> tuple[Post, str] | None:
    doc = get_doc(store.table("drafts"), post_id)
    if doc is None:
        return None
    return _build(Post, post_id, doc.get("post", {})), str(doc.get("saved_at", ""))


def all_drafts(store: Store) -> list[tuple[Post, str]]:
    return [
        (_build(Post, str(doc.doc_id), doc.get("post", {})), str(doc.get("saved_at", "")))
        for doc in store.table("drafts")
    ]


def delete_draft(store: Store, post_id: str) -> None:
    remove_docs(store.table("drafts"), [post_id])


# -- bulk: one table operation for many records (an upsert each is O(table size)) --------


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def as_doc(item: Any) -> dict[str, Any]:
    """`dataclasses.asdict` for our records (str, numbers, lists of str, str dicts, Film),
    without its deep copies: 10x faster on an import of 200,000 comments."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in fields(item))
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(item, name)
        if isinstance(value, list):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(value)
        elif isinstance(value, Film):
            value = as_doc(value)
        out[name] = value
    return out


def put_many(store: Store, items: list[Post] | list[Comment]) -> None:
    """Insert or replace many posts or many comments (an import, a sync's pull) in one write:
    one pass over the table instead of one per record."""
    if not items:
        return
    put_docs(store, "posts" if isinstance(items[0], Post) else "comments", items)


def put_docs(store: Store, name: str, items: Sequence[Any]) -> None:
    """Insert or replace many records (dataclasses with an `id`) of table `name` in one write."""
    table = store.table(name)
    docs: dict[str, dict[str, Any]] = {}
    for item in items:
        data = as_doc(item)
        docs[str(data.pop("id"))] = data
    with store.batch(name):
        present = [doc_id for doc_id in docs if get_doc(table, doc_id) is not None]
        if present:
            remove_docs(table, present)
        table.insert_multiple(Document(data, doc_id=doc_id) for doc_id, data in docs.items())  # type: ignore[arg-type]


# -- raw views for whole-archive scans (counts, search): no copies, no dataclasses --


def raw_comments(store: Store) -> dict[str, dict[str, Any]]:
    """Every comment document as stored, by id. Read only: never modify what this returns."""
    return raw_docs(store.table("comments"))
