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
from collections.abc import Callable
from operator import methodcaller
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
    blog: Blog, cache: Path | None = None, unshaped: set[str] | None = None
) -> Rows | None:
    """Every post's row (post id, stored row) in the order the Blog reads them (index files
    newest first; a post listed twice keeps its first place and its last row). None when
    the stored readers' counts are not the ones the Blog would show (its own people changed
    since they were counted: `Blog.rows` counts them again from the posts' files). With
    `cache` (a folder), an index file that passed the gate whole and did not change since
    is not gated again (`store.gatememo`). `unshaped` (a set) is given the ids of the rows
    not known to be in the shape the store writes (`gatememo.in_shape`)."""
    found: dict[str, Row] = {}
    pages = index.pages(blog.store)
    memo = None if cache is None else GateMemo(blog.path, cache)
    for rel in pages:
        rows = index.page_rows(blog.store, rel, memo)
        found.update(rows)
        if unshaped is None:
            continue
        if memo is None or rel not in memo.shaped:
            unshaped.update(rows)
        elif unshaped:  # (a post listed twice keeps its last row)
            unshaped.difference_update(rows)
    if memo is not None:
        memo.save(pages)
    author = _field("author")
    if not blog.counted_as_stored(blog.signers().with_names(map(author, found.values()))):
        return None
    return list(found.items())


def select(rows: Rows, status: str | None, sort: SortKey) -> Rows:
    """The rows of `status` ("pages": the site's pages), in the list's order for `sort`
    (newest, best, most discussed first; titles A to Z), as `Blog.rows` gives them."""
    if status == "pages":
        kind = _field("kind")
        rows = [r for r in rows if kind(r[1]) == "page"]
    elif status:
        of = _field("status")
        rows = [r for r in rows if of(r[1]) == status]
    if sort == "date":
        with contextlib.suppress(KeyError, TypeError):  # (a row without a date: below)
            return _newest_first(rows)
    key = SORTS[sort]
    return sorted(rows, key=lambda r: key(r[1]), reverse=sort != "title")  # stable: as RowSet


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
