"""The outbox entries a repair leaves pointing at nothing, found while the repair is planned.

A post's file put back whole from a backup taken before a reply was queued on that post lacks
the reply: its words were only in the damaged file (kept aside in `backups/broken-*`, never
deleted). A comment quarantined (alone or with its post) takes its outbox entries' comment out
of the store too. Either way the entry could never be sent: the same repair sets it aside in
the quarantine file (as `check --repair` does with an entry found so), and its plan says which
replies the backup lacks, so a user knows what to write again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from reeltui.store.errors import StoreError
from reeltui.store.layout import COMMENTS, LOCATOR, OUTBOX, POST, hashed_file, safe_name
from reeltui.store.repairplan import Fix, RecordFix
from reeltui.store.store import Store


def lost_replies(store: Store, fixes: dict[str, Fix]) -> None:
    """Add to the fix that takes an outbox entry's comment out of the store (a post's file
    put back from a backup lacking it, a comment quarantined) the entry, set aside with it
    (`Fix.set_aside`: applied only with that fix, so a repair declined for that table sets
    nothing aside); and, to the posts fix, which replies a post's file put back lacks."""
    try:
        queued = {
            entry_id: doc
            for entry_id, doc in store.peek(OUTBOX.path).good(OUTBOX.name).items()
            if doc.get("state") != "sent"
        }
    except StoreError:  # the outbox's own finding says it
        return
    if not queued:
        return
    planned = {r.record for r in fixes.get("outbox", Fix("outbox")).quarantines}
    gone = {  # comment id -> the fix taking it out of the store
        r.record: fix
        for fix in fixes.values()
        for r in (*fix.quarantines, *fix.followers)
        if r.table == COMMENTS.name
    }
    posts = fixes.get("posts", Fix("posts"))
    restored = {rel: copy for rel, copy, _, _ in posts.files if rel.startswith(f"{POST.path}/")}
    for entry_id, doc in queued.items():
        comment_id = str(doc.get("comment_id", ""))
        if entry_id in planned:
            continue
        label = f"outbox entry {entry_id!r} ({_what(doc)} {comment_id!r}{_queued(doc)})"
        fix = gone.get(comment_id)
        if fix is not None:
            why = "its comment is quarantined by this repair: it could never be sent"
            fix.set_aside.append(RecordFix(OUTBOX.path, OUTBOX.name, entry_id, doc, why, label))
            continue
        rel = _located(store, comment_id) if restored else None
        copy = restored.get(rel or "")
        if rel is None or copy is None or comment_id in copy.data.get(COMMENTS.name, {}):
            continue
        posts.lost.setdefault(rel, []).append(_reply(comment_id, doc))
        why = f"not in the backup {rel} is put back from: it could never be sent"
        posts.set_aside.append(RecordFix(OUTBOX.path, OUTBOX.name, entry_id, doc, why, label))


def _located(store: Store, comment_id: str) -> str | None:
    """The post file the comment index puts `comment_id` in (None: it does not say)."""
    with contextlib.suppress(StoreError):
        doc = store.peek(hashed_file(LOCATOR, comment_id)).good(LOCATOR.name).get(comment_id)
        post = doc.get("post") if isinstance(doc, dict) else None
        if isinstance(post, str):
            return f"{POST.path}/{safe_name(post)}.json"
    return None


def _what(doc: dict[str, Any]) -> str:
    return "the reply" if doc.get("kind") == "reply" else f"the {doc.get('action', '')} of"


def _queued(doc: dict[str, Any]) -> str:
    """`, queued 2026-12-08 02:33 UTC` (nothing when the entry does not say when)."""
    try:
        when = dt.datetime.fromisoformat(str(doc.get("created", "")))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return f", queued {when.strftime('%Y-%m-%d %H:%M')} UTC"


def _reply(comment_id: str, doc: dict[str, Any]) -> str:
    if doc.get("kind") == "reply":
        return f"reply {comment_id!r}{_queued(doc)}"
    return f"{doc.get('action', 'moderation')} of comment {comment_id!r}{_queued(doc)}"
