"""JSON on standard output, every text stripped of terminal controls, written as it is made.

`safe_json` strips each text (and key) of escape sequences, C0/C1 control and bidi
characters, as the text output strips them: a script printing a field cannot be made to
rewrite the terminal. Walking every text in Python costs more than the rest of a long list
(`posts --json` at 10,000 posts spent two thirds of its time there), so `safe_dumps` first
lets orjson write the value and looks at its bytes once: only a value whose JSON holds
something `strip_unsafe` could remove is walked (the same bytes either way; a test compares).
A long array is written a chunk at a time (`write_json_array`), never held whole.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from itertools import islice
from typing import Any

import orjson

from reeltui.domain.sanitize import strip_unsafe

OPTIONS = orjson.OPT_INDENT_2
CHUNK = 256  # array items written at a time

# What `strip_unsafe` could change, as orjson writes it: a C0 control other than newline and
# tab (escaped: \u00XX, \b, \f, \r), DEL, a C1 control or a bidi character (raw UTF-8), the
# start of a character reference (&#...; or &name;). A false alarm (a backslash followed by
# `r` in a text) only costs the slow walk.
_MAYBE_UNSAFE = re.compile(
    rb"\\(?:u00|[bfr])|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
    rb"|\xd8\x9c|&[#A-Za-z]"
)

# The first byte of every match of _MAYBE_UNSAFE: JSON without any of them (most lists) is
# passed by six memchr scans, far faster than the pattern's own scan (80 MB/s).
_FIRST_BYTES = (b"\\", b"\x7f", b"\xc2", b"\xe2", b"\xd8", b"&")


def safe_json(value: Any) -> Any:
    """`value` with every text (and key) stripped of escape sequences, C0/C1 control and
    bidi characters (`strip_unsafe`)."""
    if isinstance(value, str):
        return strip_unsafe(value)
    if isinstance(value, list):
        return [safe_json(v) for v in value]
    if isinstance(value, dict):
        return {strip_unsafe(str(k)): safe_json(v) for k, v in value.items()}
    return value


def safe_dumps(value: Any) -> bytes:
    """`value` as indented JSON, its texts safe: `orjson.dumps(safe_json(value))`, without
    walking the texts when the JSON holds nothing to strip."""
    try:
        raw = orjson.dumps(value, option=OPTIONS)
    except TypeError:  # a key that is not a text: safe_json makes it one
        raw = b"\\u00"
    if maybe_unsafe(raw):
        raw = orjson.dumps(safe_json(value), option=OPTIONS)
    return raw


def maybe_unsafe(raw: bytes) -> bool:
    """Could JSON `raw` (as orjson writes it) hold something `strip_unsafe` removes?"""
    return any(first in raw for first in _FIRST_BYTES) and bool(_MAYBE_UNSAFE.search(raw))


def write_json(value: Any) -> None:
    sys.stdout.buffer.write(safe_dumps(value) + b"\n")
    sys.stdout.flush()


def write_json_array(items: Iterable[Any]) -> None:
    """The items as one indented JSON array (the bytes `write_json(list(items))` writes),
    written CHUNK items at a time as they come."""
    them = iter(items)
    write_json_chunks(safe_dumps(chunk) for chunk in iter(lambda: list(islice(them, CHUNK)), []))


def write_json_chunks(chunks: Iterable[bytes]) -> None:
    """One indented JSON array of the items of `chunks`, each the bytes `safe_dumps` writes
    for a non-empty list of items, in order (the bytes `write_json` writes for them all)."""
    out = sys.stdout.buffer
    opened = False
    for dumped in chunks:
        out.write(b",\n" if opened else b"[\n")
        out.write(memoryview(dumped)[2:-2])  # b"[\n" + the items, indented + b"\n]": not copied
        opened = True
    out.write(b"\n]\n" if opened else b"[]\n")
    out.flush()
