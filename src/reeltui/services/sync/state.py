"""What sync remembers between runs, kept in the store's meta.json (document "sync").

    {"site": URL, "clock": ISO UTC, "last_pull": ISO, "last_sync": ISO,
     "conflicts": [Conflict...], "forced": [ids], "terms": {...}, "ignored": {...},
     "caps": {...}, "learned_for": user}

`clock` is the site's own clock (its Date header) when the last complete pull started: the
next pull asks for what changed after it (minus a margin), never for "after the newest date
seen in the data" (a scheduled post's date is in the future; an imported one in the past).
`terms` are the categories and tags seen (id -> name, parent); `ignored` the comments on
things sync does not keep (attachments...), so that they are not taken for new ones each
time; `caps` the user's capabilities and `learned_for` the user name they were learned for
(who the user is, `identity_from_site`, is its own meta document). A conflict keeps both
versions (the local one stays in the store untouched; the remote one is kept here) until
the user resolves it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.models import SITE_TEXT
from reeltui.services.blog import Blog
from reeltui.store import state as store_state

DOC_ID = store_state.SYNC_DOC
HIDDEN = (*SITE_TEXT, "post")  # kept in a conflict to be restored exactly, never shown


@dataclass(frozen=True, slots=True)
class Conflict:
    """Something changed on both sides (or the remote side moved under a queued reply)."""

    id: str  # "post:<local id>", "reply:<local comment id>", "draft:<local post id>"
    kind: str
    local_id: str
    remote_id: str
    message: str
    local: dict[str, str] = field(default_factory=dict)
    remote: dict[str, str] = field(default_factory=dict)
    found: str = ""

    @property
    def theirs(self) -> str:
        """Where the other version comes from, for people: "the site" or "the file"."""
        return "the file" if self.kind.startswith("import") else "the site"

    def shown(self, side: dict[str, str]) -> dict[str, str]:
        """The fields of a side a person compares (not the text kept to be restored)."""
        return {k: v for k, v in side.items() if k not in HIDDEN}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conflict:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class SyncState:
    site: str = ""
    clock: str = ""
    last_pull: str = ""
    last_sync: str = ""
    conflicts: list[Conflict] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)  # conflict ids the user chose "keep local"
    terms: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)
    caps: dict[str, bool] = field(default_factory=dict)
    learned_for: str = ""

    def add_conflict(self, conflict: Conflict) -> None:
        self.conflicts = [c for c in self.conflicts if c.id != conflict.id] + [conflict]

    def drop_conflict(self, conflict_id: str) -> None:
        self.conflicts = [c for c in self.conflicts if c.id != conflict_id]

    def conflict(self, conflict_id: str) -> Conflict | None:
        return next((c for c in self.conflicts if c.id == conflict_id), None)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def load(blog: Blog) -> SyncState:
    doc = store_state.meta_doc(blog.store, DOC_ID)
    conflicts = [Conflict.from_dict(c) for c in doc.get("conflicts", []) if isinstance(c, dict)]
    return SyncState(
        site=str(doc.get("site", "")),
        clock=str(doc.get("clock", "")),
        last_pull=str(doc.get("last_pull", "")),
        last_sync=str(doc.get("last_sync", "")),
        conflicts=conflicts,
        forced=[str(x) for x in doc.get("forced", [])],
        terms=_dict(doc.get("terms")),
        ignored={str(k): str(v) for k, v in _dict(doc.get("ignored")).items()},
        caps={str(k): bool(v) for k, v in _dict(doc.get("caps")).items()},
        learned_for=str(doc.get("learned_for", "")),
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def save(blog: Blog, state: SyncState) -> None:
    data = dataclasses.asdict(state)
    store_state.put_meta_doc(blog.store, DOC_ID, data)


def conflicts(blog: Blog) -> list[Conflict]:
    """Open conflicts, oldest first (for the CLI and the UI)."""
    return load(blog).conflicts


_DIGITS = re.compile(r"(\d+)\s*$")


def remote_id(value: str | None) -> str:
    """The WordPress id in a `source["wp"]` value ("12", "https://site/?p=12", "site#12")."""
    if not value:
        return ""
    match = _DIGITS.search(value)
    return match.group(1) if match else ""


def since(clock: str, margin: dt.timedelta = dt.timedelta(minutes=2)) -> str:
    """The `modified_after` for a pull after one that started at `clock` (ISO UTC): a margin
    covers a write the site committed just after that pull read."""
    try:
        when = dt.datetime.fromisoformat(clock)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return (when - margin).astimezone(dt.UTC).isoformat(timespec="seconds")
