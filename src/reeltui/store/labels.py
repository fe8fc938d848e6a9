"""How check and repair name a record to a user: a post by its id, title and slug; a comment by
its id, author and the post it is under; anything else by its table and id.

The record may be the damaged one: every field is used only when it has the right type, and
texts are cut (a label is one short line, whatever a hand edit put in the file).
"""

from __future__ import annotations

from typing import Any

from reeltui.store.layout import COMMENTS, POST

LONGEST = 60  # characters of a title or a name shown in a label


def _text(doc: Any, name: str) -> str:
    value = doc.get(name) if isinstance(doc, dict) else None
    if not isinstance(value, str) or not value.strip():
        return ""
    value = " ".join(value.split())
    return value if len(value) <= LONGEST else value[: LONGEST - 1] + "…"


def post_label(post_id: str, doc: Any) -> str:
    """`post 'p-1' "Her" (slug her)`: what a user recognises a post by."""
    parts = [f"post {post_id!r}"]
    title, slug = _text(doc, "title"), _text(doc, "slug")
    if title:
        parts.append(f'"{title}"')
    if slug:
        parts.append(f"(slug {slug})")
    return " ".join(parts)


def comment_label(comment_id: str, doc: Any, posts: dict[str, Any]) -> str:
    """`comment 'c-1' by Ann on post 'p-1' "Her" (slug her)`."""
    parts = [f"comment {comment_id!r}"]
    author = _text(doc, "author")
    if author:
        parts.append(f"by {author}")
    post_id = doc.get("post_id") if isinstance(doc, dict) else None
    if isinstance(post_id, str) and post_id:
        parts.append(f"on {post_label(post_id, posts.get(post_id))}")
    return " ".join(parts)


def record_label(table: str, record: str, data: dict[str, dict[str, Any]]) -> str:
    """The label of record `record` of `table` in a file's `data` ("" : no better name than
    its table and id)."""
    records = data.get(table)
    doc = records.get(record) if isinstance(records, dict) else None
    if table == POST.name:
        return post_label(record, doc)
    if table == COMMENTS.name:
        posts = data.get(POST.name)
        return comment_label(record, doc, posts if isinstance(posts, dict) else {})
    return ""
