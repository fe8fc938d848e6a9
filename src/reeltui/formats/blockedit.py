"""How a changed block of a post is written back: inside the block it replaces.

A raw block (no Markdown form) takes the writer's text as written. A Markdown block is merged
(`merge3`): the writer's change is made in the original HTML, so a typo fixed in a paragraph
changes that word and nothing else; when the change cannot be placed, the block is rendered
anew inside the original element's start tag and the original delimiter (a heading's level
attribute follows its new level). Lists of list-item blocks and quotes of inner blocks are
spliced item by item, block by block, like the post.
"""

from __future__ import annotations

import json
import re

from reeltui.formats import FormatError, blockwrite, mdchunks
from reeltui.formats.htmlmd import Converter
from reeltui.formats.htmltree import Element, Malformed, Text, inner_html, parse
from reeltui.formats.mdrender import render
from reeltui.formats.merge3 import merge3
from reeltui.formats.owners import block_chunks
from reeltui.formats.siteview import view_of
from reeltui.formats.splice import splice
from reeltui.formats.wpblocks import Block, Document, parse_blocks, strip_delimiters

_LIST_OPEN = re.compile(r"<(ul|ol)\b[^>]*>")
_QUOTE_OPEN = re.compile(r"<blockquote\b[^>]*>")
_QUOTE_PREFIX = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_ITEM = re.compile(r"^(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r"<h([1-6])\b")


def _edges(text: str) -> tuple[str, str, str]:
    core = text.strip(" \t\r\n")
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _single(html: str) -> Element | None:
    try:
        tree = parse(html)
    except Malformed:
        return None
    elements = tree.elements()
    others = [c for c in tree.children if not isinstance(c, Element)]
    if len(elements) != 1 or any(not isinstance(c, Text) or c.value.strip() for c in others):
        return None
    return elements[0]


def transplant(ours: str, theirs: str) -> str:
    """`theirs` inside the element (and its attributes) of `ours`, where they are alike."""
    mine, new = _single(ours), _single(theirs)
    if mine is None or new is None or not mine.start:
        return theirs
    if mine.tag == new.tag or (mine.tag[:1] == new.tag[:1] == "h" and len(mine.tag) == 2):
        start = (
            mine.start
            if mine.tag == new.tag
            else re.sub(r"^<h[1-6]", f"<{new.tag}", mine.start, flags=re.IGNORECASE)
        )
        return f"{start}{inner_html(new)}</{new.tag}>"
    if mine.tag == "figure" and new.tag in ("p", "table"):
        inner = new.elements()[0].start if new.tag == "p" and new.elements() else theirs
        return f"{mine.start}{inner.replace(' />', '/>')}</figure>"
    return theirs


class PostDialect:
    """The blocks of a post: classic-editor HTML or block-editor blocks."""

    def __init__(self, classic: bool) -> None:
        self.classic = classic

    def view(self, doc: Document, index: int) -> str:
        return view_of(doc.blocks[index], not doc.has_blocks).markdown

    def chunks(self, markdown: str) -> list[str]:
        return mdchunks.chunks(markdown)

    def kind(self, chunk: str) -> str:
        return mdchunks.kind(chunk)

    def new_block(self, chunk: str) -> str:
        return blockwrite.classic_block(chunk) if self.classic else blockwrite.core_block(chunk)

    def render(self, markdown: str, block: Block) -> str:
        if self.classic and block.kind == "text":
            return blockwrite.classic_block(markdown)
        return render(markdown).rstrip("\n")

    def rerender(self, block: Block, old: str, new: str) -> str:
        text = block.inner if block.kind == "wp" else block.raw
        lead, core, trail = _edges(text)
        view = view_of(block, self.classic)
        if view.raw and old.strip() == view.markdown.strip():  # the writer saw the HTML
            if block.kind != "wp" or not block.closer or not core:
                return new
            return block.opener + lead + new + trail + block.closer
        if block.kind == "wp" and "<!-- wp:" in core:
            if block.name == "list":
                return self._container(
                    block, lead, core, trail, old, new, _LIST_OPEN, ListDialect()
                )
            if block.name == "quote":
                inner_old, inner_new = _QUOTE_PREFIX.sub("", old), _QUOTE_PREFIX.sub("", new)
                return self._container(
                    block, lead, core, trail, inner_old, inner_new, _QUOTE_OPEN, PostDialect(False)
                )
        base, theirs = self.render(old, block), self.render(new, block)
        merged = merge3(base, core, theirs)
        html = merged if merged is not None else transplant(core, theirs)
        if block.kind != "wp":
            return lead + html + trail
        return _opener(block, html) + lead + html + trail + block.closer

    def _container(
        self,
        block: Block,
        lead: str,
        core: str,
        trail: str,
        old: str,
        new: str,
        opening: re.Pattern[str],
        dialect: PostDialect | ListDialect,
    ) -> str:
        start = opening.match(core)
        tag = start.group(0)[1:].split(">")[0].split()[0] if start else ""
        end = f"</{tag}>"
        if start is None or not core.endswith(end) or _ordered(old) != _ordered(new):
            return blockwrite.core_block(new)
        inner = core[start.end() : -len(end)]
        spliced = splice(parse_blocks(inner), dialect, old, new)
        return block.opener + lead + start.group(0) + spliced + end + trail + block.closer


def _ordered(markdown: str) -> bool:
    return bool(re.match(r"\d", markdown.lstrip()))


def _opener(block: Block, html: str) -> str:
    """The block's opening delimiter; a heading's level attribute follows its element."""
    found = _HEADING.match(html)
    if block.name != "heading" or not found:
        return block.opener
    level = int(found.group(1))
    raw = block.attrs_json
    try:
        attrs = json.loads(raw) if raw else {}
    except ValueError:
        return block.opener
    if not isinstance(attrs, dict) or attrs.get("level", 2) == level:
        return block.opener
    if "level" in attrs:
        new_attrs = re.sub(r'"level"\s*:\s*\d+', f'"level":{level}', raw, count=1)
    else:
        new_attrs = "{" + f'"level":{level}' + ("," + raw[1:] if raw not in ("", "{}") else "}")
    if level == 2:
        new_attrs = re.sub(r'"level"\s*:\s*2\s*,?', "", new_attrs).replace(",}", "}")
    name = block.opener.split("wp:", 1)[1].split()[0]
    return f"<!-- wp:{name} {new_attrs} -->" if new_attrs != "{}" else f"<!-- wp:{name} -->"


class ListDialect:
    """The items of a list of list-item blocks."""

    def view(self, doc: Document, index: int) -> str:
        block = doc.blocks[index]
        li = _single(strip_delimiters(block.inner if block.kind == "wp" else block.raw))
        try:
            item = Converter(classic=False).item(li) if li is not None else block.raw
        except Exception:  # any item Markdown cannot say shows as written
            item = block.raw
        return _as_item(item)

    def chunks(self, markdown: str) -> list[str]:
        items: list[list[str]] = []
        width = 0
        for line in markdown.split("\n"):
            marker = _ITEM.match(line)
            if marker:
                width = len(marker.group(0))
                items.append([line[width:]])
            elif items:
                items[-1].append(line[width:] if line[:width].strip() == "" else line.lstrip())
        return ["\n".join(item).strip("\n") for item in items]

    def kind(self, chunk: str) -> str:
        return "item"

    def new_block(self, chunk: str) -> str:
        rendered = _single(render(_as_item(chunk)))
        if rendered is None:
            return blockwrite.wrap("list-item", f"<li>{chunk}</li>")
        return blockwrite.list_items(rendered)[0]

    def rerender(self, block: Block, old: str, new: str) -> str:
        lead, core, trail = _edges(block.inner if block.kind == "wp" else block.raw)
        base = render(_as_item(old)).rstrip("\n")
        theirs = render(_as_item(new)).rstrip("\n")
        merged = merge3(base, core, theirs)
        if merged is None:
            return self.new_block(new)
        if block.kind != "wp":
            return lead + merged + trail
        return block.opener + lead + merged + trail + block.closer


def _as_item(chunk: str) -> str:
    first, *rest = chunk.split("\n")
    return "\n".join(["- " + first, *("  " + line if line else "" for line in rest)])


def prepare(html: str) -> None:
    """Read `html` into blocks and their Markdown now (a thread may do it when an editor
    opens), so the first save of a long post costs what the later ones do."""
    doc = parse_blocks(html)
    block_chunks(doc, PostDialect(classic=not doc.has_blocks))


class SpliceError(FormatError):
    """An edit that cannot be made in the post's HTML (nothing is saved; the text is kept)."""


def splice_post(html: str, saved: str, edited: str) -> str:
    """The post's HTML with the writer's change from `saved` to `edited` made in it."""
    if saved == edited:
        return html
    doc = parse_blocks(html)
    try:
        return splice(doc, PostDialect(classic=not doc.has_blocks), saved, edited)
    except RecursionError:  # markup nested hundreds deep (hostile): refuse, never guess
        raise SpliceError(
            "this post nests its HTML or quotes too deep to save a change into it",
            hint="remove the deepest nesting from the text and save again",
        ) from None
