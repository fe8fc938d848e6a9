"""The Markdown a post's HTML is shown and edited as: one Markdown block per HTML block.

A block with a faithful Markdown form (see `htmlmd`) shows as Markdown; any other block shows
as its HTML exactly as written (a wp block without its delimiters, which a save keeps), so the
editor shows it, leaves it alone and it goes back unchanged. Views are cached by block text:
a save of a long post converts only the blocks it has not seen.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from reeltui.formats.htmlmd import block_markdown
from reeltui.formats.wpblocks import Block, Document, parse_blocks, strip_delimiters

MARKDOWN_BLOCKS = frozenset(
    ("paragraph", "heading", "list", "quote", "code", "separator", "image", "table")
)
_CACHE_CHARS = 16_000_000  # about twice the text of the longest posts ever seen


@dataclass(frozen=True, slots=True)
class View:
    markdown: str
    raw: bool  # the block's HTML itself (no faithful Markdown form)


class _Cache:
    def __init__(self) -> None:
        self.items: OrderedDict[tuple[str, bool], View] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: tuple[str, bool]) -> View | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: tuple[str, bool], view: View) -> None:
        with self.lock:
            if key in self.items:
                return
            self.items[key] = view
            self.size += len(key[0]) + len(view.markdown)
            while self.size > _CACHE_CHARS and self.items:
                (old, _), dropped = self.items.popitem(last=False)
                self.size -= len(old) + len(dropped.markdown)


_cache = _Cache()


def view_of(block: Block, classic: bool, *, remember: bool = True) -> View:
    key = (block.raw, classic)
    found = _cache.get(key)
    if found is None:
        found = _view(block, classic)
        if remember:
            _cache.put(key, found)
    return found


def _view(block: Block, classic: bool) -> View:
    if block.kind == "wp":
        core = block.inner.strip(" \t\r\n")
        if not block.closer or not core:
            return View(block.raw, True)
        if block.name in MARKDOWN_BLOCKS:
            html = core
            if "<!-- wp:" in core:
                if block.name not in ("list", "quote"):
                    return View(core, True)
                html = strip_delimiters(core)
            markdown = block_markdown(html, classic=False)
            if markdown is not None:
                return View(markdown, False)
        if block.name == "freeform":
            markdown = block_markdown(core, classic=True)
            if markdown is not None:
                return View(markdown, False)
        return View(core, True)
    if block.kind in ("text", "element"):
        markdown = block_markdown(block.raw, classic=classic)
        if markdown is not None:
            return View(markdown, False)
    return View(block.raw, True)


def views(doc: Document, *, remember: bool = True) -> list[str]:
    classic = not doc.has_blocks
    return [view_of(block, classic, remember=remember).markdown for block in doc.blocks]


def site_markdown(html: str) -> str:
    """The Markdown shown for a post's HTML ("" for none). Nothing is remembered (an import
    reads thousands of posts once; an editor opening one prepares its own)."""
    if not html.strip():
        return ""
    text = "\n\n".join(views(parse_blocks(html, remember=False), remember=False))
    return text + "\n" if text else ""
