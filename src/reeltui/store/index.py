"""The posts index: one summary row per post, in a file per month of the posts' dates.

Reading the newest months first gives the first screen of a date-sorted list without reading
the whole index; changing a post rewrites the file of its month only. A month of more than
`INDEX_PAGE_ROWS` posts continues in "2024-05.1.json", "2024-05.2.json"...

The index is derived from the posts' own files (`posts/<id>.json`): `rows_of` rebuilds it,
and every change of a post or comment recomputes its row (`summary_of`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reeltui.domain.listing import PostSummary, from_row, summarize_docs
from reeltui.domain.readers import NOBODY, OwnPeople
from reeltui.store.datafile import DataFile
from reeltui.store.layout import (
    COMMENTS,
    INDEX_PAGE_ROWS,
    POST,
    POSTS_INDEX,
    index_file,
    index_order,
    month_of,
    safe_names,
)

if TYPE_CHECKING:
    from reeltui.store.gatememo import GateMemo
    from reeltui.store.store import Store


def summary_of(
    post_id: str, found: DataFile, words: int | None = None, own: OwnPeople = NOBODY
) -> PostSummary | None:
    """The row of post `post_id` from its file (None when the post is absent or refused);
    `words`: the body's count when it is known (the body did not change); `own`: the people
    its readers' comments leave out (`Store.own`)."""
    if found.is_refused(POST.name, post_id):
        return None
    doc = found.data.get(POST.name, {}).get(post_id)
    if not isinstance(doc, dict):
        return None
    return summarize_docs(post_id, doc, found.good(COMMENTS.name).values(), words, own)


def words_of(store: Store, post_id: str, date: str) -> int | None:
    """The word count the index holds for a post (None if it has no row yet)."""
    found = find_row(store, post_id, date)
    if found is None or found.is_refused(POSTS_INDEX.name, post_id):
        return None
    words = found.data[POSTS_INDEX.name][post_id].get("words")
    return words if isinstance(words, int) else None


def rows_of(files: Iterable[DataFile]) -> dict[str, dict[str, dict[str, Any]]]:
    """The whole index built from per-post files: index file -> {post id: row}."""
    return rows_from(s for found in files for s in summaries_in(found))


def summaries_in(found: DataFile, own: OwnPeople = NOBODY) -> list[PostSummary]:
    """The rows of the posts of one per-post file."""
    if not found.rel.startswith(f"{POST.path}/"):
        return []
    out = [summary_of(post_id, found, None, own) for post_id in found.data.get(POST.name, {})]
    return [s for s in out if s is not None]


