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
    """Add to `fixes` the outbox entries this repair would leave without their comment (an
    "outbox" fix's quarantines) and, to the posts fix, the words a user needs: which replies
    a post's file put back from a backup lacks."""
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
    outbox = fixes.get("outbox", Fix("outbox"))
    planned = {r.record for r in outbox.quarantines}
    posts = fixes.get("posts", Fix("posts"))
    gone = {
        r.record: "quarantined with this repair: it could never be sent"
        for fix in fixes.values()
        for r in (*fix.quarantines, *fix.followers)
        if r.table == COMMENTS.name
    }
    restored = {rel: copy for rel, copy, _, _ in posts.files if rel.startswith(f"{POST.path}/")}
    for entry_id, doc in queued.items():
        comment_id = str(doc.get("comment_id", ""))
        if entry_id in planned:
            continue
        why = gone.get(comment_id)
        if why is None and restored:
            rel = _located(store, comment_id)
            copy = restored.get(rel or "")
            if (
                rel is not None
                and copy is not None
                and comment_id not in copy.data.get(COMMENTS.name, {})
            ):
                posts.lost.setdefault(rel, []).append(_reply(comment_id, doc))
                why = f"not in the backup {rel} is put back from: it could never be sent"
        if why is not None:
            label = f"outbox entry {entry_id!r} ({_what(doc)} {comment_id!r}{_queued(doc)})"
            outbox.quarantines.append(
                RecordFix(OUTBOX.path, OUTBOX.name, entry_id, doc, why, label)
            )
    if outbox.quarantines:
        fixes.setdefault("outbox", outbox)
    if posts.lost:
        fixes.setdefault("posts", posts)


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
