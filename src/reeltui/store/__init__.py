"""Storage: crash-safe TinyDB files, schema version, lock, the validation gate. No UI code."""

from reeltui.store.errors import (
    NotFound,
    StoreCorrupt,
    StoreError,
    StoreForeign,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
)
from reeltui.store.layout import TABLES
from reeltui.store.record_docs import Refused, Rejected
from reeltui.store.store import Store

__all__ = [
    "TABLES",
    "NotFound",
    "Refused",
    "Rejected",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreForeign",
    "StoreLocked",
    "StoreReadOnly",
    "StoreTooNew",
    "StoreWriteError",
]