def rows_from(summaries: Iterable[PostSummary]) -> dict[str, dict[str, dict[str, Any]]]:
    """The index files holding `summaries`: index file -> {post id: row}."""
    by_month: dict[str, list[PostSummary]] = defaultdict(list)
    for summary in summaries:
        by_month[month_of(summary.date)].append(summary)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for month, summaries in by_month.items():
        summaries.sort(key=lambda s: (s.date, s.id))
        for i, summary in enumerate(summaries):
            out.setdefault(index_file(month, i // INDEX_PAGE_ROWS), {})[summary.id] = (
                summary.to_row()
            )
    return out


def files_left_out(
    store: Store, listed: Iterable[str], names: list[str] | None = None
) -> list[str]:
    """The names of the post files (in the posts' folder: `names`, when listed already)
    whose post is not among `listed` (post ids the posts index lists): posts the list does
    not show."""
    known = {f"{name}.json" for name in safe_names(list(listed))}
    return [name for name in names or store.listing(POST.path) if name not in known]


def pages(store: Store) -> list[str]:
    """The index files, newest month first."""
    names = store.listing(POSTS_INDEX.path)
    names.sort(key=index_order, reverse=True)
    return [f"{POSTS_INDEX.path}/{name}" for name in names]


def month_pages(store: Store, month: str) -> list[str]:
    """The index files of one month (the month's first file even when it does not exist)."""
    first = index_file(month)
    found = [first]
    for name in store.listing(POSTS_INDEX.path):
        rel = f"{POSTS_INDEX.path}/{name}"
        if rel != first and name.startswith(f"{month}.") and index_order(name)[0] == month:
            found.append(rel)
    return found


def read_page(store: Store, rel: str) -> list[PostSummary]:
    """The accepted rows of one index file (not kept in memory: the summaries are, and a
    change reads its file again; kept when the gate refused a row, for `refusals`)."""
    return [from_row(pid, row) for pid, row in page_rows(store, rel).items()]


def page_rows(store: Store, rel: str, memo: GateMemo | None = None) -> dict[str, dict[str, Any]]:
    """The rows of one index file as stored (post id -> row), those the gate accepted: read
    only (a row may be the store's own copy). Kept as `read_page` keeps them. With `memo`,
    a file that passed the gate whole and did not change since is not gated again."""
    if memo is not None and rel not in store.files.overlay and store.cached(rel) is None:
        found = memo.read(rel)
    else:
        found = store.peek(rel)
    if found.refused:
        found = store.file(rel)
    return found.good(POSTS_INDEX.name)


def glance_page(store: Store, rel: str, count: int) -> list[PostSummary] | None:
    """The `count` newest rows of index file `rel` (with every row dated as the count-th
    newest), each gated, the rest of the file neither gated nor kept: the list's first
    screen, before the page is read whole (`read_page`). None when the file is in memory,
    holds less than twice `count` rows, or a row picked is refused."""
    records = store.files.as_stored(rel, POSTS_INDEX)
    if records is None or len(records) < 2 * count or count < 1:
        return None
    dates = sorted((_date(row) for row in records.values()), reverse=True)
    edge = dates[count - 1]
    picked = {i: row for i, row in records.items() if _date(row) >= edge}
    if not edge or any(POSTS_INDEX.gate(i, row) for i, row in picked.items()):
        return None
    return [from_row(i, row) for i, row in picked.items()]


def _date(row: object) -> str:
    date = row.get("date") if isinstance(row, dict) else None
    return date if isinstance(date, str) else ""


def find_row(store: Store, post_id: str, date: str) -> DataFile | None:
    """The index file holding the row of `post_id`, looked up in the month of `date`."""
    for rel in month_pages(store, month_of(date)):
        found = store.file(rel)
        if post_id in found.data.get(POSTS_INDEX.name, {}):
            return found
    return None


def put_row(store: Store, summary: PostSummary, old_date: str | None) -> None:
    """Write the row of `summary` (its post was dated `old_date` before this change, None
    when new). Call inside `store.changing()`."""
    month = month_of(summary.date)
    old = find_row(store, summary.id, old_date) if old_date is not None else None
    if old is not None and _month_of_file(old.rel) != month:
        del old.table(POSTS_INDEX.name)[summary.id]
        store.changed(old)
        old = None
    target = old
    if target is None:
        target = find_row(store, summary.id, summary.date)
    if target is None:
        target = _with_room(store, month)
    target.table(POSTS_INDEX.name)[summary.id] = summary.to_row()
    target.accept(POSTS_INDEX.name, summary.id)
    store.changed(target)


def drop_row(store: Store, post_id: str, date: str) -> None:
    found = find_row(store, post_id, date)
    if found is not None:
        del found.table(POSTS_INDEX.name)[post_id]
        store.changed(found)


def _with_room(store: Store, month: str) -> DataFile:
    files = month_pages(store, month)
    for rel in files:
        found = store.file(rel)
        if len(found.data.get(POSTS_INDEX.name, {})) < INDEX_PAGE_ROWS:
            return found
    return store.file(index_file(month, len(files)))


def _month_of_file(rel: str) -> str:
    month = index_order(rel.rsplit("/", 1)[-1])[0]
    return month or "undated"
