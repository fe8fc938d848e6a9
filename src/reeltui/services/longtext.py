"""Long Markdown bodies in pieces, so a reader can show the start at once and add the rest.

Textual's Markdown widget builds one widget per block and its cost grows faster than the
text (a 200 KB post takes many seconds in one go). Splitting at blank lines outside fenced
code keeps every piece valid Markdown on its own; the reader renders the first piece and
appends the others in the background (or as the user scrolls).
"""

from __future__ import annotations

import re
from itertools import pairwise

PIECE = 16_000  # characters per piece (about a few screens of text)
LONG_PIECES = 3  # more pieces than this (~50 KB): too long for a Markdown widget (LongBody)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def pieces(markdown: str, size: int = PIECE) -> list[str]:
    """`markdown` cut at blank lines (never inside a fenced code block) into pieces of
    about `size` characters; joining them with blank lines gives back the same document."""
    if len(markdown) <= size:
        return [markdown]
    out: list[str] = []
    current: list[str] = []
    length = 0
    fence = ""
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if match:
            mark = match.group(1)
            if not fence:
                fence = mark[0] * len(mark)
            elif mark.startswith(fence):
                fence = ""
        if not line.strip() and not fence and length >= size:
            out.append("\n".join(current))
            current, length = [], 0
            continue
        current.append(line)
        length += len(line) + 1
    if current:
        out.append("\n".join(current))
    return [p for p in out if p.strip()] or [markdown]


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, plain text) of each heading of `markdown`, in order."""
    found: list[tuple[int, str]] = []
    from markdown_it import MarkdownIt  # (once a long post is shown: not at the first paint)

    tokens = MarkdownIt("commonmark").parse(markdown)
    for token, inline in pairwise(tokens):
        if token.type == "heading_open" and inline.type == "inline":
            text = "".join(
                child.content for child in inline.children or [] if child.type in _TEXTUAL
            )
            found.append((int(token.tag[1:]), text.strip()))
    return found


_TEXTUAL = ("text", "code_inline")
