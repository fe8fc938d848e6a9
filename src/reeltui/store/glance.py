"""A few records of a table file found in its bytes, each parsed alone, without parsing the
file: the list's first screen needs the read marks of its rows, one or two in each of the
read-marks table's files (at 50,000 posts 16 files of 160 KB: parsing them whole took a
few hundredths of a second before the first paint).

Only for tables of flat records (an object holding no object: a read mark is a count and a
time). Whenever the bytes are not as the store writes them, the answer is None and the
caller reads the file whole, as before: a record id written with escapes, found twice, an
object that does not end where a flat record ends, a piece that does not parse. A file
damaged elsewhere is found when it is read whole, after the first paint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from reeltui.domain.patterns import lazy


def flat_records(raw: bytes, table: str, ids: Iterable[str]) -> dict[str, Any] | None:
    """The records `ids` of `table` found in the file's bytes `raw` (an id absent from the
    file is absent from the answer), or None: read the file whole."""
    # (a backslash looked for first: a search for the two bytes took ~1 ms per MB, one
    # byte alone, a memchr, ~0.05; the files the store writes hold no backslash at all)
    escaped = b"\\" in raw and b"\\u" in raw
    if escaped or not re.match(rb"\s*\{\s*" + re.escape(orjson.dumps(table)) + rb"\s*:", raw):
        return None
    found: dict[str, Any] = {}
    for record_id in ids:
        starts = list(_keyed_objects(raw, orjson.dumps(record_id)))
        if not starts:
            continue
        if len(starts) > 1:
            return None
        end = raw.find(b"}", starts[0])
        piece = raw[starts[0] : end + 1]
        if end < 0 or b"{" in piece[1:]:
            return None
        try:
            doc = orjson.loads(piece)
        except orjson.JSONDecodeError:
            return None
        found[record_id] = doc
    return found


_WHITE = b" \t\r\n"
_OPENS = lazy(rb"[ \t\r\n]*:[ \t\r\n]*(?=\{)")


def _keyed_objects(raw: bytes, key: bytes) -> Iterator[int]:
    """Where each object keyed `key` (a JSON string) begins: the key found as bytes (a fast
    search), then checked to be an object's key (after `{` or `,`) whose value is an object."""
    at = raw.find(key)
    while at >= 0:
        before = at - 1
        while before >= 0 and raw[before] in _WHITE:
            before -= 1
        opens = _OPENS.match(raw, at + len(key))
        if before >= 0 and raw[before] in b"{," and opens is not None:
            yield opens.end()
        at = raw.find(key, at + 1)
