"""`reeltui posts --json` straight from the posts index as stored (`services.stored_rows`).

Each post's object is made from its stored row: the bytes `print_rows` writes from the Blog's
summaries and row objects (`json_out.post_json`, then `damaged`), without those objects (at
50,000 posts: 0.66 s of CPU for the rows and the objects, against 1.32 s through summaries,
rows and `post_json`); the rows in the shape the store writes are printed from their own
dicts, no object made (`shaped_json`). tests/unit/test_posts_json_stored.py compares the two
paths' output byte for byte. A row the gate let through without one of the list's fields (an
older index) is made the long way, through its summary.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from reeltui.cli import exiting
from reeltui.cli.jsonwrite import CHUNK, safe_dumps, write_json_chunks
from reeltui.cli.shaped_json import FIGURES, POSSIBLE, shaped_chunk
from reeltui.domain.listing import COPIED
from reeltui.domain.models import Film
from reeltui.domain.vocab import SortKey
from reeltui.services.blog import Blog
from reeltui.services.damage import damaged_posts
from reeltui.services.damage_probe import probing
from reeltui.services.stored_rows import Ids, Row, Rows, select, stored_rows
from reeltui.services.unlisted import Unlisted, unlisted

PROBED = (None, "published")  # the listings that hold most of an archive's posts
_BLANK_FILM = dataclasses.asdict(Film())  # a film's fields, in order, as a summary has them
_FILM_KEYS = tuple(_BLANK_FILM)
# post id -> why its file cannot be read; the first such post's slug; the posts left out
Printed = tuple[dict[str, str], str, "Unlisted | None"]


def _film(film: dict[str, Any]) -> dict[str, Any]:
    """The film as `post_json` prints it: the stored object itself when it holds exactly
    Film's fields in order (as the store writes it), else those fields (defaults filled)."""
    if tuple(film) == _FILM_KEYS:
        return film
    return {name: film.get(name, blank) for name, blank in _BLANK_FILM.items()}


def _compile() -> Callable[[Rows, dict[str, str]], list[dict[str, Any]]]:
    """One comprehension making the objects of a chunk of rows, its keys written out from
    COPIED and FIGURES (as `domain.checks.compile_accept` writes the gate's tests): a
    dict display costs half of `dict(zip(keys, values))` per row."""
    entries = ["'id': post_id"]
    for name in COPIED:
        value = f"row[{name!r}]"
        entries.append(f"{name!r}: film({value})" if name == "film" else f"{name!r}: {value}")
    entries += [f"{key!r}: row[{field!r}]" for key, field in FIGURES]
    entries.append("'damaged': damaged.get(post_id)")
    source = (
        "def objects(rows, damaged):\n"
        f"    return [{{{', '.join(entries)}}} for post_id, row in rows]\n"
    )
    names: dict[str, Any] = {"film": _film}
    exec(source, names)
    made: Callable[[Rows, dict[str, str]], list[dict[str, Any]]] = names["objects"]
    return made


_objects = _compile()


def _the_long_way(post_id: str, row: Row, damaged: dict[str, str]) -> dict[str, Any]:
    from reeltui.cli.json_out import post_json
    from reeltui.domain.listing import from_row
    from reeltui.services.rows import PostRow

    made = post_json(PostRow(from_row(post_id, row)), body=False)
    return {**made, "damaged": damaged.get(post_id)}


def objects(rows: Rows, damaged: dict[str, str]) -> Iterator[dict[str, Any]]:
    """The JSON object of each row, a chunk at a time."""
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        try:
            yield from _objects(chunk, damaged)
        except KeyError:  # a row without one of the list's fields
            for post_id, row in chunk:
                try:
                    yield from _objects([(post_id, row)], damaged)
                except KeyError:
                    yield _the_long_way(post_id, row, damaged)


def _chunks(rows: Rows, damaged: dict[str, str], unshaped: set[str]) -> Iterator[bytes]:
    """The rows' objects, CHUNK at a time, as `safe_dumps` writes each chunk's list: from
    the rows' own dicts when each is in the stored shape, else made field by field."""
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if POSSIBLE and (not unshaped or unshaped.isdisjoint(map(itemgetter(0), chunk))):
            yield shaped_chunk(chunk, damaged)
        else:
            yield safe_dumps(list(objects(chunk, damaged)))


def write_posts(blog: Blog, status: str | None, sort: SortKey) -> Printed | None:
    """Print the posts of `status` in `sort`'s order as `print_rows` prints the Blog's rows;
    returns what was printed as damaged (post id -> why), the first such post's slug and
    the posts the index leaves out (`services.unlisted`). None, with nothing printed, when
    the stored rows cannot be printed as they are (`stored_rows`)."""
    from reeltui.locations import cache_dir

    # the damage check's stats made meanwhile, by a child, when the list may be most of the
    # archive (the child stats every indexed post's file); a few posts: their stats, here
    probe_for = probing(blog.path) if status in PROBED else contextlib.nullcontext(None)
    cache = cache_dir()
    with probe_for as probe:
        unshaped: set[str] = set()  # rows not known to be in the stored shape
        newest: Rows = []  # the rows in the order for the date, when the memo gives it
        found = stored_rows(blog, cache, unshaped, newest)
        if found is None:
            return None
        rows = select(found, status, sort, newest)
        sound = None if probe is None else probe.sound()
        damaged = damaged_posts(blog, Ids(rows), sound, cache)
        write_json_chunks(_chunks(rows, damaged, unshaped))
        files = None if probe is None else probe.files()  # (counted while printing)
    first = next((row.get("slug", "") for i, row in rows if i in damaged), "") if damaged else ""
    left = unlisted(blog.store, Ids(found), files)
    exiting.keep(found, rows)  # freed by the process's end (when it is one)
    return damaged, first, left
