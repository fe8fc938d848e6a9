"""Errors the store raises; every one carries a message fit to show a user as is."""

from __future__ import annotations

from reeltui.errors import ReelError


class StoreError(ReelError):
    """Base class: the message names the file and says what to do."""


MEND = "`reeltui check` lists the damage and `reeltui check --repair` mends it"
"""What to do about damage, said the same by every command and the app."""


class StoreCorrupt(StoreError):
    """A store file is not valid JSON or not shaped as a TinyDB file."""

    hint = MEND


class StoreForeign(StoreError):
    """The path is something other than a reeltui store."""


class StoreTooNew(StoreError):
    """The store was written by a newer reeltui (schema version above ours)."""


class StoreLocked(StoreError):
    """Another reeltui process is writing to this store."""


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class StoreWriteError(StoreError):
    """Saving failed (disk full, permission denied...); the previous file is intact."""


class NotFound(StoreError):
    """No record with that id or slug."""
