"""The posts index as stored, for a command that prints every row once (`posts --json`).

`Blog.rows` builds a summary and a row object per post and keeps them sorted for the app to
filter again and again (1.04 s of CPU at 50,000 posts, against 0.52 s for these rows). A
command printing the list once needs none of that: `stored_rows` reads the same rows, every
index file through the gate as the Blog reads them (`index.page_rows`), in the Blog's order,
and `select` filters and sorts them as `RowSet.select` does (the keys below are `rows.SORTS`
over stored rows; tests/unit/test_posts_json_stored.py compares the two paths' output for
every sort and status).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Collection, Iterator
from itertools import chain, pairwise
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.vocab import SortKey
from reeltui.services.rows import UNDATED
from reeltui.store import index
from reeltui.store.gatememo import GateMemo

if TYPE_CHECKING:
    from reeltui.services.blog import Blog

Row = dict[str, Any]  # a stored row of the posts index (the post id is its key)
Rows = list[tuple[str, Row]]

# A field a stored row leaves out reads as PostSummary's default (as `listing.from_row`).
DEFAULTS: dict[str, Any] = {
    f.name: f.default
    for f in dataclasses.fields(PostSummary)
    if f.default is not dataclasses.MISSING
}


def _field(name: str) -> Callable[[Row], Any]:
    """`row.get(name, default)`, called from C (no Python frame per row)."""
    return methodcaller("get", name, DEFAULTS[name])


_date, _title, _rating, _readers = (_field(n) for n in ("date", "title", "rating", "readers"))
_author = _field("author")


def _by_rating(row: Row) -> tuple[float, str]:
    rating = _rating(row)
    return (rating if rating is not None else -1, _date(row))


SORTS: dict[SortKey, Callable[[Row], Any]] = {  # services.rows.SORTS, on stored rows
    "date": lambda row: (_date(row) or UNDATED, _title(row)),
    "rating": _by_rating,
    "comments": lambda row: (_readers(row), _date(row)),  # readers' comments, as listed
    "title": lambda row: _title(row).casefold(),
}


def stored_rows(
    blog: Blog,
    cache: Path | None = None,
    unshaped: set[str] | None = None,
    newest_first: Rows | None = None,
) -> Rows | None:
    """Every post's row (post id, stored row) in the order the Blog reads them (index files
    newest first; a post listed twice keeps its first place and its last row). None when
    the stored readers' counts are not the ones the Blog would show (its own people changed
    since they were counted: `Blog.rows` counts them again from the posts' files). With
    `cache` (a folder), an index file that passed the gate whole and did not change since
    is not gated again (`store.gatememo`), nor are its rows gone through again for their
    authors and their order (`_facts`, remembered with the file). `unshaped` (a set) is
    given the ids of the rows not known to be in the shape the store writes
    (`gatememo.in_shape`); `newest_first` (a list) the same rows in `select`'s order for
    the date, when each file's order and the files' own order give it (`_in_order`)."""
    found: dict[str, Row] = {}
    pages = index.pages(blog.store)
    memo = None if cache is None else GateMemo(blog.path, cache)
    authors: set[str] = set()
    runs: list[Rows] | None = [] if newest_first is not None else None
    pieces: list[Rows] = []  # each file's rows (found's, one after the other, when no post is
    listed = 0  # listed twice); rows of all the files (more than `found` when one is)
    for rel in pages:
        rows = index.page_rows(blog.store, rel, memo)
        found.update(rows)
        items = list(rows.items())
        pieces.append(items)
        listed += len(rows)
        facts = None if memo is None else memo.facts(rel)
        if facts is None:
            facts = _facts(rows, ordered=memo is not None or runs is not None)
            if memo is not None:
                memo.keep(rel, facts)
        authors.update(facts["authors"])
        if runs is not None:
            runs = _run(runs, items, facts["order"])
        if unshaped is None:
            continue
        if memo is None or rel not in memo.shaped:
            unshaped.update(rows)
        elif unshaped:  # (a post listed twice keeps its last row)
            unshaped.difference_update(rows)
    if memo is not None:
        memo.save(pages)
    if not blog.counted_as_stored(blog.signers().with_names(authors)):
        return None
    if listed != len(found):
        return list(found.items())
    if newest_first is not None and runs is not None and _in_order(runs):
        newest_first.extend(chain.from_iterable(runs))
    return list(chain.from_iterable(pieces))  # (found's items, not made again)


def _run(runs: list[Rows], items: Rows, order: object) -> list[Rows] | None:
    """`runs` and the rows of one more file in their order for the date (None: not known)."""
    if order == "reversed":
        runs.append(items[::-1])
        return runs
    if not isinstance(order, list) or len(order) != len(items) or len(set(order)) != len(items):
        return None  # (a memo edited by hand: each row once, or sorted whole)
    try:
        if items and min(order) < 0:
            return None
        runs.append(list(map(items.__getitem__, order)))
    except (IndexError, TypeError):
        return None
    return runs


def _facts(rows: dict[str, Row], ordered: bool) -> dict[str, Any]:
    """What `stored_rows` needs of an index file's rows besides the rows: their authors,
    and (`ordered`) their order for the date (as `select` sorts: newest first, equal keys
    in the file's order): a list of positions, "reversed" (the file's order reversed), None
    (not made, or a row whose date or title do not compare)."""
    values = list(rows.values())
    facts: dict[str, Any] = {"authors": sorted(set(map(_author, values))), "order": None}
    key = SORTS["date"]
    with contextlib.suppress(TypeError):
        if not ordered:
            return facts
        keys = [key(row) for row in values]
        order = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
        reversed_ = order == list(range(len(keys) - 1, -1, -1))
        facts["order"] = "reversed" if reversed_ else order
    return facts


def _in_order(runs: list[Rows]) -> bool:
    """Is each run of rows (an index file's, in `select`'s order for the date) wholly
    after the next one (a date and title as late as the next one's latest or later)? Then
    the runs one after the other are the rows sorted, as a stable sort of them all keeps
    rows of equal keys in the files' order."""
    key = SORTS["date"]
    ends = [(run[0][1], run[-1][1]) for run in runs if run]
    try:
        return all(key(last) >= key(first) for (_, last), (first, _) in pairwise(ends))
    except TypeError:
        return False


class Ids(Collection[str]):
    """The post ids of `rows`, looked at where they are (a list of 50,000 of them made
    again cost ~10 ms, each id read from memory anew): for a check that most often only
    counts them or goes through them once."""

    __slots__ = ("_rows",)

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[str]:
        return map(itemgetter(0), self._rows)

    def __contains__(self, post_id: object) -> bool:
        return any(post_id == found for found, _ in self._rows)


def select(rows: Rows, status: str | None, sort: SortKey, newest_first: Rows | None = None) -> Rows:
    """The rows of `status` ("pages": the site's pages), in the list's order for `sort`
    (newest, best, most discussed first; titles A to Z), as `Blog.rows` gives them.
    `newest_first`: the same rows already in the order for the date (`stored_rows`), if
    known (not sorted again: filtered)."""
    if sort == "date" and newest_first and len(newest_first) == len(rows):
        return _of_status(newest_first, status)  # (a filter keeps the rows' order)
    rows = _of_status(rows, status)
    if sort == "date":
        with contextlib.suppress(KeyError, TypeError):  # (a row without a date: below)
            return _newest_first(rows)
    key = SORTS[sort]
    return sorted(rows, key=lambda r: key(r[1]), reverse=sort != "title")  # stable: as RowSet


def _of_status(rows: Rows, status: str | None) -> Rows:
    if status == "pages":
        kind = _field("kind")
        return [r for r in rows if kind(r[1]) == "page"]
    if status:
        of = _field("status")
        return [r for r in rows if of(r[1]) == status]
    return rows


def _newest_first(rows: Rows) -> Rows:
    """`rows` in SORTS["date"]'s order, newest first, sorted by one text per row, its date
    and title joined by a NUL (at 50,000 posts half the time of (date, title) pairs made by
    a key function per row): the texts compare as the pairs do, a NUL coming before any
    other character, as long as no date or title holds one (else: the pairs). Equal texts
    keep the rows' own order, as equal pairs do (the sort is stable)."""
    keys = [(row["date"] or UNDATED) + "\0" + row["title"] for _, row in rows]
    if "".join(keys).count("\0") != len(keys):
        raise KeyError("a NUL in a date or a title")
    order = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
    return list(map(rows.__getitem__, order))
