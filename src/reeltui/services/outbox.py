"""The outbox: everything waiting to go out to the real blog, in the order it will be sent.

Contract (consumed by sync):
- A reply is a local Comment (origin "local") whose `sync_state` moves
  local (draft) -> queued -> sent | failed. `remote_id` is set when sent; `sync_error` when failed.
- Every outgoing item has an entry in the `outbox` table:
  {"kind": "reply" | "moderate", "comment_id": str, "action": str (moderate only:
   approve | unapprove | spam | trash | restore), "state": "queued" | "sent" | "failed",
   "error": str, "remote_id": str, "position": int, "created": ISO 8601}
  Entries are sent in `position` order; failed entries stay and are retried next time.
- Call `repair(blog)` before sending: a kill -9 between the comments.json and outbox.json
  writes can leave a queued reply without its entry (or an entry without its reply).
- Moderation entries: the comment's status is already changed locally; its `source` holds
  `status_remote` (what the blog has) while queued — see services/moderation.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from reeltui.domain.models import MODERATION_ACTIONS, OUTBOX_STATES, Comment, Post
from reeltui.domain.vocab import (
    OUTBOX_KINDS,
    OutboxAction,
    OutboxKind,
    OutboxRowState,
    OutboxState,
)
from reeltui.errors import InputError
from reeltui.services import events
from reeltui.services.blog import Blog
from reeltui.store import StoreError, records
from reeltui.store import state as tables

T = TypeVar("T")

KINDS = OUTBOX_KINDS
ACTIONS = MODERATION_ACTIONS
STATES = OUTBOX_STATES


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    kind: OutboxKind
    comment_id: str
    action: OutboxAction
    state: OutboxRowState
    error: str
    remote_id: str
    position: int
    created: str


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def entries(blog: Blog, state: str | None = None) -> list[Entry]:
    """Outbox entries in sending order (optionally only those in `state`)."""
    found = [
        Entry(
            id=entry_id,
            kind=doc.get("kind", ""),
            comment_id=doc.get("comment_id", ""),
            action=doc.get("action", ""),
            state=doc.get("state", "queued"),
            error=doc.get("error", ""),
            remote_id=doc.get("remote_id", ""),
            position=doc.get("position", 0),
            created=doc.get("created", ""),
        )
        for entry_id, doc in tables.outbox_docs(blog.store).items()
    ]
    found.sort(key=lambda e: (e.position, e.created, e.id))
    return [e for e in found if state is None or e.state == state]


def _next_position(blog: Blog) -> int:
    return max((e.position for e in entries(blog)), default=0) + 1


def add(blog: Blog, kind: OutboxKind, comment_id: str, action: OutboxAction = "") -> Entry:
    if kind not in KINDS:
        raise InputError(f"unknown outbox kind {kind!r}")
    if kind == "moderate" and action not in ACTIONS:
        raise InputError(f"unknown moderation action {action!r}; use one of {', '.join(ACTIONS)}")
    entry = Entry(
        new_id("o"), kind, comment_id, action, "queued", "", "", _next_position(blog), now()
    )
    _put(blog, entry)
    return entry


def put_back(
    blog: Blog,
    kind: OutboxKind,
    comment_id: str,
    *,
    action: OutboxAction = "",
    state: OutboxState = "queued",
    error: str = "",
    remote_id: str = "",
    created: str = "",
) -> Entry:
    """Append an entry as another store had it (an import of an export): at the end of the
    sending order, keeping its state, error, remote id and time."""
    if state not in STATES:
        raise InputError(f"unknown outbox state {state!r}")
    entry = add(blog, kind, comment_id, action)
    if (state, error, remote_id) != ("queued", "", "") or created:
        entry = _replace(
            entry, state=state, error=error, remote_id=remote_id, created=created or entry.created
        )
        _put(blog, entry)
    return entry


def _put(blog: Blog, entry: Entry) -> None:
    data = {
        "kind": entry.kind,
        "comment_id": entry.comment_id,
        "action": entry.action,
        "state": entry.state,
        "error": entry.error,
        "remote_id": entry.remote_id,
        "position": entry.position,
        "created": entry.created,
    }
    tables.put_outbox(blog.store, entry.id, data)
    events.changed(blog, "outbox", entry.id)


def get(blog: Blog, entry_id: str) -> Entry:
    for entry in entries(blog):
        if entry.id == entry_id:
            return entry
    raise InputError(f"no outbox entry {entry_id!r}")


def remove(blog: Blog, entry_id: str) -> None:
    if not tables.remove_outbox(blog.store, [entry_id]):
        raise InputError(f"no outbox entry {entry_id!r}")
    events.changed(blog, "outbox", entry_id)


def queue_reply(blog: Blog, comment: Comment) -> Entry:
    """Put a local reply in the outbox (sync_state -> queued) in one crash-safe step each."""
    comment.sync_state = "queued"
    comment.sync_error = ""
    with blog.store.batch():
        blog.save_comment(comment)
        existing = [e for e in entries(blog) if e.kind == "reply" and e.comment_id == comment.id]
        entry = existing[0] if existing else add(blog, "reply", comment.id)
        if existing and entry.state != "queued":
            entry = _replace(entry, state="queued", error="")
            _put(blog, entry)
    return entry


def _replace(entry: Entry, **changes: str | int) -> Entry:
    return dataclasses.replace(entry, **changes)  # type: ignore[arg-type]


def mark_sent(blog: Blog, entry_id: str, remote_id: str = "") -> None:
    entry = _replace(get(blog, entry_id), state="sent", error="", remote_id=remote_id)
    with blog.store.batch():
        _put(blog, entry)
        if entry.kind == "reply":
            comment = blog.comment(entry.comment_id)
            comment.sync_state, comment.sync_error, comment.remote_id = "sent", "", remote_id
            blog.save_comment(comment)


def mark_failed(blog: Blog, entry_id: str, error: str) -> None:
    entry = _replace(get(blog, entry_id), state="failed", error=error)
    with blog.store.batch():
        _put(blog, entry)
        if entry.kind == "reply":
            comment = blog.comment(entry.comment_id)
            comment.sync_state, comment.sync_error = "failed", error
            blog.save_comment(comment)


def move(blog: Blog, entry_id: str, offset: int) -> None:
    """Move an entry up (offset < 0) or down in the sending order."""
    order = entries(blog)
    index = next((i for i, e in enumerate(order) if e.id == entry_id), None)
    if index is None:
        raise InputError(f"no outbox entry {entry_id!r}")
    target = max(0, min(len(order) - 1, index + offset))
    item = order.pop(index)
    order.insert(target, item)
    with blog.store.batch():
        for position, entry in enumerate(order, 1):
            if entry.position != position:
                _put(blog, _replace(entry, position=position))


@dataclass(frozen=True, slots=True)
class Row:
    """An outbox entry with what a list shows next to it (None where the record is gone)."""

    entry: Entry
    comment: Comment | None
    post: Post | None
    parent: Comment | None
    damaged: bool = False  # the post's file cannot be read (`reeltui check`), not gone


def rows(blog: Blog, state: str | None = None) -> list[Row]:
    """Outbox entries in sending order with their comment, post and parent comment."""
    found = []
    for entry in entries(blog, state):
        comment = _maybe(blog.comment, entry.comment_id)
        post = _maybe(blog.post, comment.post_id) if comment else None
        parent = None
        if comment is not None and comment.parent_id:
            parent = _maybe(blog.comment, comment.parent_id)
        damaged = post is None and _unreadable(blog, entry.comment_id)
        found.append(Row(entry, comment, post, parent, damaged))
    return found


def draft_rows(blog: Blog) -> list[Row]:
    """Kept reply drafts (not in the sending order until sent), as rows in state "draft"."""
    from reeltui.services.replies import drafts  # replies builds on this module

    found = []
    for comment in drafts(blog):
        entry = Entry("", "reply", comment.id, "", "draft", "", "", 0, comment.date)
        post = _maybe(blog.post, comment.post_id)
        parent = _maybe(blog.comment, comment.parent_id) if comment.parent_id else None
        found.append(Row(entry, comment, post, parent))
    return found


def _maybe(get: Callable[[str], T], key: str) -> T | None:
    try:
        return get(key)
    except StoreError:  # gone, or damaged (`reeltui check` says so)
        return None


def repair(blog: Blog) -> int:
    """Make the outbox agree with the comments after a crash between the two files' writes.

    A queued reply without an entry gets one (at the end); a reply entry whose comment is
    gone is dropped. Returns the number of fixes (0 when consistent). Call it on opening a
    writable store and before sending.
    """
    if blog.read_only:
        return 0
    found = entries(blog)
    with_entry = {e.comment_id for e in found if e.kind == "reply"}
    orphans = [
        e.id
        for e in found
        if e.kind == "reply"
        and _maybe(blog.comment, e.comment_id) is None
        and not _unreadable(blog, e.comment_id)
    ]
    missing = [
        c
        for c in blog.comments_where(lambda s: s.queued > 0)
        if c.origin == "local" and c.sync_state == "queued" and c.id not in with_entry
    ]
    if not orphans and not missing:
        return 0
    with blog.store.batch():
        if orphans:
            tables.remove_outbox(blog.store, orphans)
            events.changed(blog, "outbox", *orphans)
        for comment in sorted(missing, key=lambda c: (c.date, c.id)):
            add(blog, "reply", comment.id)
    return len(orphans) + len(missing)


def _unreadable(blog: Blog, comment_id: str) -> bool:
    """Is the comment in a post whose file cannot be read (damaged, not gone: its entry is
    kept for `reeltui check --repair` to bring the comment back)?"""
    post_id = blog.opened.owner.get(comment_id) or records.locate(blog.store, comment_id)
    return post_id is not None and blog.opened.get(post_id).error is not None


def requeue(blog: Blog, entry_id: str) -> Entry:
    """Put a failed entry (reply or moderation) back in the queue for the next sync."""
    entry = get(blog, entry_id)
    if entry.state != "failed":
        raise InputError("only a failed item can be queued again")
    if entry.kind == "reply":
        return queue_reply(blog, blog.comment(entry.comment_id))
    entry = _replace(entry, state="queued", error="")
    _put(blog, entry)
    return entry
