"""Storage: crash-safe TinyDB files, schema version, lock. No UI code here."""

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
from reeltui.store.store import TABLES, Store

__all__ = [
    "TABLES",
    "NotFound",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreForeign",
    "StoreLocked",
    "StoreReadOnly",
    "StoreTooNew",
    "StoreWriteError",
]
