"""The post list's rows: one per post, built once, kept sorted per order, filtered on demand.

A row is a stable object: when its post changes, the row gets the new summary in place (a
list showing it just redraws). Each order (date, rating, comments, title; either direction)
keeps its sorted array; a change marks it for a re-sort (Timsort on a nearly sorted array
costs little more than a pass), and filtering is one pass over the array.

Threads: the index is read into a RowSet by one thread (pages added as they are read) while
the list's worker selects from it; every method holds the set's lock, and `select` returns a
list of its own, so a reader never sorts or walks an array another thread is extending.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from reeltui.domain.idsets import AllBut, Codebook, Coded, IdSet
from reeltui.domain.listing import COUNTED, ROW_FIELDS, PostSummary
from reeltui.domain.vocab import SortKey
from reeltui.services.post_row import PostRow

__all__ = ["SORTS", "UNDATED", "PostRow", "RowSet"]

_ID = attrgetter("post.id")
UNDATED = "\uffff"  # a post without a date (a new draft) sorts as the newest
T = TypeVar("T")
_NAMED = tuple(name for name in ROW_FIELDS if name not in COUNTED)  # all but the figures


def _rating(row: PostRow) -> tuple[float, str]:
    rating = row.post.rating
    return (rating if rating is not None else -1, row.post.date)


SORTS: dict[SortKey, Callable[[PostRow], Any]] = {
    "date": lambda r: (r.post.date or UNDATED, r.post.title),  # drafts: newest
    "rating": _rating,
    "comments": lambda r: (r.comment_count, r.post.date),
    "title": lambda r: r.post.title.casefold(),
}


def _same_but_figures(a: PostSummary, b: PostSummary) -> bool:
    return all(getattr(a, name) == getattr(b, name) for name in _NAMED)


def _picked(items: Sequence[T], at: Sequence[int]) -> list[T]:
    """items[i] for each i of `at`, in one C call (itemgetter)."""
    if len(at) < 2:
        return [items[i] for i in at]
    return list(itemgetter(*at)(items))


class RowSet:
    def __init__(self) -> None:
        self.summaries: dict[str, PostSummary] = {}
        self.rows: dict[str, PostRow] = {}
        self._sorted: dict[tuple[SortKey, bool], list[PostRow]] = {}
        self._unsorted: set[tuple[SortKey, bool]] = set()
        self._places: dict[tuple[SortKey, bool], dict[str, int]] = {}  # post id -> position
        # per order, a search's codes' positions (-1: no row), by code (see `_coded`): an
        # array, not a list of ints (the collector walks a list's items at every full pass)
        self._at_code: dict[tuple[SortKey, bool], tuple[Codebook, array[int]]] = {}
        self._counts: tuple[int, int, int, int] | None = None
        self._names: dict[str, dict[str, frozenset[str]]] = {}  # field -> name -> post ids
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, summaries: Iterable[PostSummary]) -> None:
        """Take new or changed summaries (a page of the index read, a post saved)."""
        with self._lock:
            self._add(list(summaries))

    def _add(self, summaries: list[PostSummary]) -> None:
        """A saved post shifts the counts by its figures; an order, its positions and the
        names are made again only when the change can move or rename a post (a reply's
        recount, a pass over 50,000 summaries in a worker, slowed the paint 15-30 ms)."""
        new = []
        moved: set[tuple[SortKey, bool]] = set()
        renamed = False
        for summary in summaries:
            before = self.summaries.get(summary.id)
            self.summaries[summary.id] = summary
            self._count_change(before, summary)
            row = self.rows.get(summary.id)
            if row is None:
                row = self.rows[summary.id] = PostRow(summary)
                new.append(row)
                continue
            old_row = PostRow(row.post)
            row.post = summary
            moved |= {key for key in self._sorted if SORTS[key[0]](old_row) != SORTS[key[0]](row)}
            renamed = renamed or before is None or not _same_but_figures(before, summary)
        for key, ordered in self._sorted.items():
            ordered.extend(new)
            if new or key in moved:
                self._unsorted.add(key)
                self._places.pop(key, None)
                self._at_code.pop(key, None)
        if new or renamed:
            self._names.clear()

    def _count_change(self, before: PostSummary | None, after: PostSummary) -> None:
        if self._counts is None:  # (not made yet)
            return
        total, drafts, pending, queued = self._counts
        if before is None:
            total += 1
        else:
            drafts -= before.status == "draft"
            pending -= before.pending
            queued -= before.queued
        drafts += after.status == "draft"
        self._counts = (total, drafts, pending + after.pending, queued + after.queued)

    update = add

    def snapshot(self) -> list[PostSummary]:
        """Every summary, as a list of its own (another thread may add some meanwhile)."""
        with self._lock:
            return list(self.summaries.values())

    def ordered(self, sort: SortKey, reverse: bool | None) -> list[PostRow]:
        """The rows in that order (a copy: the set's own array may grow meanwhile)."""
        with self._lock:
            return list(self._ordered(sort, reverse))

    def _ordered(self, sort: SortKey, reverse: bool | None) -> list[PostRow]:
        descending = sort != "title" if reverse is None else reverse
        key = (sort, descending)
        found = self._sorted.get(key)
        if found is None:
            found = self._sorted[key] = list(self.rows.values())
            self._unsorted.add(key)
        if key in self._unsorted:
            found.sort(key=SORTS[sort], reverse=descending)
            self._unsorted.discard(key)
            self._places.pop(key, None)
            self._at_code.pop(key, None)
        return found

    def choose(self, sort: SortKey, reverse: bool | None, wanted: IdSet) -> list[PostRow]:
        """The rows in that order whose post is `wanted`, picked by position: the few left
        out of an `AllBut` are cut out of the order, the posts of a set taken from it; no
        row is looked at one by one (a pass over 50,000 rows cost 20-40 ms a keystroke)."""
        with self._lock:
            rows = self._ordered(sort, reverse)
            few = wanted.lacking if isinstance(wanted, AllBut) else wanted
            descending = sort != "title" if reverse is None else reverse
            places = self._places.get((sort, descending))
            if places is None:  # (made in C: the ids of the rows, in order)
                places = dict(zip(map(_ID, rows), range(len(rows)), strict=True))
                self._places[(sort, descending)] = places
            if isinstance(wanted, Coded):
                return self._coded(rows, places, (sort, descending), wanted)
            at = sorted(map(places.__getitem__, places.keys() & few))
            if not isinstance(wanted, AllBut):
                return [rows[i] for i in at]
            kept: list[PostRow] = []
            start = 0
            for i in at:
                kept += rows[start:i]
                start = i + 1
            kept += rows[start:]
            return kept

    def _coded(
        self,
        rows: list[PostRow],
        places: dict[str, int],
        key: tuple[SortKey, bool],
        wanted: Coded,
    ) -> list[PostRow]:
        """The rows of a search's codes: their positions read from a list by code, made once
        per order and code book (no post id looked up: each lookup of a string made by
        SQLite in the list's places missed the processor's caches, 2-5 us a post)."""
        book = wanted.book
        made = self._at_code.get(key)
        if made is None or made[0] is not book:
            table = array("q", [-1]) * (max(book.decode, default=0) + 1)
            for code, pid in book.decode.items():
                table[code] = places.get(pid, -1)
            made = self._at_code[key] = (book, table)
        at = sorted(_picked(made[1], wanted.codes))  # (every code is the book's: in the table)
        return _picked(rows, at[bisect_left(at, 0) :])  # (-1: a post the list has no row for)

    def select(
        self,
        status: str | None,
        category: str | None,
        tag: str | None,
        author: str | None,
        sort: SortKey,
        reverse: bool | None,
        ids: Collection[str] | AllBut | None = None,
    ) -> list[PostRow]:
        with self._lock:
            rows = self._ordered(sort, reverse)
            return self._filter(rows, status, category, tag, author, ids)

    def _filter(
        self,
        rows: list[PostRow],
        status: str | None,
        category: str | None,
        tag: str | None,
        author: str | None,
        ids: Collection[str] | AllBut | None,
    ) -> list[PostRow]:
        tests: list[Callable[[PostSummary], bool]] = []
        if status == "pages":  # the site's pages, whatever their status
            tests.append(lambda p: p.kind == "page")
        elif status:
            tests.append(lambda p: p.status == status)
        if category:
            wanted_c = category.casefold()
            tests.append(lambda p: any(c.casefold() == wanted_c for c in p.categories))
        if tag:
            wanted_t = tag.casefold()
            tests.append(lambda p: any(t.casefold() == wanted_t for t in p.tags))
        if author:
            wanted_a = author.casefold()
            tests.append(lambda p: p.author.casefold() == wanted_a)
        if isinstance(ids, AllBut):
            unwanted = ids.lacking
            tests.insert(0, lambda p: p.id not in unwanted)
        elif ids is not None:
            wanted_ids = ids if isinstance(ids, set | frozenset | dict) else set(ids)
            tests.insert(0, lambda p: p.id in wanted_ids)
        if not tests:
            return list(rows)
        if len(tests) == 1:
            test = tests[0]
            return [r for r in rows if test(r.summary)]
        return [r for r in rows if all(t(r.summary) for t in tests)]

    def names(self, field: str) -> dict[str, frozenset[str]]:
        """A name field's names (tags, categories, cast, authors, directors: the query
        language's `NAMES`) and the posts having each, made once until a post changes: a
        keystroke changing `tag:noi` matches the blog's few hundred tags, not every post's."""
        from reeltui.domain.query_eval import NAMES  # the query language: not at open

        with self._lock:
            found = self._names.get(field)
            if found is None:
                of, by_name = NAMES[field], defaultdict[str, set[str]](set)
                for summary in self.summaries.values():
                    for name in of(summary):
                        by_name[name].add(summary.id)
                found = self._names[field] = {n: frozenset(ids) for n, ids in by_name.items()}
            return found

    def counts(self, make: Callable[[int, int, int, int], T]) -> T:
        with self._lock:
            return self._counted(make)

    def _counted(self, make: Callable[[int, int, int, int], T]) -> T:
        if self._counts is None:
            drafts = pending = queued = 0
            for summary in self.summaries.values():
                drafts += summary.status == "draft"
                pending += summary.pending
                queued += summary.queued
            self._counts = (len(self.summaries), drafts, pending, queued)
        return make(*self._counts)
