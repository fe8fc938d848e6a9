"""Typed access to the diary table (diary.json): every raw access to it lives here."""

from __future__ import annotations

from typing import Any

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.models import DomainError
from reeltui.store.errors import StoreCorrupt
from reeltui.store.records import put_docs
from reeltui.store.store import Store, raw_docs

TABLE = "diary"


def _build(doc_id: str, data: dict[str, Any]) -> DiaryEntry:
    try:
        return DiaryEntry.from_dict({**data, "id": doc_id})
    except (TypeError, DomainError) as exc:
        raise StoreCorrupt(f"diary entry {doc_id!r} of the store is not valid: {exc}") from exc


def all_entries(store: Store) -> list[DiaryEntry]:
    return [_build(doc_id, data) for doc_id, data in raw_docs(store.table(TABLE)).items()]


def count(store: Store) -> int:
    return len(raw_docs(store.table(TABLE)))


def put_entries(store: Store, entries: list[DiaryEntry]) -> None:
    """Insert or replace many entries in one write of diary.json."""
    if entries:
        put_docs(store, TABLE, entries)
