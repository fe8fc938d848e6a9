"""Mapping between WordPress REST objects and reeltui's Post and Comment.

What a post keeps of the site in `source`: "wp" (its id; a page has `kind` "page"),
"wp_modified" (modified_gmt of our copy), "wp_link", "wp_title" (the title as the site keeps
it, when it holds markup or entities; `title` is its text), "wp_protected" ("1" for a post
behind a password), "wp_categories"/"wp_tags" (the term ids, comma-separated).
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
from typing import Any

from reeltui.domain.models import COMMENT_KINDS, Comment, Film, Post
from reeltui.domain.rating import parse_rating
from reeltui.domain.text import slugify
from reeltui.domain.titles import safe_slug, slug_text, title_text
from reeltui.domain.vocab import CommentStatus
from reeltui.formats.html2md import html_to_markdown
from reeltui.formats.md2html import markdown_to_html as render_html
from reeltui.formats.sitehtml import MARK, excerpt_markdown, mark, site_excerpt, site_html
from reeltui.formats.siteview import site_markdown
from reeltui.formats.wxr.mapping import POST_STATUS_OUT
from reeltui.services.sync.terms import TermNames

POST_STATUS_TO_WP = POST_STATUS_OUT  # the REST API says what WXR says
POST_STATUS_FROM_WP = {v: k for k, v in POST_STATUS_OUT.items()}
COMMENT_STATUS_FROM_WP: dict[str, CommentStatus] = {
    "approved": "approved",
    "approve": "approved",
    "hold": "pending",
    "unapproved": "pending",
    "spam": "spam",
    "trash": "trash",
}
WP_POST_STATUSES = ",".join(POST_STATUS_FROM_WP)
ROUTES = {"post": "/wp/v2/posts", "page": "/wp/v2/pages"}


def markdown_to_html(text: str) -> str:
    """The HTML sync sends: the exporters' rendering, without the final newline."""
    return render_html(text).strip()


def content_from_site(wp: dict[str, Any]) -> tuple[str, str, str, str]:
    """(body, excerpt, html, excerpt_html) of a post from the site's raw content and excerpt
    (context=edit): the HTML kept as the site holds it, the Markdown shown made from it.

    The one place where the site's HTML becomes what the store keeps. Without `raw` (a post
    read with context=view) only `rendered` is there (after filters, shortcodes expanded):
    shown, never kept to be sent back."""
    html, short = _raw(wp.get("content")), _raw(wp.get("excerpt"))
    if html is not None:
        body = site_markdown(html)
    else:
        content = wp.get("content")
        body = html_to_markdown(_text(content) if isinstance(content, dict) else "")
    if short is not None:
        excerpt = excerpt_markdown(short)
    else:
        excerpt = html_to_markdown(_text(wp.get("excerpt"), rendered_is_html=False)).strip()
    return body, excerpt, html or "", short or ""


def content_for_site(post: Post) -> dict[str, str]:
    """The post's content and excerpt as the site takes them (the inverse of the above): the
    kept HTML with the edits spliced in, or core blocks for a post written here; the excerpt
    as HTML, never Markdown."""
    return {"content": site_html(post), "excerpt": site_excerpt(post)}


def sent_text(post: Post, saved: Any, sent: dict[str, Any]) -> Post:
    """`post` keeping, as its site text, what the site now holds: the `raw` content and excerpt
    of its answer (after WordPress's own filters), else what was sent."""
    answer = saved if isinstance(saved, dict) else {}
    html, short = _raw(answer.get("content")), _raw(answer.get("excerpt"))
    html = html if html is not None else str(sent["content"])
    short = short if short is not None else str(sent["excerpt"])
    source = {**post.source, MARK: mark(post.body, post.excerpt)}
    return dataclasses.replace(post, html=html, excerpt_html=short, source=source)


def title_for_site(post: Post) -> str:
    """The title to send: the site's own (markup kept) while its text is unchanged here."""
    kept = post.source.get("wp_title", "")
    return kept if kept and title_text(kept) == post.title else post.title


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


def _raw(value: Any) -> str | None:
    raw = value.get("raw") if isinstance(value, dict) else None
    return raw if isinstance(raw, str) else None


