"""What the user has read: a post is unread until opened; comments that arrived since are new.

Kept in the store's `reads` table ({post id: {"comments": seen count, "at": ISO 8601}}), written
crash-safely like every table (a mark rewrites one small file of it). On a read-only store the
marks live in memory for the session.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from reeltui.services.blog import Blog
from reeltui.store import StoreReadOnly, state

_SESSION: dict[str, dict[str, int]] = {}  # read-only stores: marks kept for this process
_LOCK = threading.Lock()  # the UI reads and writes marks from worker threads


@dataclass(frozen=True, slots=True)
class ReadMark:
    unread: bool
    new_comments: int


def seen(blog: Blog) -> dict[str, int]:
    """{post id: number of comments it had when last read} for every read post."""
    with _LOCK:
        docs = state.read_marks(blog.store)
    found = {post_id: doc["comments"] for post_id, doc in docs.items()}
    found.update(_SESSION.get(str(blog.path), {}))
    return found


class ReadMarks:
    """The read marks a list shows, looked up per row when it is drawn (not built per row)."""

    def __init__(self, seen_counts: dict[str, int]) -> None:
        self.seen = seen_counts

    def mark(self, post_id: str, comment_count: int) -> ReadMark:
        return mark(self.seen, post_id, comment_count)

    def set(self, post_id: str, comments: int | None) -> None:
        """Read with `comments` comments, or unread (None)."""
        if comments is None:
            self.seen.pop(post_id, None)
        else:
            self.seen[post_id] = comments


def mark(seen_counts: dict[str, int], post_id: str, comment_count: int) -> ReadMark:
    """Unread / new-comments state of one post, given `seen()`."""
    if post_id not in seen_counts:
        return ReadMark(unread=True, new_comments=0)
    return ReadMark(unread=False, new_comments=max(0, comment_count - seen_counts[post_id]))


def mark_read(blog: Blog, post_id: str) -> int:
    """Record that the user read `post_id` with all its current comments; returns that count."""
    count = len(blog.comments(post_id))
    if blog.read_only:
        _SESSION.setdefault(str(blog.path), {})[post_id] = count
        return count
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        with _LOCK:
            state.put_read_mark(blog.store, post_id, count, at)
    except StoreReadOnly:
        _SESSION.setdefault(str(blog.path), {})[post_id] = count
    return count


def mark_unread(blog: Blog, post_id: str) -> None:
    _SESSION.get(str(blog.path), {}).pop(post_id, None)
    if blog.read_only:
        return
    with _LOCK:
        state.remove_read_mark(blog.store, post_id)
