"""Apply the writer's edit to a block's original HTML: a three-way merge of HTML tokens.

`base` is the block as rendered from the Markdown the writer saw, `theirs` as rendered from the
Markdown they saved, `ours` the block as the site holds it. Each change from base to theirs is
made at the same place in ours, found where base and ours agree; the rest of ours (its
entities, attributes, classes, spacing, block comments) stays byte for byte. None when a change
falls where base and ours differ: the caller then renders the block anew.
"""

from __future__ import annotations

import re
from difflib import Match, SequenceMatcher

_TOKEN = re.compile(
    r"<!--.*?-->"  # a comment (block delimiters included) is one token
    r"|</?[a-zA-Z][a-zA-Z0-9:-]*"  # the start of a tag; attributes are tokens of their own
    r"|&#?\w+;"
    r"|\w+"
    r"|[ \t\r\n]+"
    r"|.",
    re.DOTALL,
)
_IN_TAG = re.compile(
    r"\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?"  # one attribute
    r"|\s*/?>"  # the end of the tag
    r"|.",
    re.DOTALL,
)


def tokens(html: str) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(html):
        match = _TOKEN.match(html, pos)
        assert match is not None
        token = match.group()
        out.append(token)
        pos = match.end()
        if token[0] == "<" and not token.startswith("<!--") and len(token) > 1:
            while pos < len(html):
                part = _IN_TAG.match(html, pos)
                assert part is not None
                out.append(part.group())
                pos = part.end()
                if part.group().endswith(">"):
                    break
    return out


def merge3(base: str, ours: str, theirs: str) -> str | None:
    """`ours` with the change from `base` to `theirs` applied; None if it cannot be placed."""
    if base == theirs:
        return ours
    b, o, t = tokens(base), tokens(ours), tokens(theirs)
    edits = [
        (i1, i2, t[j1:j2])
        for op, i1, i2, j1, j2 in SequenceMatcher(None, b, t, autojunk=False).get_opcodes()
        if op != "equal"
    ]
    agree = [m for m in SequenceMatcher(None, b, o, autojunk=False).get_matching_blocks() if m.size]
    placed: list[tuple[int, int, list[str]]] = []
    for i1, i2, new in edits:
        spot = _place(agree, i1, i2)
        if spot is None:
            return None
        placed.append((spot[0], spot[1], new))
    out: list[str] = []
    pos = 0
    for start, stop, new in placed:
        if start < pos:
            return None
        out += o[pos:start]
        out += new
        pos = stop
    out += o[pos:]
    return "".join(out)


def _place(agree: list[Match], i1: int, i2: int) -> tuple[int, int] | None:
    """Where base tokens [i1, i2) are in ours: inside one stretch where the two agree."""
    for match in agree:
        a, b, size = match.a, match.b, match.size
        if a <= i1 and i2 <= a + size:
            if i1 == i2 and i1 == a + size and i1 != a:
                continue  # an insertion at the end of a stretch: prefer the next stretch's start
            return b + (i1 - a), b + (i2 - a)
    for match in agree:  # an insertion after the last token the two share
        a, b, size = match.a, match.b, match.size
        if i1 == i2 == a + size:
            return b + size, b + size
    return None
