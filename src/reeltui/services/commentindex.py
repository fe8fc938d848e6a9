"""Per-post comment ids and the figures the post list shows, from the raw store documents.

Building 200,000 Comment objects takes seconds; the list needs only counts and the reader
only one post's thread, so this index is built from the stored dicts in one pass and kept
up to date by the Blog as comments are saved and deleted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

Facts = tuple[str, bool, bool]  # post id, pending, queued


def facts(doc: Mapping[str, Any] | None) -> Facts | None:
    """What the index needs of a stored comment document (None: no such comment)."""
    if doc is None:
        return None
    return (
        doc.get("post_id", ""),
        doc.get("status") == "pending",
        doc.get("sync_state") == "queued",
    )


class CommentIndex:
    def __init__(self, raw: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.by_post: dict[str, list[str]] = {}
        self.pending: Counter[str] = Counter()
        self.queued: Counter[str] = Counter()  # replies waiting in the outbox, per post
        self.pending_total = 0
        self.queued_total = 0
        by_post = self.by_post
        for comment_id, doc in (raw or {}).items():
            post_id = doc.get("post_id", "")
            ids = by_post.get(post_id)
            if ids is None:
                by_post[post_id] = [comment_id]
            else:
                ids.append(comment_id)
            pending = doc.get("status") == "pending"
            queued = doc.get("sync_state") == "queued"
            if pending or queued:
                self._count(post_id, pending, queued, 1)

    def _count(self, post_id: str, pending: bool, queued: bool, step: int) -> None:
        if pending:
            self.pending[post_id] += step
            self.pending_total += step
        if queued:
            self.queued[post_id] += step
            self.queued_total += step

    def count(self, post_id: str) -> int:
        return len(self.by_post.get(post_id, ()))

    def ids(self, post_id: str) -> list[str]:
        return list(self.by_post.get(post_id, ()))

    def put(self, comment_id: str, old: Facts | None, new: Facts) -> None:
        """Record a saved comment: `old` are its facts before the save (None: it is new)."""
        if old == new:
            return
        if old is not None:
            self._count(old[0], old[1], old[2], -1)
            if old[0] != new[0]:
                self.by_post[old[0]].remove(comment_id)
        if old is None or old[0] != new[0]:
            self.by_post.setdefault(new[0], []).append(comment_id)
        self._count(new[0], new[1], new[2], 1)

    def drop(self, comment_id: str, old: Facts | None) -> None:
        if old is not None:
            self._count(old[0], old[1], old[2], -1)
            self.by_post[old[0]].remove(comment_id)
