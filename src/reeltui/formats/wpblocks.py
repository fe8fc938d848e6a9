"""A WordPress post body cut into its top-level blocks, keeping every byte.

Block-editor posts are delimited by comments: `<!-- wp:name {"json":"attrs"} -->…<!-- /wp:name -->`
(blocks nest; `<!-- wp:name /-->` closes itself). Classic-editor HTML is cut the way wpautop
sees it: block-level elements (to their end tag), paragraphs of text between blank lines, the
`<!--more-->` and `<!--nextpage-->` markers, other comments, and shortcodes standing alone.

`Document.html()` gives back the input exactly: gaps (the whitespace between blocks) and blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reeltui.formats.htmltree import tags

DELIMITER = re.compile(
    r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(\{.*?\}\s+)?(/)?-->", re.DOTALL
)
_WHITESPACE = re.compile(r"[ \t\r\n]*")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s(?:\"[^\"]*\"|'[^']*'|[^'\">])*)?>")
_SHORTCODE = re.compile(r"\[([a-zA-Z_][\w-]*)(?:\s[^\]]*)?\](?:.*\[/\1\])?", re.DOTALL)
BLOCK_TAGS = tags(
    "table thead tfoot caption col colgroup tbody tr td th div dl dd dt ul ol li pre form "
    "map area blockquote address math style p h1 h2 h3 h4 h5 h6 hr fieldset legend "
    "section article aside hgroup header footer nav figure figcaption details menu "
    "summary iframe video audio object embed script noscript"
)
_VOID = frozenset(("hr", "col", "area", "embed"))
_RAW = frozenset(("pre", "script", "style"))


@dataclass(slots=True)
class Block:
    raw: str  # the block's exact text
    kind: str  # "wp" (delimited), "text", "element", "more", "nextpage", "comment", "shortcode"
    name: str = ""  # "core/paragraph"-style name without "core/" ("paragraph"), for "wp"
    opener: str = ""  # the opening delimiter exactly ("wp" only)
    closer: str = ""  # the closing delimiter exactly ("" when it closes itself)
    inner: str = ""  # between the delimiters ("wp"), else the raw text

    @property
    def attrs_json(self) -> str:
        match = DELIMITER.match(self.opener)
        return (match.group(3) or "").strip() if match else ""


@dataclass(slots=True)
class Document:
    blocks: list[Block] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # gaps[i] precedes blocks[i]
    tail: str = ""  # after the last block
    has_blocks: bool = False  # written in the block editor
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def html(self) -> str:
        return "".join(g + b.raw for g, b in zip(self.gaps, self.blocks, strict=True)) + self.tail


def parse_blocks(html: str, *, remember: bool = True) -> Document:
    """The blocks of `html`. The last few documents read or written are remembered (a save of
    a long post reads the HTML the previous save wrote): never change a Document you get."""
    found = _recent.get(html)
    if found is None:
        found = _parse(html)
        if remember:
            _remember(html, found)
    return found


_recent: dict[str, Document] = {}


def _remember(html: str, doc: Document) -> None:
    if len(_recent) >= 4:
        _recent.pop(next(iter(_recent)))
    _recent[html] = doc


def remember(html: str, doc: Document, *, checked: bool = False) -> None:
    """Remember `doc` as the blocks of `html` (which it must give back exactly; `checked`:
    the caller made `html` from it)."""
    if checked or doc.html() == html:
        _remember(html, doc)


def _parse(html: str) -> Document:
    doc = Document()
    pos = 0
    for start, end, block in _delimited(html):
        doc.has_blocks = True
        _classic(html, pos, start, doc)
        _add(doc, doc.tail, block)  # the whitespace read last is the gap before it
        doc.tail = ""
        pos = end
    _classic(html, pos, len(html), doc)
    return doc


def _add(doc: Document, gap: str, block: Block) -> None:
    doc.gaps.append(gap)
    doc.blocks.append(block)


def _delimited(html: str) -> list[tuple[int, int, Block]]:
    """Top-level delimited blocks: (start, end, block)."""
    found: list[tuple[int, int, Block]] = []
    stack: list[tuple[str, re.Match[str]]] = []
    for match in DELIMITER.finditer(html):
        closing, name, _attrs, selfclosing = match.groups()
        if closing:
            if not stack or stack[-1][0] != name:
                if not any(open_name == name for open_name, _ in stack):
                    continue  # a stray closer: part of the surrounding text
                while stack[-1][0] != name:
                    stack.pop()
            _name, opener = stack.pop()
            if not stack:
                inner = html[opener.end() : match.start()]
                block = Block(
                    html[opener.start() : match.end()],
                    "wp",
                    _short(name),
                    opener.group(0),
                    match.group(0),
                    inner,
                )
                found.append((opener.start(), match.end(), block))
        elif selfclosing:
            if not stack:
                raw = match.group(0)
                found.append((match.start(), match.end(), Block(raw, "wp", _short(name), raw)))
        else:
            stack.append((name, match))
    return found


def _short(name: str) -> str:
    return name.removeprefix("core/")


def _classic(html: str, start: int, end: int, doc: Document) -> None:
    """Classic blocks of html[start:end], appended to `doc`; whitespace left over at the end
    stays in `doc.tail` (the gap before whatever comes next)."""
    pos = start
    while pos < end:
        lead = _WHITESPACE.match(html, pos, end)
        assert lead is not None
        if lead.end() >= end:
            doc.tail += html[pos:end]
            return
        gap, doc.tail = doc.tail + html[pos : lead.end()], ""
        block_end, kind = _classic_block(html, lead.end(), end)
        raw = html[lead.end() : block_end]
        _add(doc, gap, Block(raw, kind, inner=raw))
        pos = block_end


def _classic_block(html: str, start: int, end: int) -> tuple[int, str]:
    if html.startswith("<!--", start):
        close = html.find("-->", start + 4, end)
        stop = end if close < 0 else close + 3
        text = html[start:stop]
        if re.fullmatch(r"<!--more(?:\s.*)?-->", text, re.DOTALL):
            return stop, "more"
        if text == "<!--nextpage-->":
            return stop, "nextpage"
        return stop, "comment"
    opened = _START.match(html, start, end)
    if opened and opened.group(1).lower() in BLOCK_TAGS:
        element_end = _element_end(html, start, end, opened.group(1).lower())
        if element_end is not None:
            return element_end, "element"
    stop = _paragraph_end(html, start, end)
    text = html[start:stop]
    if text.startswith("[") and _SHORTCODE.fullmatch(text.rstrip()):
        return stop, "shortcode"
    return stop, "text"


def _element_end(html: str, start: int, end: int, tag: str) -> int | None:
    """The end of the element opened at `start`: after its end tag (None if never closed)."""
    first = _TAG.match(html, start, end)
    if first is None:
        return None
    if tag in _VOID or first.group(0).endswith("/>"):
        return first.end()
    depth = 0
    for match in _TAG.finditer(html, start, end):
        closing, name = match.group(1), match.group(2).lower()
        if name != tag:
            continue
        depth += -1 if closing else 1
        if depth == 0:
            return match.end()
        if tag in _RAW and not closing and depth > 1:
            depth -= 1  # raw text: a nested start tag is text
    return None


def _paragraph_end(html: str, start: int, end: int) -> int:
    """Text runs to a blank line, or to a line that starts with a block-level tag or comment."""
    pos = start
    while True:
        newline = html.find("\n", pos, end)
        if newline < 0:
            return end
        blank = _BLANK_LINE.match(html, newline, end)
        if blank:
            return _trim(html, start, newline)
        following = newline + 1
        opened = _START.match(html, following, end)
        if (opened and opened.group(1).lower() in BLOCK_TAGS) or html.startswith("<!--", following):
            return _trim(html, start, newline)
        pos = following


def _trim(html: str, start: int, stop: int) -> int:
    while stop > start and html[stop - 1] in " \t\r":
        stop -= 1
    return stop


def is_marker(block: Block) -> bool:
    return block.kind in ("more", "nextpage") or (
        block.kind == "wp" and block.name in ("more", "nextpage")
    )


def strip_delimiters(html: str) -> str:
    """`html` without any block delimiter (inner blocks become plain HTML)."""
    return DELIMITER.sub("", html)


def comments_only(html: str) -> bool:
    return not _COMMENT.sub("", html).strip()
