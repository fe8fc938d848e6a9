"""The faithful Markdown of one block of a post, or None when Markdown cannot say it exactly.

Paragraphs, headings, simple lists, quotes, code blocks, rules, simple tables and images have a
Markdown form; inline tags without one (sub, sup, abbr, ins, del, small, kbd, span, a link
with target or rel...) stay in the Markdown as inline HTML, exactly as written. Anything else
(dl, pre with markup, address, figure with a caption, iframes, tables with attributes...)
gives None, and the block stays raw HTML in the Markdown.

`classic`: the classic editor's HTML, where a newline in text is a line break (wpautop).
The result is checked: rendered back to HTML it must say the same as the block (see
`same_html`), so a mistake here can only make a block raw, never change a post.
"""

from __future__ import annotations

import re

from reeltui.formats import FormatError
from reeltui.formats.fastmd import fast_markdown
from reeltui.formats.htmltree import Comment, Element, Malformed, Node, Text, parse, tags
from reeltui.formats.mdescape import escape_text
from reeltui.formats.mdrender import render, same_html

PRESENTATIONAL = frozenset(("class", "style", "id", "dir", "lang"))
_IMG_KEPT = frozenset(("class", "width", "height", "loading", "decoding", "style", "id"))
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_BLOCKS = tags(
    "address article aside blockquote details dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr iframe li main nav ol p pre section table tbody td tfoot "
    "th thead tr ul video audio object embed canvas noscript script style template"
)
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_LEADING = re.compile(r"^[ \t]+", re.MULTILINE)
_HREF_SAFE = re.compile(r"^[^\s()<>\\]+$")


class NotFaithful(FormatError):
    """No Markdown says this block exactly (the block stays raw HTML)."""


