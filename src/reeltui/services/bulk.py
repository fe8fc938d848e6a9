"""Writing many records at once: one pass over the table instead of one per record.

TinyDB's upsert re-reads and rebuilds the table for every document (quadratic for an import
of 200,000 comments); removing the old versions and inserting the new ones in two passes
costs the size of the table once. Call inside `store.batch(...)` for one file write.
"""

from __future__ import annotations

from typing import Any

from tinydb.table import Document

from reeltui.domain.models import Comment, Post
from reeltui.store import Store


def put_many(store: Store, table_name: str, items: list[Post] | list[Comment]) -> None:
    if not items:
        return
    table = store.table(table_name)
    docs: list[Any] = []
    for item in items:
        data = item.to_dict()
        doc_id = data.pop("id")
        docs.append(Document(data, doc_id=doc_id))
    table.remove(doc_ids=[d.doc_id for d in docs])
    table.insert_multiple(docs)
