"""What the user has read: a post is unread until opened; comments that arrived since are new.

Kept in the store's `reads` table ({post id: {"comments": readers' comments it had, "at": ISO
8601}}; marks written before readers' comments were counted hold every comment), written
crash-safely like every table. On a read-only store the marks live in memory for the session.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import weakref
from dataclasses import dataclass
from typing import Any

from reeltui.domain.identity import Identity
from reeltui.domain.listing import Listed
from reeltui.services import events
from reeltui.services.blog import Blog
from reeltui.services.people import own_people, readers_count
from reeltui.services.rows import RowSet
from reeltui.store import StoreReadOnly
from reeltui.store import state as tables

_SESSION: dict[str, dict[str, int]] = {}  # read-only stores: marks kept for this process
_LOCK = threading.Lock()  # the UI reads and writes marks from worker threads


@dataclass(frozen=True, slots=True)
class ReadMark:
    unread: bool
    new_comments: int


def seen(blog: Blog, post_ids: set[str] | None = None, glance: bool = False) -> dict[str, int]:
    """{post id: number of comments it had when last read} for every read post (of
    `post_ids` only, when given: only the files holding theirs are read; with `glance`,
    only their marks in those files: see `state.glance_read_marks`)."""
    with _LOCK:
        if post_ids is None:
            docs = tables.read_marks(blog.store)
        elif glance:
            docs = tables.glance_read_marks(blog.store, post_ids)
        else:
            docs = tables.read_marks_of(blog.store, post_ids)
    return _counts(blog, docs, post_ids)


def _every_mark(blog: Blog) -> dict[str, int]:
    """Every read mark, made once until a mark changes (here, or the Blog read again): the
    list asked them at every keystroke of a search, 10-20 ms at 50,000 posts. Not to be
    changed by the caller."""
    rows = blog.rowset  # (a new one when the Blog reads its store again)
    with _LOCK:
        generation = _GENERATION.get(str(blog.path), 0)
        kept = _EVERY.get(rows)
        if kept is not None and kept[0] == generation:
            return kept[1]
        docs = tables.read_marks(blog.store)
        if kept is None:  # (the first time for these rows: the table read whole)
            # The store keeps its files for the session: frozen (with the rest of what the
            # app keeps by now, the list's rows among them), else every full collector pass
            # walked their 50,000 marks. No pause of the collector around the read: it can
            # wait for a save holding the store, and a pause stops every thread's passes.
            gc.freeze()
    found = _counts(blog, docs, None)
    with _LOCK:
        if _GENERATION.get(str(blog.path), 0) == generation:  # (no change meanwhile)
            _EVERY[rows] = (generation, found)
    return found


def _changed(blog: Blog) -> None:
    """A read mark changed (under _LOCK): the marks kept are made again when next asked."""
    path = str(blog.path)
    _GENERATION[path] = _GENERATION.get(path, 0) + 1


def _counts(
    blog: Blog, docs: dict[str, dict[str, Any]], post_ids: set[str] | None
) -> dict[str, int]:
    found = {post_id: doc["comments"] for post_id, doc in docs.items()}
    session = _SESSION.get(str(blog.path), {})
    wanted = session.keys() if post_ids is None else post_ids & session.keys()
    found.update((post_id, session[post_id]) for post_id in wanted)
    return found


_GENERATION: dict[str, int] = {}  # per store: bumped at each change of a read mark
_EVERY: weakref.WeakKeyDictionary[RowSet, tuple[int, dict[str, int]]] = (
    weakref.WeakKeyDictionary()
)  # (see _every_mark)


def marks(blog: Blog) -> dict[str, tuple[int, str]]:
    """{post id: (comments it had when read, when)} as stored (for exports)."""
    with _LOCK:
        docs = tables.read_marks(blog.store)
    return {post_id: (doc["comments"], doc.get("at", "")) for post_id, doc in docs.items()}


def put_mark(blog: Blog, post_id: str, comments: int, at: str) -> None:
    """Record a read mark as another store had it (an import of an export)."""
    with _LOCK:
        tables.put_read_mark(blog.store, post_id, comments, at)
        _changed(blog)


def mark(seen_counts: dict[str, int], post_id: str, comment_count: int) -> ReadMark:
    """Unread / new-comments state of one post, given `seen()`."""
    if post_id not in seen_counts:
        return ReadMark(unread=True, new_comments=0)
    return ReadMark(unread=False, new_comments=max(0, comment_count - seen_counts[post_id]))


class Marks:
    """Read marks of the list's rows: a post is unread until opened here or marked read
    (whoever wrote it: who the writer is changes no dot; a post made here starts read,
    `drafts.EditSession`); new comments are readers' comments (`domain.readers`: never the
    writer's own replies, nor spam, pingbacks or comments waiting for moderation) beyond
    those there when it was read (the counts the caller passes)."""

    def __init__(self, blog: Blog, *, posts: set[str] | None = None, glance: bool = False) -> None:
        """`posts`: the marks of these posts are looked up at once, another's when it is
        first asked for (the list's first screen: the rows the terminal shows, not the
        rows below them); `glance`: a first look, nothing else of their files read (see
        `seen`)."""
        self.blog = blog
        self.glance = glance
        self.looked_up = None if posts is None else set(posts)  # None: every mark is known
        self.seen = _every_mark(blog) if posts is None else seen(blog, posts, glance)
        self._looking = threading.Lock()  # (the UI thread and a worker may both ask)

    def of(self, post: Listed, readers_comments: int) -> ReadMark:
        """The mark of `post`, which has `readers_comments` now (the count its row shows)."""
        if self.looked_up is not None and post.id not in self.looked_up:
            with self._looking:
                if post.id not in self.looked_up:
                    self.seen = {**self.seen, **seen(self.blog, {post.id}, self.glance)}
                    self.looked_up.add(post.id)
        return mark(self.seen, post.id, readers_comments)


def mark_read(blog: Blog, post_id: str, writer: Identity | None = None) -> int:
    """Record that the user read `post_id` with all its current comments; returns how many
    readers' comments it had (what later arrivals are counted against)."""
    count = readers_count(blog, post_id, own_people(blog, writer=writer))
    _remember(blog, {post_id: count})
    return count


def mark_all_read(blog: Blog, post_ids: list[str], writer: Identity | None = None) -> int:
    """Mark every post of `post_ids` read (one write); returns how many were not read yet
    or had new comments."""
    before = seen(blog)
    own = own_people(blog, writer=writer)
    counts = {pid: readers_count(blog, pid, own) for pid in post_ids}
    changed = {pid: n for pid, n in counts.items() if before.get(pid) != n}
    if changed:
        _remember(blog, changed)
    return len(changed)


def _remember(blog: Blog, counts: dict[str, int]) -> None:
    session = _SESSION.setdefault(str(blog.path), {})
    try:
        if blog.read_only:
            session.update(counts)
            return
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            with _LOCK, blog.store.batch():
                for post_id, count in counts.items():
                    tables.put_read_mark(blog.store, post_id, count, at)
        except StoreReadOnly:
            session.update(counts)
    finally:
        with _LOCK:
            _changed(blog)  # (after the change: a read meanwhile is not kept)
        events.changed(blog, "reads", *counts)


def mark_unread(blog: Blog, post_id: str) -> None:
    _SESSION.get(str(blog.path), {}).pop(post_id, None)
    try:
        if blog.read_only:
            return
        with _LOCK:
            tables.remove_read_mark(blog.store, post_id)
    finally:
        with _LOCK:
            _changed(blog)
        events.changed(blog, "reads", post_id)
