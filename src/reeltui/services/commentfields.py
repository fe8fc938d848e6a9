"""The comments of a blog by their author's name words, by their day and by their post, for
the comment fields of a search (`in:comments author:marcy date:2014`) and the comments of
the posts its post fields pick (`in:comments tag:noir`): a lookup instead of a check of
every comment, and no post's file read.

Built once per Blog from the stored documents by the first search that needs it (the app
searches in a worker), then kept up to date by the Blog's change announcements
(`services/events.py`): a saved or deleted comment is re-indexed, a re-read store ("all")
or a change of many comments at once rebuilds it on the next search. The answers are
candidates: `services.query` still checks every term on them.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

from reeltui.domain.memory import paused_gc
from reeltui.domain.query import Term
from reeltui.domain.query_eval import name_words
from reeltui.services import events
from reeltui.services.blog import Blog
from reeltui.store import records
from reeltui.store.layout import COMMENTS

BULK = 200  # a change of more comments than this (a sync) rebuilds the index instead
_indexes: weakref.WeakKeyDictionary[Blog, CommentFields] = weakref.WeakKeyDictionary()
_heard: weakref.WeakKeyDictionary[Blog, int] = weakref.WeakKeyDictionary()  # changes heard
_registry = threading.Lock()


def _day(doc: Mapping[str, Any]) -> str:
    date = doc.get("date") or ""
    return date[:10] if isinstance(date, str) else ""


def _post(doc: Mapping[str, Any]) -> str:
    post = doc.get("post_id") or ""
    return post if isinstance(post, str) else ""


def _name(doc: Mapping[str, Any]) -> str:
    author = doc.get("author") or ""
    return author if isinstance(author, str) else ""


def _put(lists: dict[str, list[str]], key: str, cid: str) -> bool:
    """Adds `cid` to the list of `key`; True when that list is new."""
    ids = lists.get(key)
    if ids is None:
        lists[key] = [cid]
        return True
    ids.append(cid)
    return False


def _take(lists: dict[str, list[str]], key: str, cid: str) -> bool:
    """Removes `cid` from the list of `key`; True when that list is gone (empty)."""
    ids = lists.get(key)
    if ids is None or cid not in ids:
        return False
    ids.remove(cid)
    if ids:
        return False
    del lists[key]
    return True


class CommentFields:
    """The comments by author's name (names by their words), by day (days in order) and by
    post: a few thousand names, days and posts for 200,000 comments, so built in one cheap
    pass (the collector paused: it would walk the whole archive's documents again and again
    for lists that hold no cycle)."""

    def __init__(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        self._lock = threading.Lock()
        self.stale = False  # the store was re-read: build again before answering
        self.by_name: dict[str, list[str]] = {}
        self.by_day: dict[str, list[str]] = {}
        self.by_post: dict[str, list[str]] = {}  # each post's comments, in the index's order
        self.name_of: dict[str, str] = {}
        self.day_of: dict[str, str] = {}
        self.post_of: dict[str, str] = {}
        self.by_word: dict[str, set[str]] = {}
        with paused_gc(keep=True):  # (kept for the session: frozen, out of the collector's walks)
            self._build(list(docs.items()))  # (a copy: the UI thread may save meanwhile)
            self.days = sorted(self.by_day)
            for name in self.by_name:
                self._name_added(name)

    def _build(self, items: list[tuple[str, Mapping[str, Any]]]) -> None:
        by_name, by_day, by_post = self.by_name, self.by_day, self.by_post
        name_of, day_of, post_of = self.name_of, self.day_of, self.post_of
        for cid, doc in items:
            # (inline: one pass over 200,000 comments, no call per comment)
            name = doc.get("author") or ""
            name_of[cid] = name = name if isinstance(name, str) else ""
            by_name.setdefault(name, []).append(cid)
            date = doc.get("date")
            if date and isinstance(date, str):
                day = date[:10]
                ids = by_day.get(day)
                if ids is None:
                    ids = by_day[day] = []
                else:
                    day = day_of[ids[0]]  # (one string per day, not per comment)
                day_of[cid] = day
                ids.append(cid)
            post = doc.get("post_id") or ""
            post_of[cid] = post = post if isinstance(post, str) else ""
            by_post.setdefault(post, []).append(cid)

    def _name_added(self, name: str) -> None:
        for word in name_words(name):
            self.by_word.setdefault(word, set()).add(name)

    def _name_gone(self, name: str) -> None:
        for word in name_words(name):
            names = self.by_word.get(word)
            if names is not None:
                names.discard(name)
                if not names:
                    del self.by_word[word]

    # -- kept up to date -----------------------------------------------------------------

    def update(self, docs: Mapping[str, Mapping[str, Any]], ids: Iterable[str]) -> None:
        """Re-index the comments `ids` as `docs` has them now (gone from it: removed)."""
        ids = list(ids)
        if len(ids) > BULK:
            self.stale = True
            return
        with self._lock:
            for cid in ids:
                self._remove(cid)
                doc = docs.get(cid)
                if doc is not None:
                    self._add(cid, doc)

    def _remove(self, cid: str) -> None:
        name = self.name_of.pop(cid, None)
        if name is not None and _take(self.by_name, name, cid):
            self._name_gone(name)
        day = self.day_of.pop(cid, None)
        if day is not None and _take(self.by_day, day, cid):
            del self.days[bisect.bisect_left(self.days, day)]
        post = self.post_of.pop(cid, None)
        if post is not None:
            _take(self.by_post, post, cid)

    def _add(self, cid: str, doc: Mapping[str, Any]) -> None:
        name = self.name_of[cid] = _name(doc)
        if _put(self.by_name, name, cid):
            self._name_added(name)
        day = _day(doc)
        if day:
            self.day_of[cid] = day
            if _put(self.by_day, day, cid):
                bisect.insort(self.days, day)
        post = self.post_of[cid] = _post(doc)
        _put(self.by_post, post, cid)

    # -- answers -------------------------------------------------------------------------

    def by_author(self, term: Term) -> set[str]:
        """Comments whose author's name has every word of `term` (its last one as a prefix
        for `author:lind*`): a superset of those `name_matches` accepts."""
        want = name_words(term.text)
        if not want:
            return set()
        with self._lock:
            last = want[-1]
            if term.prefix:
                names = {
                    n for word, ns in self.by_word.items() if word.startswith(last) for n in ns
                }
            else:
                names = set(self.by_word.get(last, ()))
            for word in want[:-1]:
                names &= self.by_word.get(word, set())
            return {cid for name in names for cid in self.by_name[name]}

    def of_posts(self, post_ids: Iterable[str]) -> list[str]:
        """The comments of the posts `post_ids` (each post's in the index's order)."""
        with self._lock:
            by_post = self.by_post
            return [cid for pid in post_ids for cid in by_post.get(pid, ())]

    def by_days(self, lo: str, hi: str) -> set[str]:
        """Comments dated from day `lo` to before day `hi` ("" for no bound)."""
        with self._lock:
            start = bisect.bisect_left(self.days, lo) if lo else 0
            end = bisect.bisect_left(self.days, hi) if hi else len(self.days)
            return {cid for day in self.days[start:end] for cid in self.by_day[day]}


def of(blog: Blog) -> CommentFields:
    """The blog's index (built now when it has none, or when the store was re-read)."""
    with _registry:
        found = _indexes.get(blog)
        if found is None or found.stale:
            if blog not in _heard:
                _follow(blog)  # before building: a save made meanwhile is heard
            before = _heard[blog]
            found = CommentFields(blog.search_index().comment_docs())
            # A comment saved while the copy was taken may be missing: build again next time.
            found.stale = _heard[blog] != before
            _indexes[blog] = found
        return found


def _docs_of(blog: Blog, ids: Iterable[str]) -> dict[str, Mapping[str, Any]]:
    """The stored documents of the comments `ids` that are in the store (read from their
    posts' files, not from the whole archive)."""
    found: dict[str, Mapping[str, Any]] = {}
    for cid in list(ids)[: BULK + 1]:  # (more: the index is built again anyway)
        post_id = records.locate(blog.store, cid)
        if post_id is not None:
            doc = records.post_file(blog.store, post_id).good(COMMENTS.name).get(cid)
            if doc is not None:
                found[cid] = doc
    return found


def _follow(blog: Blog) -> None:
    ref = weakref.ref(blog)
    _heard[blog] = 0

    def heard(change: events.Change) -> None:
        followed = ref()
        if followed is not None and change.kind in ("all", "comment"):
            _heard[followed] = _heard.get(followed, 0) + 1
        index = _indexes.get(followed) if followed is not None else None
        if followed is None or index is None:
            return
        if change.kind == "all":
            index.stale = True
        elif change.kind == "comment":
            index.update(_docs_of(followed, change.ids), change.ids)

    events.subscribe(blog, heard)
