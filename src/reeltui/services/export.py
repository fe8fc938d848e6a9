"""A post as text for the clipboard: Markdown, HTML (markdown-it-py) or its link."""

from __future__ import annotations

import html

from reeltui.domain.models import Post
from reeltui.formats.md2html import markdown_to_html


def as_markdown(post: Post) -> str:
    head = f"# {post.title}\n\n" if post.title else ""
    return head + post.body.strip() + "\n"


def as_html(post: Post) -> str:
    head = f"<h1>{html.escape(post.title)}</h1>\n" if post.title else ""
    return head + markdown_to_html(post.body)


def post_link(post: Post, base_url: str = "") -> str:
    """The post's address on the blog: its imported link, else base_url/slug/."""
    for key in ("link", "url", "wp"):
        value = post.source.get(key, "")
        if value.startswith(("http://", "https://")):
            return value
    base = base_url.rstrip("/")
    return f"{base}/{post.slug}/"
