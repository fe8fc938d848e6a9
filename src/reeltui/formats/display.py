"""A post's Markdown made readable for display: raw HTML blocks shown as what they say.

The body keeps HTML that Markdown cannot say (tables with structure, definition lists, poems
in <pre>, addresses, figures, embeds, sub/sup...) exactly as written, and a Markdown viewer
drops raw HTML. For the reader (and `reeltui show`, and the editor's preview) each block with
HTML becomes readable Markdown: a table as a table, a definition list as terms with
their definitions indented under them, a poem preformatted with its blank lines, H₂O and
E = MC², a visible rule at a page break. Display only: nothing here is ever saved.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reeltui.formats.html_depth import limit_depth
from reeltui.formats.htmlmd import Converter, NotFaithful
from reeltui.formats.htmltree import Element, Node, parse
from reeltui.formats.mdchunks import chunks
from reeltui.formats.mdescape import escape_text
from reeltui.formats.mdrender import render
from reeltui.formats.wpblocks import BLOCK_TAGS

_SUB = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_SUP = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SHORTCODE = re.compile(r"\[([a-zA-Z_][\w-]*)(?:\s[^\]]*)?\](?:(.*)\[/\1\])?", re.DOTALL)
_BLOCK_COMMENT = re.compile(r"<!--\s+/?wp:([a-z][a-z0-9_/-]*)[^>]*?-->", re.DOTALL)
_TAG_START = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9]*)")
_EMBEDS = ("iframe", "video", "audio", "embed", "object")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


class Readable(Converter):
    """HTML -> Markdown for reading: never refuses, says everything it can."""

    def __init__(self) -> None:
        super().__init__(classic=False)

    def _check_attrs(self, element: Element, outer: bool) -> None:
        return None

    def blocks(self, parent: Element, outer: bool = False) -> str:
        try:
            return super().blocks(parent, outer)
        except NotFaithful:
            return ""

    def paragraph(self, nodes: list[Node]) -> str:
        try:
            return super().paragraph(nodes)
        except NotFaithful:
            return ""

    def block(self, element: Element, outer: bool) -> str:
        tag = element.tag
        try:
            if tag not in ("pre", "table", "ol", "ul", "blockquote"):
                return super().block(element, outer)
        except NotFaithful:
            pass
        if tag == "pre":
            return _fenced(element.text().removeprefix("\n").rstrip("\n"))
        if tag == "table":
            return self.table(element)
        if tag in ("ul", "ol"):
            return self.bullets(element)
        if tag == "blockquote":
            inner = self.blocks(element)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if tag == "dl":
            return self.definitions(element)
        if tag == "address":
            lines = self.inline(element.children).replace("\\\n", "\n").strip().split("\n")
            return "\\\n".join(line.strip() for line in lines if line.strip())
        if tag == "figcaption":
            caption = self.inline(element.children).strip()
            return f"*{caption}*" if caption else ""
        if tag in _EMBEDS:
            src = element.attrs.get("src") or element.attrs.get("data", "")
            return f"[▶ embedded: {src}]({src})" if src else "▶ (embedded media)"
        if tag == "hr":
            return "---"
        return self.blocks(element)

    def bullets(self, element: Element) -> str:
        items = [c for c in element.children if isinstance(c, Element) and c.tag == "li"]
        ordered = element.tag == "ol"
        start = int(element.attrs.get("start", "1") or "1") if ordered else 0
        if "reversed" in element.attrs:
            numbers = list(range(start if "start" in element.attrs else len(items), 0, -1))
            return "\\\n".join(
                f"{n}\\. {self.item(li)}" for n, li in zip(numbers, items, strict=False)
            )
        lines = []
        for n, li in enumerate(items, start):
            marker = f"{n}. " if ordered else "- "
            first, *rest = (self.item(li) or "\u00a0").split("\n")
            lines.append(marker + first)
            lines += ["   " + line if line else "" for line in rest]
        return "\n".join(lines)

    def item(self, li: Element) -> str:
        run: list[Node] = []
        parts: list[str] = []
        for child in li.children:
            if isinstance(child, Element) and child.tag in ("ul", "ol", "p", "blockquote", "pre"):
                if run:
                    parts.append(self.inline(run).strip())
                    run = []
                parts.append(self.block(child, False))
            else:
                run.append(child)
        if run:
            parts.append(self.inline(run).strip())
        return "\n".join(p for p in parts if p)

    def table(self, table: Element) -> str:
        rows: list[list[str]] = []
        caption = ""
        for part in table.elements():
            if part.tag == "caption":
                caption = self.inline(part.children).strip()
            for tr in [part] if part.tag == "tr" else part.elements():
                if tr.tag == "tr":
                    rows.append([self._cell(c) for c in tr.elements() if c.tag in ("td", "th")])
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return "\n".join(lines) + (f"\n\n*{caption}*" if caption else "")

    def _cell(self, cell: Element) -> str:
        return " ".join(self.inline(cell.children).replace("\\\n", " ").split()).replace("|", "\\|")

    def definitions(self, dl: Element) -> str:
        out: list[str] = []
        for child in dl.elements():
            text = " ".join(self.inline(child.children).replace("\\\n", " ").split())
            if child.tag == "dt":
                out.append(f"**{text}**")
            elif child.tag == "dd" and out:
                out[-1] += f"\n> {text}"  # the definition indented under its term
            elif child.tag == "dd":
                out.append(f"> {text}")
        return "\n\n".join(out)

    def element(self, element: Element) -> str:
        tag = element.tag
        text = self.inline(element.children)
        if tag in ("sub", "sup"):
            return _script(element.text(), tag)
        if tag == "abbr":
            title = element.attrs.get("title", "")
            return f"{text} ({escape_text(title)})" if title and title != element.text() else text
        if tag in ("del", "s", "strike"):
            return f"~~{text.strip()}~~" if text.strip() else ""
        if tag in ("kbd", "samp", "tt", "var", "code"):
            words = element.text().replace("`", "ʼ")
            return f"`{words}`" if words.strip() else ""
        if tag == "q":
            return f"“{text}”"
        if tag in ("em", "i", "strong", "b") and text.strip():
            mark = "**" if tag in ("strong", "b") else "*"
            return self._mark(mark, text) if text.strip() == text.strip(" ") else text
        if tag == "a":
            href = element.attrs.get("href", "")
            safe = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            return f"[{text.strip()}]({safe})" if href and text.strip() else text
        if tag == "img":
            alt = escape_text(element.attrs.get("alt", "")).replace("[", "\\[").replace("]", "\\]")
            src = element.attrs.get("src", "").replace(" ", "%20")
            return f"![{alt}]({src})" if src else alt
        return text  # span, small, big, mark, cite, ins, u...: the words


def _script(text: str, tag: str) -> str:
    table = _SUB if tag == "sub" else _SUP
    mapped = text.translate(table)
    if text and all(ord(c) in table or c.isspace() for c in text):
        return mapped
    mark = "_" if tag == "sub" else "^"
    return f"{mark}{escape_text(text)}" if len(text) == 1 else f"{mark}({escape_text(text)})"


def _fenced(text: str) -> str:
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, ticks + 1)
    return f"{fence}text\n{text}\n{fence}"  # "text": shown as written, never highlighted


def _readable_html(html: str) -> str:
    html = limit_depth(_COMMENT.sub("", html), 40)[0]  # the reader shows 8 levels at most
    try:
        return Readable().blocks(parse(html), outer=True)
    except RecursionError:
        return escape_text(parse(html).text())


class _Pages:
    def __init__(self) -> None:
        self.page = 1


def _special(chunk: str, pages: _Pages) -> str | None:
    """The display of a marker, block comment or shortcode chunk; None for others."""
    text = chunk.strip()
    if text.startswith("<!--more") and text.endswith("-->"):
        return "*· · · more · · ·*"
    if text == "<!--nextpage-->":
        pages.page += 1
        return f"---\n\n*— page {pages.page} —*"
    comment = _BLOCK_COMMENT.fullmatch(text)
    if comment:
        name = comment.group(1).removeprefix("core/")
        return f"*({name.replace('-', ' ')} block: shown on the site)*"
    if text.startswith("<!--") and text.endswith("-->") and text.count("-->") == 1:
        return ""
    shortcode = _SHORTCODE.fullmatch(text)
    if shortcode:
        if shortcode.group(1) == "caption" and shortcode.group(2):
            return _readable_html(shortcode.group(2))
        return f"`{text}`" if "`" not in text else text
    return None


def readable(markdown: str) -> str:
    """`markdown` with every raw HTML block and inline tag made readable Markdown."""
    if "<" not in markdown and "[" not in markdown:
        return markdown
    pages = _Pages()
    out = []
    for chunk in chunks(markdown):
        special = _special(chunk, pages)
        if special is not None:
            if special:
                out.append(special)
        elif "<" in chunk:
            out.append(_readable_chunk(chunk))
        else:
            out.append(chunk)
    return "\n\n".join(part for part in out if part.strip()) + "\n"


@lru_cache(maxsize=4096)
def _readable_chunk(chunk: str) -> str:
    first = _TAG_START.match(chunk)
    raw = first is not None and first.group(1).lower() in BLOCK_TAGS
    return _readable_html(chunk if raw else render(chunk))  # "" for a spacer: nothing to read
