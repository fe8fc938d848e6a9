"""The JSON objects the sub-commands print, documented field by field in docs/cli-json.md
(a test checks the document against real output).

A post or a comment is its whole record (every field of `reeltui.domain.models`), with a few
figures added; `print_json` strips terminal controls from every text.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from reeltui.domain.listing import COPIED, PostSummary
from reeltui.domain.models import Comment, Film, Post
from reeltui.services import PostRow

_SUMMARY = ("id", *COPIED)
_FILM = tuple(f.name for f in dataclasses.fields(Film))


def post_json(row: PostRow, *, body: bool) -> dict[str, Any]:
    """Every field of the post (the body only when `body`: lists leave it out), and its
    comment, pending comment and word counts."""
    post = row.post
    data = _summary_json(post) if isinstance(post, PostSummary) else post.to_dict()
    if not body:
        for key in ("body", "html", "excerpt_html"):
            data.pop(key, None)  # a row of the list (its summary) has none of them
    data["comment_count"] = row.comment_count
    data["pending_count"] = row.pending_count
    data["word_count"] = row.word_count
    return data


def _summary_json(summary: PostSummary) -> dict[str, Any]:
    """`summary.to_dict()` without its copies: printed at once, never changed (a long list
    spent a third of its time copying)."""
    data = {name: getattr(summary, name) for name in _SUMMARY}
    film = summary.film
    data["film"] = {name: getattr(film, name) for name in _FILM}
    return data


def comment_json(comment: Comment, depth: int | None = None) -> dict[str, Any]:
    """Every field of the comment (its sync state and origin tell a queued reply from a
    reader's comment), and its depth in the thread when given."""
    data = comment.to_dict()
    if depth is not None:
        data["depth"] = depth
    return data


def post_ref(post: Post | PostSummary | None) -> dict[str, Any] | None:
    """The post a comment is on, as lists of comments name it."""
    return None if post is None else {"id": post.id, "slug": post.slug, "title": post.title}
