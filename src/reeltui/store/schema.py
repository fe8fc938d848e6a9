"""Schema version of the store and migrations between versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

APP_NAME = "reeltui"
SCHEMA_VERSION = 1

# One function per step: MIGRATIONS[n] turns a version-n store into version n+1.
# It receives every file of the store as {table name: {doc id: document}} and edits it in place.
Migration = Callable[[dict[str, dict[str, dict[str, Any]]]], None]
MIGRATIONS: dict[int, Migration] = {}


def migrate(tables: dict[str, dict[str, dict[str, Any]]], from_version: int) -> int:
    """Apply every migration from `from_version` up to SCHEMA_VERSION; return the new version."""
    version = from_version
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](tables)
        version += 1
    return version
