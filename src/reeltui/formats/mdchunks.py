"""A Markdown body cut into its blocks ("chunks"), the units a save compares.

Chunks are separated by blank lines, except inside a fenced code block, inside raw HTML that
opens an element and closes it further down (a table or a poem with blank lines stays one
chunk), and inside a list item continued after a blank line by indented lines.
"""

from __future__ import annotations

import re

from reeltui.formats.htmltree import tags

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPEN = re.compile(r"^ {0,3}<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)")
_TAGS = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_LIST = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_VOID = tags("area base br col embed hr img input link meta param source track wbr")


def _blank(line: str) -> bool:
    return not line.strip(" \t")


def chunks(markdown: str) -> list[str]:
    """The blocks of `markdown`, without the blank lines between them."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not current:
            if _blank(line):
                index += 1
                continue
            end = _extent(lines, index)
            current = lines[index:end]
            index = end
            continue
        if _blank(line):
            out.append("\n".join(current))
            current = []
            index += 1
            continue
        current.append(line)
        index += 1
    if current:
        out.append("\n".join(current))
    return out


def _extent(lines: list[str], start: int) -> int:
    """Where the chunk starting at `start` ends (exclusive) when it has its own rules; for a
    plain chunk, the line after `start` (the caller reads on to a blank line)."""
    first = lines[start]
    fence = _FENCE.match(first)
    if fence:
        mark = fence.group(1)
        for end in range(start + 1, len(lines)):
            close = _FENCE.match(lines[end])
            if (
                close
                and close.group(1)[0] == mark[0]
                and len(close.group(1)) >= len(mark)
                and not lines[end].strip(" \t")[len(close.group(1)) :].strip(" \t")
            ):
                return end + 1
        return len(lines)
    opened = _OPEN.match(first)
    if opened and opened.group(1).lower() not in _VOID:
        closing = _matching(lines, start, opened.group(1).lower())
        if closing is not None:
            return _to_blank(lines, closing + 1)
    if _LIST.match(first):
        return _list_end(lines, start)
    return start + 1


def _to_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not _blank(lines[index]):
        index += 1
    return index


def _matching(lines: list[str], start: int, tag: str) -> int | None:
    """The line holding the end tag that closes the element opened on line `start`."""
    depth = 0
    for index in range(start, len(lines)):
        for match in _TAGS.finditer(lines[index]):
            closing, name, selfclosing = match.groups()
            if name.lower() != tag or selfclosing:
                continue
            depth += -1 if closing else 1
            if depth <= 0:
                return index if depth == 0 else None
    return None


def _list_end(lines: list[str], start: int) -> int:
    """A list runs on across blank lines while the next line is indented (a continuation)."""
    index = start + 1
    while index < len(lines):
        if not _blank(lines[index]):
            index += 1
            continue
        after = index
        while after < len(lines) and _blank(lines[after]):
            after += 1
        if after < len(lines) and lines[after].startswith(("  ", "\t")):
            index = after
            continue
        return index
    return index


def kind(chunk: str) -> str:
    """What a chunk is: heading, list, quote, code, rule, table, image, html or paragraph."""
    first = chunk.split("\n", 1)[0]
    if _HEADING.match(first):
        return "heading"
    if _FENCE.match(first):
        return "code"
    if _RULE.match(first) and "\n" not in chunk:
        return "rule"
    if _LIST.match(first):
        return "list"
    if first.lstrip(" ").startswith(">"):
        return "quote"
    if first.lstrip(" ").startswith("<"):
        return "html"
    lines = chunk.split("\n")
    if len(lines) > 1 and "|" in first and _TABLE_DELIMITER.match(lines[1]):
        return "table"
    if _IMAGE.match(chunk.strip()):
        return "image"
    return "paragraph"
