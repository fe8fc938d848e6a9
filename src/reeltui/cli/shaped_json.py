"""`posts --json`'s objects printed from stored rows in the shape the store writes them,
without an object made per row.

A stored row in that shape (`store.gatememo.in_shape`: the list's fields in order, as
`PostSummary.to_row` writes them) holds what the post's printed object holds, in the same
order, but for the id (the row's key in the index, printed first) and the figures (stored as
`comments, readers, pending, queued, words`, printed as `comment_count, pending_count,
word_count`, then `damaged`). Making a new dict of 19 keys per row was half the command's
CPU after the parse at 50,000 posts; here each row's own dict has its figures put back under
their printed names (a few dict operations in place: the command prints each row once), one
`orjson.dumps` writes the chunk, and each id is put in front of its object in the bytes. The
chunk's JSON is split where each object begins (`{\\n    "slug": `: found nowhere else, as a
nested object's keys are indented further and a text holds no raw newline) and joined again
with the ids' JSON (written by one `orjson.dumps` of the ids, split at `","`, found only
between two texts). The bytes are those `safe_dumps` writes for the objects (a chunk that
could hold a text to strip is made that way): tests/unit/test_posts_json_stored.py compares.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

import orjson

from reeltui.cli.jsonwrite import OPTIONS, maybe_unsafe, safe_dumps
from reeltui.domain.listing import COPIED, COUNTED, ROW_FIELDS

Rows = list[tuple[str, dict[str, Any]]]

# post_json's figures: (the key printed, the stored row's field)
FIGURES = (("comment_count", "readers"), ("pending_count", "pending"), ("word_count", "words"))
# The stored shape is the printed one but for the id and the figures (else: objects, always)
POSSIBLE = ROW_FIELDS == COPIED + COUNTED and {f for _, f in FIGURES} <= set(COUNTED)
_FIRST = f'{{\n    "{COPIED[0]}": '.encode()  # where each object begins
_ID = b'{\n    "id": "'
_AFTER_ID = f'",\n    "{COPIED[0]}": '.encode()


def _compile() -> Callable[[Rows, dict[str, str]], None]:
    """The loop turning each row's dict into its printed object but for the id, written out
    from COUNTED and FIGURES (as `posts_json._compile` writes its objects)."""
    at = {name: f"_{i}" for i, name in enumerate(COUNTED)}
    popped = ", ".join(f"row.pop({name!r})" for name in COUNTED)
    put = "; ".join(f"row[{key!r}] = {at[field]}" for key, field in FIGURES if field in at)
    source = (
        "def reshape(rows, damaged):\n"
        "    get = damaged.get\n"
        "    for post_id, row in rows:\n"
        f"        {', '.join(at.values())}, = {popped},\n"
        f"        {put}\n"
        "        row['damaged'] = get(post_id)\n"
    )
    names: dict[str, Any] = {}
    exec(source, names)
    made: Callable[[Rows, dict[str, str]], None] = names["reshape"]
    return made


_reshape = _compile()


def shaped_chunk(chunk: Rows, damaged: dict[str, str]) -> bytes:
    """The printed objects of `chunk` (rows in the stored shape; not empty) as `safe_dumps`
    writes their list; the rows' dicts are changed (each the object but for its id)."""
    _reshape(chunk, damaged)
    try:
        raw = orjson.dumps(list(map(itemgetter(1), chunk)), option=OPTIONS)
        ids = orjson.dumps(list(map(itemgetter(0), chunk)))
    except TypeError:  # a key that is not a text (safe_dumps makes it one)
        raw = ids = b""
    pieces = raw.split(_FIRST)
    names = ids[2:-2].split(b'","')  # ["a","b"] -> a, b
    count = len(chunk)
    if len(pieces) != count + 1 or len(names) != count or maybe_unsafe(raw) or maybe_unsafe(ids):
        return safe_dumps([{"id": post_id, **row} for post_id, row in chunk])
    parts = [pieces[0], *([b""] * (4 * count))]
    parts[1::4] = [_ID] * count
    parts[2::4] = names
    parts[3::4] = [_AFTER_ID] * count
    parts[4::4] = pieces[1:]
    return b"".join(parts)