class Converter:
    def __init__(self, classic: bool) -> None:
        self.classic = classic
        self.hard_break = "\n" if classic else "\\\n"

    # -- blocks ----------------------------------------------------------------------------

    def blocks(self, parent: Element, outer: bool = False) -> str:
        out: list[str] = []
        run: list[Node] = []
        for child in parent.children:
            if isinstance(child, Element) and child.tag in _BLOCKS:
                self._flush(run, out)
                out.append(self.block(child, outer))
            elif isinstance(child, Comment):
                raise NotFaithful("a comment between blocks")
            else:
                run.append(child)
        self._flush(run, out)
        if not out:
            raise NotFaithful("nothing to show")
        return "\n\n".join(out)

    def _flush(self, run: list[Node], out: list[str]) -> None:
        if any(not isinstance(n, Text) or n.value.strip(" \t\n\r") for n in run):
            out.append(self.paragraph(run))
        run.clear()

    def block(self, element: Element, outer: bool) -> str:
        tag = element.tag
        self._check_attrs(element, outer)
        if tag == "p":
            return self.paragraph(element.children)
        if tag in _HEADINGS:
            text = self.inline(element.children).strip()
            if not text or "\n" in text:
                raise NotFaithful("heading over lines")
            return "#" * _HEADINGS[tag] + " " + text
        if tag in ("ul", "ol"):
            return self.bullets(element)
        if tag == "blockquote":
            inner = self.blocks(element)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if tag == "hr" and not element.children:
            return "---"
        if tag == "pre":
            return self.code(element)
        if tag == "table":
            return self.table(element)
        if tag == "figure" and outer:
            content = [c for c in element.children if not _blank(c)]
            if len(content) == 1 and isinstance(content[0], Element):
                if content[0].tag == "img":
                    return self.paragraph(content)
                if content[0].tag == "table":
                    return self.block(content[0], True)
        raise NotFaithful(f"no Markdown for <{tag}>")

    def _check_attrs(self, element: Element, outer: bool) -> None:
        allowed: set[str] = set(PRESENTATIONAL) if outer else set()
        if element.tag == "ol":
            allowed.add("start")
        extra = {a for a in element.attrs if not a.startswith(("data-", "aria-"))} - allowed
        if extra or (not outer and any(a.startswith(("data-", "aria-")) for a in element.attrs)):
            raise NotFaithful(f"<{element.tag}> attributes {sorted(element.attrs)}")

    def paragraph(self, nodes: list[Node]) -> str:
        text = self.inline(nodes)
        text = _LEADING.sub("", _TRAILING.sub("", text)).strip("\n")
        if not text.strip():
            raise NotFaithful("empty paragraph")
        return text

    def bullets(self, element: Element) -> str:
        ordered = element.tag == "ol"
        number = int(element.attrs.get("start", "1") or "1") if ordered else 0
        lines: list[str] = []
        for child in element.children:
            if _blank(child):
                continue
            if not isinstance(child, Element) or child.tag != "li" or child.attrs:
                raise NotFaithful("a list with something other than items")
            marker = f"{number}. " if ordered else "- "
            number += 1
            item = self.item(child)
            pad = " " * len(marker)
            first, *rest = item.split("\n")
            lines.append(marker + first)
            lines += [pad + line if line else "" for line in rest]
        if not lines:
            raise NotFaithful("an empty list")
        return "\n".join(lines)

    def item(self, li: Element) -> str:
        run: list[Node] = []
        nested: list[str] = []
        for child in li.children:
            if isinstance(child, Element) and child.tag in ("ul", "ol"):
                if child.attrs:
                    raise NotFaithful("nested list with attributes")
                nested.append(self.bullets(child))
            elif nested and not _blank(child):
                raise NotFaithful("text after a nested list")
            elif isinstance(child, Element) and child.tag in _BLOCKS:
                raise NotFaithful("blocks inside a list item")
            else:
                run.append(child)
        text = self.paragraph(run)
        return "\n".join([text, *nested])

    def code(self, pre: Element) -> str:
        inner = [c for c in pre.children if not (isinstance(c, Text) and not c.value)]
        if len(inner) != 1 or not isinstance(inner[0], Element) or inner[0].tag != "code":
            raise NotFaithful("pre without a single code")
        code = inner[0]
        language = ""
        for cls in code.attrs.get("class", "").split():
            if cls.startswith("language-"):
                language = cls[len("language-") :]
        if set(code.attrs) - {"class"} or (code.attrs.get("class") and not language):
            raise NotFaithful("code attributes")
        if any(not isinstance(c, Text) for c in code.children):
            raise NotFaithful("markup inside code")
        text = code.text()
        if text.endswith("\n") or not text.strip() or "\r" in text:
            raise NotFaithful("code text Markdown cannot keep")
        ticks = max((len(m) for m in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, ticks + 1)
        return f"{fence}{language}\n{text}\n{fence}"

    def table(self, table: Element) -> str:
        parts = [c for c in table.children if not _blank(c)]
        if [getattr(p, "tag", "") for p in parts] != ["thead", "tbody"]:
            raise NotFaithful("a table without one thead and one tbody")
        head, body = parts[0], parts[1]
        assert isinstance(head, Element) and isinstance(body, Element)
        if head.attrs or body.attrs:
            raise NotFaithful("table part attributes")
        header = self._rows(head, "th")
        rows = self._rows(body, "td")
        if len(header) != 1 or any(len(r) != len(header[0]) for r in rows):
            raise NotFaithful("a table Markdown cannot shape")
        lines = ["| " + " | ".join(header[0]) + " |", "|" + "---|" * len(header[0])]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def _rows(self, part: Element, cell_tag: str) -> list[list[str]]:
        rows = []
        for tr in part.children:
            if _blank(tr):
                continue
            if not isinstance(tr, Element) or tr.tag != "tr" or tr.attrs:
                raise NotFaithful("table rows")
            cells = []
            for cell in tr.children:
                if _blank(cell):
                    continue
                if not isinstance(cell, Element) or cell.tag != cell_tag or cell.attrs:
                    raise NotFaithful("table cells")
                text = " ".join(self.inline(cell.children).split())
                cells.append(text.replace("|", "\\|"))
            rows.append(cells)
        return rows

    # -- inline ------------------------------------------------------------------------------

    def inline(self, nodes: list[Node]) -> str:
        out: list[str] = []
        after_break = False
        for node in nodes:
            if isinstance(node, Text):
                value = node.value
                if after_break:
                    value = value.lstrip(" \t").removeprefix("\n").lstrip(" \t")
                out.append(escape_text(value))
                after_break = False
                continue
            after_break = False
            if isinstance(node, Comment):
                out.append(node.raw)
            elif node.tag == "br":
                out.append(self.hard_break)
                after_break = True
            else:
                out.append(self.element(node))
        return "".join(out)

    def element(self, element: Element) -> str:
        tag = element.tag
        if tag in _BLOCKS:
            raise NotFaithful(f"<{tag}> inside a line")
        if tag in _MARKS and not element.attrs:
            return self._mark(_MARKS[tag], self.inline(element.children))
        if (
            tag == "code"
            and not element.attrs
            and all(isinstance(c, Text) for c in element.children)
        ):
            text = element.text()
            if text and "`" not in text and text.strip(" ") == text and "\n" not in text:
                return f"`{text}`"
        if tag == "a" and set(element.attrs) <= {"href", "title"} and "href" in element.attrs:
            href, title = element.attrs["href"], element.attrs.get("title", "")
            text = self.inline(element.children)
            if href and _HREF_SAFE.match(href) and '"' not in title and text.strip() == text != "":
                return f"[{text}]({href}{f' {chr(34)}{title}{chr(34)}' if title else ''})"
        if tag == "img":
            return self._image(element)
        if element.start and element.closed:
            return (
                element.start
                + self.inline(element.children)
                + f"</{element.start[1 : 1 + len(tag)]}>"
            )
        raise NotFaithful(f"<{tag}>")

    def _image(self, img: Element) -> str:
        attrs = img.attrs
        src, alt, title = attrs.get("src", ""), attrs.get("alt", ""), attrs.get("title", "")
        simple = set(attrs) - _IMG_KEPT <= {"src", "alt", "title"}
        if simple and src and _HREF_SAFE.match(src) and '"' not in title and "]" not in alt:
            alt_md = escape_text(alt).replace("[", "\\[").replace("\n", " ")
            return f"![{alt_md}]({src}{f' {chr(34)}{title}{chr(34)}' if title else ''})"
        return img.start

    def _mark(self, mark: str, inner: str) -> str:
        core = inner.strip(" ")
        if not core or "\n" in core[:1] + core[-1:]:
            raise NotFaithful("empty emphasis")
        lead = " " if inner.startswith(" ") else ""
        trail = " " if inner.endswith(" ") else ""
        return f"{lead}{mark}{core}{mark}{trail}"


def _blank(node: Node) -> bool:
    return isinstance(node, Text) and not node.value.strip(" \t\n\r")


def block_markdown(html: str, *, classic: bool) -> str | None:
    """The Markdown of one block, checked to render back to the same HTML; None if none."""
    fast = fast_markdown(html, classic=classic)
    if fast is not None:
        return fast
    try:
        tree = parse(html, strict=True)
        markdown = Converter(classic).blocks(tree, outer=True)
    except (Malformed, NotFaithful, ValueError, RecursionError):
        return None
    if not markdown.strip() or not same_html(
        html, render(markdown, classic=classic), classic=classic
    ):
        return None
    return markdown
