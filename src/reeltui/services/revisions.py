"""Revisions: a saved copy of a post at each manual save, autosave, publish and restore.

Table `revisions` (a file per post): {"post_id", "reason", "at" (ISO 8601), "seq" (order per
post), "post": {...}}.
Manual revisions are kept for ever; autosave revisions are pruned to the last N per post.

A revision is kept only when the post changed since the last one; an autosave of the same
text as the autosave before it (only a field of the form changed) merges into that one, so
filling in a form leaves one row, not one per pause.
"""

from __future__ import annotations

import difflib
import uuid
from dataclasses import dataclass, replace
from typing import Any

from reeltui.domain.models import Post, member
from reeltui.domain.vocab import REVISION_REASONS, RevisionReason
from reeltui.errors import InputError
from reeltui.store import Store, state

REASONS = REVISION_REASONS
ORIGINAL_NOTE = "the text before the first change here"
KEEP_AUTOSAVES = 20


@dataclass(frozen=True, slots=True)
class Revision:
    id: str
    post_id: str
    reason: RevisionReason
    at: str
    seq: int
    post: Post
    note: str = ""

    @property
    def manual(self) -> bool:
        return self.reason != "autosave"


def _from_doc(doc_id: str, doc: dict[str, Any]) -> Revision:
    post_id = str(doc.get("post_id", ""))
    return Revision(
        id=doc_id,
        post_id=post_id,
        reason=member(REASONS, doc.get("reason"), "revision reason"),  # the gate checked it
        at=str(doc.get("at", "")),
        seq=int(doc.get("seq", 0)),
        post=Post.from_dict({**doc.get("post", {}), "id": post_id}),
        note=str(doc.get("note", "")),
    )


def history(store: Store, post_id: str) -> list[Revision]:
    """The post's revisions, newest first."""
    found = [_from_doc(rid, doc) for rid, doc in state.revision_docs(store, post_id).items()]
    found.sort(key=lambda r: (r.seq, r.at), reverse=True)
    return found


def every(store: Store) -> list[Revision]:
    """Every revision of every post, oldest first per post (for exports)."""
    found = [_from_doc(rid, doc) for rid, doc in state.every_revision_doc(store).items()]
    found.sort(key=lambda r: (r.post_id, r.seq, r.at))
    return found


def add(
    store: Store,
    post: Post,
    reason: RevisionReason,
    at: str,
    note: str = "",
    past: list[Revision] | None = None,
) -> Revision | None:
    """Keep a revision of `post`, or None when the latest one holds it already (see the
    module's docstring; an autosave it merges with is replaced, keeping its id and place).
    `past`: the post's `history`, when the caller has it already."""
    if reason not in REASONS:
        raise InputError(f"unknown revision reason {reason!r}")
    past = history(store, post.id) if past is None else past
    latest = past[0] if past else None
    rev_id, seq = f"r-{uuid.uuid4().hex[:12]}", (latest.seq + 1) if latest else 1
    if latest is not None and reason in ("save", "autosave"):
        same = same_post(latest.post, post)
        if latest.reason == "autosave" and (
            (reason == "save" and same)  # the autosave becomes this save (saves are kept)
            or (reason == "autosave" and not same and latest.post.body == post.body)
        ):
            rev_id, seq = latest.id, latest.seq
        elif same:
            return None
    doc: dict[str, Any] = {"reason": reason, "at": at, "seq": seq}
    if note:
        doc["note"] = note
    state.put_revision(store, rev_id, post, doc)
    return Revision(rev_id, post.id, reason, at, seq, post, note)


def keep_original(store: Store, post: Post, past: list[Revision]) -> list[Revision]:
    """Before the first revision of a post that came from elsewhere (an import, a sync),
    keep its text as it was ("original"), once, so that it can be diffed and restored.
    Returns the post's history with it (newest first)."""
    if past:
        return past
    at = post.modified or post.date
    kept = add(store, post, "original", at, ORIGINAL_NOTE, past=[])
    return [kept] if kept is not None else []


def forget(store: Store, post_id: str) -> int:
    """Remove every revision of a post (one never saved, discarded); returns how many."""
    ids = list(state.revision_docs(store, post_id))
    return state.remove_revisions(store, post_id, ids) if ids else 0


def same_post(a: Post, b: Post) -> bool:
    """The same words and fields. When each was written does not count, nor the site's HTML:
    working copies and revisions keep the Markdown only (a save splices it into the HTML)."""
    return replace(a, modified="", html="", excerpt_html="") == replace(
        b, modified="", html="", excerpt_html=""
    )


def prune(
    store: Store, post_id: str, keep: int = KEEP_AUTOSAVES, known: list[Revision] | None = None
) -> int:
    """Drop all but the last `keep` autosave revisions of the post; returns how many went.
    `known`: the post's `history` (newest first), when the caller has it already."""
    found = history(store, post_id) if known is None else known
    autosaves = [r for r in found if r.reason == "autosave"]
    old = [r.id for r in autosaves[keep:]]
    if old:
        state.remove_revisions(store, post_id, old)
    return len(old)


def unified_diff(
    old: str, new: str, old_label: str = "revision", new_label: str = "current"
) -> str:
    """A unified diff of two Markdown texts ("" when they are equal)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=old_label,
        tofile=new_label,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
