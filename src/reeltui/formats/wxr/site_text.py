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
from xml.sax.saxutils import escape

from reeltui.domain.models import Post
from reeltui.formats.sitehtml import MARK, excerpt_markdown, mark, site_excerpt, site_html
from reeltui.formats.siteview import site_markdown
from reeltui.formats.wxr.mapping import cdata, html_digest, xml_round_trip, xml_safe


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


def exact_text(text: str) -> str:
    """`text` as XML an XML reader gives back exactly: a carriage return (which CDATA cannot
    keep: readers turn it into a newline) is written as a character reference."""
    if "\r" not in text:
        return cdata(text)
    return escape(xml_safe(text)).replace("\r", "&#13;")


def _read_back(text: str) -> str:
    return xml_safe(text) if "\r" in text else xml_round_trip(text)


def write_site_text(post: Post) -> tuple[str, str, dict[str, Any]]:
    """(content, excerpt) as XML for an item, and the meta entries that go with them (the
    digests are of what an XML reader will hand back)."""
    content, short = site_html(post), site_excerpt(post)
    meta: dict[str, Any] = {
        "markdown": post.body,
        "html": html_digest(_read_back(content)),
        "kept": bool(post.html),
        "excerpt_md": post.excerpt,
        "excerpt_html": html_digest(_read_back(short)),
        "kept_excerpt": bool(post.excerpt_html),
    }
    return exact_text(content), exact_text(short), meta
