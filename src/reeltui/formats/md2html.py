"""Markdown -> HTML for exports (WordPress stores and shows HTML)."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_to_html(markdown: str) -> str:
    """HTML for a Markdown body ("" for empty input); raw HTML in the Markdown is kept."""
    if not markdown.strip():
        return ""
    return str(_renderer().render(markdown))
