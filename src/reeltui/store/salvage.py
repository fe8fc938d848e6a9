"""Keeping a damaged record whose only bad fields are ones it can safely do without.

A post whose rating is "abc" is still the post: its title, body, comments and link to the site
are sound. `check --repair` keeps such a record with each bad field replaced, by the value the
newest backup holding the record sound has for it, else by the field's default (no rating, no
tags...), instead of taking the whole record out of the store. The record as it was goes to the
quarantine file all the same.

Only fields whose default changes neither what the post or comment says nor what it is are
reset: never a title, a body, a status, a kind, a date or a link to the site (an id, `source`,
`remote_id`), whose loss would publish, hide, duplicate or blank something. A record with any
other bad field is restored whole from a backup or quarantined, as before.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from reeltui.domain.models import Comment, Post
from reeltui.store.layout import COMMENTS, POST, TableSpec

RESETTABLE: dict[str, frozenset[str]] = {
    POST.name: frozenset({"rating", "film", "sticky", "categories", "tags", "modified"}),
    COMMENTS.name: frozenset({"email", "url", "parent_id", "sync_error"}),
}
_DEFAULTS: dict[str, dict[str, Any]] = {
    POST.name: Post(id="-", slug="-", title="-").to_dict(),
    COMMENTS.name: Comment(id="-", post_id="-").to_dict(),
}


@dataclass(frozen=True)
class Salvaged:
    doc: dict[str, Any]  # the record to keep
    was: dict[str, Any]  # bad field -> what it held
    now: dict[str, str]  # bad field -> where its new value came from ("its default", a backup)


def salvage(
    spec: TableSpec,
    record: str,
    doc: Any,
    bad: tuple[str, ...],
    backup: tuple[dict[str, Any], str] | None = None,
) -> Salvaged | None:
    """`doc` with its `bad` fields replaced (from `backup`: a sound copy of the record and
    when it was taken, when it has a sound value), or None when that is not safe or the
    record would still be refused."""
    allowed = RESETTABLE.get(spec.name, frozenset())
    if not isinstance(doc, dict) or not bad or not set(bad) <= allowed:
        return None
    fixed = dict(doc)
    was: dict[str, Any] = {}
    now: dict[str, str] = {}
    for name in dict.fromkeys(bad):
        was[name] = doc.get(name)
        fixed[name] = copy.deepcopy(_DEFAULTS[spec.name][name])
        now[name] = "its default"
        if backup is not None and name in backup[0]:
            trial = {**fixed, name: backup[0][name]}
            if not [p for p in spec.gate(record, trial) if p.field == name]:
                fixed[name] = copy.deepcopy(backup[0][name])
                now[name] = f"as the backup of {backup[1]} has it"
    if spec.gate(record, fixed):
        return None
    return Salvaged(fixed, was, now)
