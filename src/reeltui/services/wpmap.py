"""Mapping between WordPress REST objects and reeltui's Post and Comment."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
from typing import Any

from reeltui.domain.models import COMMENT_KINDS, Comment, Film, Post
from reeltui.domain.rating import parse_rating
from reeltui.domain.text import slug_from_wire, slugify
from reeltui.formats.html2md import html_to_markdown
from reeltui.formats.md2html import markdown_to_html as render_html
from reeltui.formats.wxr_common import POST_STATUS_OUT

POST_STATUS_TO_WP = POST_STATUS_OUT  # the REST API says what WXR says
POST_STATUS_FROM_WP = {v: k for k, v in POST_STATUS_OUT.items()}
COMMENT_STATUS_FROM_WP = {
    "approved": "approved",
    "approve": "approved",
    "hold": "pending",
    "unapproved": "pending",
    "spam": "spam",
    "trash": "trash",
}
WP_POST_STATUSES = ",".join(POST_STATUS_FROM_WP)


def markdown_to_html(text: str) -> str:
    """The HTML sync sends: the exporters' rendering, without the final newline."""
    return render_html(text).strip()


def post_hash(post: Post) -> str:
    """A fingerprint of what the user edits (to see a local edit since the last pull)."""
    fields = [post.title, post.body, post.excerpt, post.status, post.slug]
    fields += [",".join(post.categories), ",".join(post.tags)]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]


def _text(value: Any, *, rendered_is_html: bool = True) -> str:
    """`raw` of a {raw, rendered} field (context=edit), else `rendered` unescaped."""
    if isinstance(value, dict):
        if isinstance(value.get("raw"), str):
            return str(value["raw"])
        rendered = str(value.get("rendered") or "")
        return html.unescape(rendered) if rendered_is_html else rendered
    return str(value or "")


def _gmt(wp: dict[str, Any], key: str) -> str:
    value = wp.get(f"{key}_gmt") or ""
    if value:
        return f"{str(value)[:19]}+00:00"
    return str(wp.get(key) or "")[:19]


def to_post(
    wp: dict[str, Any],
    local_id: str,
    existing: Post | None,
    users: dict[int, str],
    categories: dict[int, str],
    tags: dict[int, str],
) -> Post:
    """A Post for a WordPress post (keeping local-only facts of `existing`)."""
    title = _text(wp.get("title"))
    content = wp.get("content")
    body = html_to_markdown(
        _text(content, rendered_is_html=False) if isinstance(content, dict) else ""
    )
    excerpt = html_to_markdown(_text(wp.get("excerpt"), rendered_is_html=False)).strip()
    author = users.get(int(wp.get("author") or 0), "")
    if not author and existing is not None:
        author = existing.author
    rating = parse_rating(body)
    if rating is None and existing is not None:
        rating = existing.rating
    slug = slug_from_wire(str(wp.get("slug") or wp.get("generated_slug") or "")) or slugify(title)
    source = dict(existing.source) if existing is not None else {}
    source.update(
        {
            "wp": str(wp["id"]),
            "wp_modified": str(wp.get("modified_gmt") or wp.get("modified") or ""),
            "wp_link": str(wp.get("link") or ""),
        }
    )
    source.pop("wp_error", None)
    post = Post(
        id=local_id,
        slug=slug,
        title=title,
        author=author,
        date=_gmt(wp, "date"),
        modified=_gmt(wp, "modified"),
        status=POST_STATUS_FROM_WP.get(str(wp.get("status")), "draft"),
        categories=[categories[i] for i in wp.get("categories") or [] if i in categories],
        tags=[tags[i] for i in wp.get("tags") or [] if i in tags],
        excerpt=excerpt,
        body=body,
        rating=rating,
        film=existing.film if existing is not None else Film(),
        sticky=bool(wp.get("sticky", False)),
        source=source,
    )
    post.source["wp_hash"] = post_hash(post)
    return post


def post_version(post: Post) -> dict[str, str]:
    """The parts of a post a person compares in a conflict."""
    return {
        "title": post.title,
        "status": post.status,
        "modified": post.modified,
        "excerpt": post.excerpt,
        "body": post.body,
    }


def with_source(post: Post, **changes: str) -> Post:
    source = {**post.source, **changes}
    return dataclasses.replace(post, source={k: v for k, v in source.items() if v != ""})


def to_comment(wp: dict[str, Any], local_id: str, post_id: str, parent_id: str | None) -> Comment:
    kind = str(wp.get("type") or "comment")
    return Comment(
        id=local_id,
        post_id=post_id,
        parent_id=parent_id,
        author=str(wp.get("author_name") or ""),
        email=str(wp.get("author_email") or ""),
        url=str(wp.get("author_url") or ""),
        date=_gmt(wp, "date"),
        body=html_to_markdown(_text(wp.get("content"), rendered_is_html=False)),
        status=COMMENT_STATUS_FROM_WP.get(str(wp.get("status")), "pending"),
        kind=kind if kind in COMMENT_KINDS else "comment",
        origin="imported",
        remote_id=str(wp["id"]),
        source={"wp": str(wp["id"])},
    )