def gmt(wp: dict[str, Any], key: str) -> str:
    value = wp.get(f"{key}_gmt") or ""
    if value:
        return f"{str(value)[:19]}+00:00"
    return str(wp.get(key) or "")[:19]


def ids_of(wp: dict[str, Any], key: str) -> list[int]:
    return [int(i) for i in wp.get(key) or [] if isinstance(i, int) or str(i).isdigit()]


def to_post(
    wp: dict[str, Any],
    local_id: str,
    existing: Post | None,
    users: dict[int, str],
    terms: TermNames,
) -> Post:
    """A Post for a WordPress post or page (keeping local-only facts of `existing`)."""
    raw_title = _text(wp.get("title"), rendered_is_html=False)
    title = title_text(raw_title)
    body, excerpt, site, site_excerpt_html = content_from_site(wp)
    author = users.get(int(wp.get("author") or 0), "")
    if not author and existing is not None:
        author = existing.author
    rating = parse_rating(body)
    if rating is None and existing is not None:
        rating = existing.rating
    slug = safe_slug(slug_text(str(wp.get("slug") or wp.get("generated_slug") or "")))
    slug = slug or slugify(title)
    categories, tags = ids_of(wp, "categories"), ids_of(wp, "tags")
    source = dict(existing.source) if existing is not None else {}
    content = wp.get("content")
    protected = bool(wp.get("password")) or (
        isinstance(content, dict) and bool(content.get("protected"))
    )
    source.update(
        {
            "wp": str(wp["id"]),
            "wp_modified": str(wp.get("modified_gmt") or wp.get("modified") or ""),
            "wp_link": str(wp.get("link") or ""),
            "wp_title": raw_title if raw_title != title else "",
            "wp_protected": "1" if protected else "",
            "wp_categories": ",".join(map(str, categories)),
            "wp_tags": ",".join(map(str, tags)),
        }
    )
    source.pop("wp_error", None)
    source.pop("wp_gone", None)  # listed again: back on the site
    post = Post(
        id=local_id,
        slug=slug,
        title=title,
        author=author,
        date=gmt(wp, "date"),
        modified=gmt(wp, "modified"),
        status=POST_STATUS_FROM_WP.get(str(wp.get("status")), "draft"),
        categories=[terms.category(i) for i in categories if terms.category(i)],
        tags=[terms.tag(i) for i in tags if terms.tag(i)],
        excerpt=excerpt,
        body=body,
        rating=rating,
        film=existing.film if existing is not None else Film(),
        sticky=bool(wp.get("sticky", False)),
        kind="page" if wp.get("type") == "page" else "post",
        source={k: v for k, v in source.items() if v != "" and k != MARK},
        html=site,
        excerpt_html=site_excerpt_html,
    )
    if site or site_excerpt_html:
        post.source[MARK] = mark(body, excerpt)
    post.source["wp_hash"] = post_hash(post)
    return post


def post_version(post: Post) -> dict[str, str]:
    """The parts of a post a person compares in a conflict, and its site text (SITE_TEXT:
    kept to be restored exactly, not shown)."""
    return {
        "title": post.title,
        "status": post.status,
        "modified": post.modified,
        "excerpt": post.excerpt,
        "body": post.body,
        "html": post.html,
        "excerpt_html": post.excerpt_html,
    }


def with_source(post: Post, **changes: str) -> Post:
    source = {**post.source, **changes}
    return dataclasses.replace(post, source={k: v for k, v in source.items() if v != ""})


def comment_status(wp: dict[str, Any]) -> CommentStatus:
    return COMMENT_STATUS_FROM_WP.get(str(wp.get("status")), "pending")


def to_comment(wp: dict[str, Any], local_id: str, post_id: str, parent_id: str | None) -> Comment:
    kind = str(wp.get("type") or "comment")
    return Comment(
        id=local_id,
        post_id=post_id,
        parent_id=parent_id,
        author=str(wp.get("author_name") or ""),
        email=str(wp.get("author_email") or ""),
        url=str(wp.get("author_url") or ""),
        date=gmt(wp, "date"),
        body=html_to_markdown(_text(wp.get("content"), rendered_is_html=False)),
        status=comment_status(wp),
        kind=kind if kind in COMMENT_KINDS else "comment",
        origin="imported",
        remote_id=str(wp["id"]),
        source={"wp": str(wp["id"])},
    )
