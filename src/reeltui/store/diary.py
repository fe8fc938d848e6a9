"""Typed access to the diary table (diary.json): every raw access to it lives here."""

from __future__ import annotations

from typing import Any

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.models import DomainError
from reeltui.store.errors import StoreCorrupt
from reeltui.store.layout import DIARY
from reeltui.store.record_docs import Refused, as_doc
from reeltui.store.store import Store


def _build(doc_id: str, data: dict[str, Any]) -> DiaryEntry:
    try:
        return DiaryEntry.from_dict({**data, "id": doc_id})
    except (TypeError, DomainError) as exc:  # the gate let it in: said clearly
        raise StoreCorrupt(f"diary entry {doc_id!r} of the store is not valid: {exc}") from exc


def _docs(store: Store) -> dict[str, Any]:
    return store.file(DIARY.path).good(DIARY.name)


def all_entries(store: Store) -> list[DiaryEntry]:
    return [_build(doc_id, data) for doc_id, data in _docs(store).items()]


def count(store: Store) -> int:
    return len(_docs(store))


def put_entries(store: Store, entries: list[DiaryEntry]) -> None:
    """Insert or replace many entries in one write of diary.json (each through the gate)."""
    if not entries:
        return
    docs = {}
    for entry in entries:
        data = as_doc(entry)
        entry_id = str(data.pop("id"))
        problems = DIARY.gate(entry_id, data)
        if problems:
            raise Refused(DIARY.what, entry_id, problems)
        docs[entry_id] = data
    with store.changing():
        found = store.file(DIARY.path)
        for entry_id, data in docs.items():
            found.table(DIARY.name)[entry_id] = data
            found.accept(DIARY.name, entry_id)
        store.changed(found)
