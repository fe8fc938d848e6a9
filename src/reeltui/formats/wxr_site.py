"""A post's text in WXR: the site's HTML kept as it came, reeltui's own Markdown restored.

A WordPress export's `content:encoded` and `excerpt:encoded` are the site's text: kept as the
post's `html` and `excerpt_html`, with the Markdown views made from them. A reeltui export
also records (in its `_reeltui` meta) the writer's Markdown, digests of the HTML it wrote and
whether that HTML was the site's (`kept`) or made from the Markdown; reading it back gives the
post exactly as it was, as long as the HTML is still what reeltui wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reeltui.domain.models import Post
from reeltui.formats.sitehtml import MARK, excerpt_markdown, mark, site_excerpt, site_html
from reeltui.formats.siteview import site_markdown
from reeltui.formats.wxr_common import html_digest


@dataclass(frozen=True, slots=True)
class SiteText:
    body: str
    excerpt: str
    html: str
    excerpt_html: str
    exact: bool  # reeltui's own Markdown, restored

    def source(self, source: dict[str, str]) -> dict[str, str]:
        if not (self.html or self.excerpt_html):
            return source
        return {**source, MARK: mark(self.body, self.excerpt)}


def read_site_text(html: str, excerpt: str, own: dict[str, Any], old_excerpt: str) -> SiteText:
    """The post's text from an item (`old_excerpt`: what an older reeltui export's excerpt
    reads as)."""
    markdown = own.get("markdown")
    if not isinstance(markdown, str) or own.get("html") != html_digest(html):
        return SiteText(site_markdown(html), excerpt_markdown(excerpt), html, excerpt, False)
    kept = html if own.get("kept") is True else ""
    short = own.get("excerpt_md")
    if isinstance(short, str) and own.get("excerpt_html") == html_digest(excerpt):
        kept_excerpt = excerpt if own.get("kept_excerpt") is True else ""
        return SiteText(markdown, short, kept, kept_excerpt, True)
    return SiteText(markdown, old_excerpt, kept, "", True)


def write_site_text(post: Post, read_back: Any) -> tuple[str, str, dict[str, Any]]:
    """(content, excerpt, meta entries) for an item; `read_back(text)` is what an XML reader
    will hand back for `text` (the digests are of that)."""
    content, short = site_html(post), site_excerpt(post)
    meta: dict[str, Any] = {
        "markdown": post.body,
        "html": html_digest(read_back(content)),
        "kept": bool(post.html),
        "excerpt_md": post.excerpt,
        "excerpt_html": html_digest(read_back(short)),
        "kept_excerpt": bool(post.excerpt_html),
    }
    return content, short, meta
