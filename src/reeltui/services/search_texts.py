"""What a post's search matches: the text indexed of a stored post (`doc_text`) or of a post
(`post_text`), and of its summary (`summary_text`: known at once, before the text index
answers). Every field of a summary's text is in its post's text: a writer's search relies on
it (services/search_words.py: the summaries of the posts indexed are not searched again)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Post
from reeltui.store.searchcache import Names


def doc_text(doc: Mapping[str, Any]) -> str:
    """What the post filter matches in a stored post: the same fields as always."""
    film = doc.get("film") or {}
    return "\x00".join(
        (
            doc.get("title", ""),
            doc.get("author", ""),
            doc.get("body", ""),
            film.get("title", ""),
            film.get("director", ""),
            *doc.get("categories", ()),
            *doc.get("tags", ()),
            *film.get("cast", ()),
        )
    )


def post_text(post: Post) -> str:
    film = post.film
    return "\x00".join(
        (
            post.title,
            post.author,
            post.body,
            film.title,
            film.director,
            *post.categories,
            *post.tags,
            *film.cast,
        )
    )


def commenters(comments: Mapping[str, Mapping[str, Any]]) -> Names:
    """Name -> comments, of a post's stored comments (every status)."""
    found: dict[str, int] = {}
    for doc in comments.values():
        name = doc.get("author") or ""
        if isinstance(name, str) and name:
            found[name] = found.get(name, 0) + 1
    return found


def summary_text(summary: PostSummary) -> str:
    """What the summary filter matches (known at once, before the text index answers)."""
    return "\x00".join((summary.title, summary.author, *summary.categories, *summary.tags))
