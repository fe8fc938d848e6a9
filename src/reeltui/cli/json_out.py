"""The JSON objects the sub-commands print, documented field by field in docs/cli-json.md
(a test checks the document against real output).

A post or a comment is its whole record (every field of `reeltui.domain.models`), with a few
figures added; `print_json` strips terminal controls from every text.
"""

from __future__ import annotations

from typing import Any

from reeltui.domain.models import Comment, Post
from reeltui.services import PostRow


def post_json(row: PostRow, *, body: bool) -> dict[str, Any]:
    """Every field of the post (the body only when `body`: lists leave it out), and its
    comment, pending comment and word counts."""
    data = row.post.to_dict()
    if not body:
        for key in ("body", "html", "excerpt_html"):
            data.pop(key, None)  # a row of the list (its summary) has none of them
    data["comment_count"] = row.comment_count
    data["pending_count"] = row.pending_count
    data["word_count"] = row.word_count
    return data


def comment_json(comment: Comment, depth: int | None = None) -> dict[str, Any]:
    """Every field of the comment (its sync state and origin tell a queued reply from a
    reader's comment), and its depth in the thread when given."""
    data = comment.to_dict()
    if depth is not None:
        data["depth"] = depth
    return data


def post_ref(post: Post | None) -> dict[str, Any] | None:
    """The post a comment is on, as lists of comments name it."""
    return None if post is None else {"id": post.id, "slug": post.slug, "title": post.title}
