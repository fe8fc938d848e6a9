"""The posts a comment search's post fields pick (`in:comments tag:noir haunting`) and their
comments newest first, worked out once per set of post terms and kept until the blog
changes: each keystroke of the words typed after `tag:noir` checks those comments only,
instead of testing every post and gathering their comments again.

Any change the blog announces (`services/events.py`: a post, a comment, a read mark, the
outbox, a re-read store) forgets every scope: what a post term picks may depend on any of
them (`comments:>10`, `is:unread`, `has:queued`).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable

from reeltui.domain.identity import Identity
from reeltui.domain.query import Term
from reeltui.services import commentfields, events
from reeltui.services.blog import Blog, PostRow

KEPT = 8  # scopes remembered per blog (the last few searches typed)
Key = tuple[tuple[Term, ...], Identity]


class Scope:
    """The posts some post terms pick, and (asked once, then kept) their comments."""

    def __init__(self, blog: Blog, rows: list[PostRow]) -> None:
        self.blog = blog
        self.order = [row.post.id for row in rows]
        self.posts = frozenset(self.order)
        self.held = sum(row.summary.comments for row in rows)  # their comments, as listed
        self._newest: list[str] | None = None

    def newest_first(self) -> list[str]:
        """The comments of the posts, newest first (in the text index's order)."""
        if self._newest is None:
            of_posts = commentfields.of(self.blog).of_posts(self.order)
            self._newest = self.blog.search_index().comments.newest_first(of_posts)
        return self._newest


class _Scopes:
    def __init__(self, blog: Blog) -> None:
        self.lock = threading.Lock()
        self.kept: OrderedDict[Key, Scope] = OrderedDict()
        self.changes = 0  # announcements heard: a scope worked out across one is not kept
        ref = weakref.ref(self)

        def heard(change: events.Change) -> None:
            scopes = ref()
            if scopes is not None:
                with scopes.lock:
                    scopes.changes += 1
                    scopes.kept.clear()

        events.subscribe(blog, heard)


_all: weakref.WeakKeyDictionary[Blog, _Scopes] = weakref.WeakKeyDictionary()
_registry = threading.Lock()


def of(
    blog: Blog, terms: tuple[Term, ...], writer: Identity, find: Callable[[], list[PostRow]]
) -> Scope:
    """The scope of the post `terms` for `writer` (`find()` gives their rows when it is not
    known yet)."""
    with _registry:
        scopes = _all.get(blog)
        if scopes is None:
            scopes = _all[blog] = _Scopes(blog)
    key = (terms, writer)
    with scopes.lock:
        found = scopes.kept.get(key)
        if found is not None:
            scopes.kept.move_to_end(key)
            return found
        before = scopes.changes
    complete = blog.index_complete  # (the list still being read: its rows are not all there)
    found = Scope(blog, find())
    with scopes.lock:
        if complete and scopes.changes == before:
            scopes.kept[key] = found
            while len(scopes.kept) > KEPT:
                scopes.kept.popitem(last=False)
    return found
