"""Markdown (or a little HTML) as plain text: paragraphs kept, markup dropped.

For places that take text, not markup (a review moved to Letterboxd): emphasis markers go,
a link keeps its words and shows its address once, list items keep a dash, code its text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_TAG = re.compile(r"<[^>]*>")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _strip_tags(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def _inline(token: Token) -> str:
    out: list[str] = []
    href = ""
    start = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            out.append(child.content)
        elif kind == "html_inline":
            out.append(_strip_tags(child.content))
        elif kind == "link_open":
            href, start = str(child.attrs.get("href", "")), len(out)
        elif kind == "link_close":
            words = "".join(out[start:]).strip()
            if href and words != href and not href.startswith("#"):
                out.append(f" ({href})")
            href = ""
    return "".join(out).strip()


def markdown_to_plain(markdown: str) -> str:
    """The text of `markdown`: blocks separated by a blank line, list items one per line."""
    blocks: list[str] = []
    items: list[str] | None = None  # the items of the list being read
    depth = 0
    for token in _parser().parse(markdown):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if items is None:
                items = []
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items is not None:
                blocks.append("\n".join(items))
                items = None
        elif kind == "inline":
            text = _inline(token)
            if items is not None:
                items.append("  " * (depth - 1) + "- " + text)
            elif text:
                blocks.append(text)
        elif kind in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
        elif kind == "html_block":
            text = _strip_tags(token.content).strip()
            if text:
                blocks.append(text)
    return "\n\n".join(b for b in blocks if b.strip())


def html_to_plain(text: str) -> str:
    """Text with a few HTML tags (a Letterboxd review) as plain text."""
    if "<" not in text and "&" not in text:
        return text.strip()
    # loaded here: the app shows diary reviews without the HTML converter (markdownify)
    from reeltui.formats.html2md import html_to_markdown

    return markdown_to_plain(html_to_markdown(text))
