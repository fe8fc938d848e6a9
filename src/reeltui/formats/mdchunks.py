"""A Markdown body cut into its blocks ("chunks"), the units a save compares.

Chunks are separated by blank lines, except inside a fenced code block, inside raw HTML that
opens an element and closes it further down (a table or a poem with blank lines stays one
chunk), and inside a list item continued after a blank line by indented lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reeltui.formats.htmltree import tags

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPEN = re.compile(r"^ {0,3}<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)")
_TAGS = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_LIST = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_SEPARATOR = re.compile(r"(\n(?:[ \t]*\n)+)")
_HEAD = re.compile(r"^(?:[ \t]*\n)+")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)|\r")
_VOID = tags("area base br col embed hr img input link meta param source track wbr")


def chunks(markdown: str) -> list[str]:
    """The blocks of `markdown`, without the blank lines between them (never change the
    list: a long text's are remembered, a save of a long post cuts the same text again)."""
    if not _BLANK_LINE.search(markdown) and markdown.strip(" \t\n") == markdown:
        return [markdown] if markdown else []  # one block (most blocks' own Markdown)
    return _remembered(markdown) if len(markdown) > 20_000 else _chunks(markdown)


@lru_cache(maxsize=4)
def _remembered(markdown: str) -> list[str]:
    return _chunks(markdown)


def _chunks(markdown: str) -> list[str]:
    parts = _SEPARATOR.split(markdown.replace("\r\n", "\n"))
    paragraphs, separators = parts[0::2], parts[1::2]
    out: list[str] = []
    index = 0
    while index < len(paragraphs):
        first = paragraphs[index]
        if first[:1] in (" ", "\t", "\n"):
            first = _HEAD.sub("", first)
        if not first or first.isspace():
            index += 1
            continue
        lead = first.lstrip(" ")[:1]
        special = lead in ("`", "~", "<", "-", "+", "*") or lead.isdigit()
        end = _extent(paragraphs, index, first) if special else index + 1
        text = first
        if end > index + 1:
            text += "".join(separators[k - 1] + paragraphs[k] for k in range(index + 1, end))
        out.append(_without_blank_tail(text))
        index = end
    return out


def _without_blank_tail(text: str) -> str:
    while text[-1:] in (" ", "\t", "\n"):
        cut = text.rfind("\n")
        if cut < 0 or text[cut + 1 :].strip(" \t"):
            break
        text = text[:cut]
    return text


def _extent(paragraphs: list[str], start: int, first: str) -> int:
    """The paragraph after the last one of the chunk starting with paragraph `start`: the
    next one, unless a code fence, an element or a list item runs on past the blank line."""
    fence = _FENCE.match(first)
    if fence:
        mark = fence.group(1)
        for index in range(start, len(paragraphs)):
            lines = (first if index == start else paragraphs[index]).split("\n")
            if any(_closes(line, mark) for line in lines[1 if index == start else 0 :]):
                return index + 1
        return len(paragraphs)
    opened = _OPEN.match(first)
    if opened and opened.group(1).lower() not in _VOID:
        tag, depth = opened.group(1).lower(), 0
        for index in range(start, len(paragraphs)):
            for match in _TAGS.finditer(first if index == start else paragraphs[index]):
                closing, name, selfclosing = match.groups()
                if name.lower() != tag or selfclosing:
                    continue
                depth += -1 if closing else 1
                if depth <= 0:
                    return index + 1 if depth == 0 else start + 1
        return start + 1
    end = start + 1
    if _LIST.match(first):
        while end < len(paragraphs) and paragraphs[end].startswith(("  ", "\t")):
            end += 1
    return end


def _closes(line: str, mark: str) -> bool:
    close = _FENCE.match(line)
    return bool(
        close
        and close.group(1)[0] == mark[0]
        and len(close.group(1)) >= len(mark)
        and not line.strip(" \t")[len(close.group(1)) :].strip(" \t")
    )


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
