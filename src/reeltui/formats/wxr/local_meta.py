"""What reeltui keeps about a comment in its hidden `_reeltui` comment meta beyond the comment
itself: the outbox entries about it (queued replies and moderation, with their place in the
sending order) and the real status of a reply the blog does not have yet (such replies are
written unapproved, so WordPress's importer never publishes them).

`writer` puts them in; `to_posts` reads them back, so a WXR round trip keeps the outbox.
"""

from __future__ import annotations

from typing import Any

from reeltui.domain.models import COMMENT_STATUSES, Comment, member
from reeltui.domain.vocab import CommentStatus
from reeltui.formats.local_state import OutboxItem

UNAPPROVED = "0"


def by_comment(outbox: list[OutboxItem]) -> dict[str, list[dict[str, Any]]]:
    """The outbox entries of each comment (for its meta), with their place in the order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for position, item in enumerate(outbox, 1):
        entry: dict[str, Any] = {"kind": item.kind, "action": item.action, "state": item.state}
        entry.update(error=item.error, remote_id=item.remote_id, created=item.created)
        found.setdefault(item.comment_id, []).append({**entry, "position": position})
    return found


def is_unsent(comment: Comment) -> bool:
    """A reply written here that the blog does not have yet (draft, queued or failed)."""
    return comment.origin == "local" and comment.sync_state != "sent"


def status_in(own: dict[str, Any], approved: str, status: CommentStatus) -> CommentStatus:
    """The status reeltui wrote in the meta of an unsent reply, while the XML still has it
    unapproved as written (after a WordPress round trip that approved it, the XML wins)."""
    kept = own.get("status")
    if approved.strip() == UNAPPROVED and kept in COMMENT_STATUSES:
        return member(COMMENT_STATUSES, kept, "comment status")
    return status


def outbox_in(own: dict[str, Any], comment_id: str) -> list[tuple[int, OutboxItem]]:
    """(place in the sending order, entry) for each well-formed entry in the meta."""
    raw = own.get("outbox")
    found: list[tuple[int, OutboxItem]] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict):
            continue
        texts = {
            key: entry.get(key, "")
            for key in ("kind", "action", "state", "error", "remote_id", "created")
        }
        position = entry.get("position")
        if not all(isinstance(v, str) for v in texts.values()) or not isinstance(position, int):
            continue
        found.append((position, OutboxItem(comment_id=comment_id, **texts)))
    return found
