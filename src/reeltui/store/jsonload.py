"""Parse a big table file in pieces, so its peak memory is the file plus the result.

orjson parses a document into an intermediate tree before it builds the Python objects: on
a 120 MB comments.json that tree costs ~200 MB more at the moment of the peak. The store
writes each table file as `orjson.dumps({"name": {id: record, ...}}, OPT_INDENT_2)`, where
every record starts on a line indented by exactly four spaces (JSON strings cannot hold a raw
newline, and deeper lines are indented further). So a file in that layout can be cut at those
lines into pieces of a few MB, each parsed on its own.

Anything else (another layout, several tables, a piece that does not parse) is parsed whole,
as before: the result, and the error for a broken file, are those of `orjson.loads(raw)`.
"""

from __future__ import annotations

from typing import Any

import orjson

from reeltui.domain.patterns import lazy

WHOLE_BELOW = 8 << 20  # smaller files are parsed in one go
PIECE = 4 << 20  # bytes per piece
_HEAD = lazy(rb'\{\n  ("(?:[^"\\\n]|\\.)*"): \{\n(?=    ")')
_RECORD = b'\n    "'  # a record's key: a line indented by exactly four spaces
_TABLE_END = b"\n  }"  # the table's closing brace: a line indented by two


def loads(raw: bytes, *, whole_below: int | None = None, piece: int = PIECE) -> Any:
    """`orjson.loads(raw)`, in pieces when `raw` is one big table in the store's layout."""
    if len(raw) >= (WHOLE_BELOW if whole_below is None else whole_below):
        table = _in_pieces(raw, piece)
        if table is not None:
            return table
    return orjson.loads(raw)


def _in_pieces(raw: bytes, piece: int) -> dict[str, Any] | None:
    head = _HEAD.match(raw)
    if head is None:
        return None
    close = raw.rfind(_TABLE_END)
    if close < head.end() or raw[close + len(_TABLE_END) :].strip() != b"}":
        return None  # not exactly one table
    records: dict[str, Any] = {}
    start = head.end() - 1  # the newline before the first record
    try:
        while start < close:
            cut = raw.find(_RECORD, min(start + piece, close))
            end = close if cut < 0 or cut > close else cut
            chunk = raw[start:end].rstrip()
            if chunk.endswith(b","):
                if end == close:
                    return None  # a trailing comma: let the whole parse report it
                chunk = chunk[:-1]
            elif end != close:
                return None  # records not separated by a comma
            part = orjson.loads(b"{" + chunk + b"}")
            records.update(part)
            start = end
    except orjson.JSONDecodeError:
        return None
    name = orjson.loads(head.group(1))
    return {name: records}
