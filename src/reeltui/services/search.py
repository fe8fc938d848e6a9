"""Search as you type over a whole archive: posts (for the list filter) and comments.

The text of every post and comment is folded once (`domain.text.fold`: case, accents,
quotes, dashes) into a `TextIndex` (built on the first
search, kept up to date by the Blog as records are saved) so a keystroke costs a few C-level
scans instead of casefolding and scanning 200,000 Python strings. Results of recent queries
are remembered, and a query that extends the previous one (typing one more letter) only
re-checks the previous matches.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reeltui.domain.models import Comment, Post
from reeltui.domain.text import fold
from reeltui.services.textindex import TextIndex

if TYPE_CHECKING:
    from reeltui.services.blog import Blog

COMMENT_LIMIT = 200  # comment hits returned by default (newest first)
_REMEMBERED = 32


def post_text(post: Post) -> str:
    """What the post filter matches: the same fields as `Blog.rows(search=...)` always did."""
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


def comment_text(doc: Mapping[str, Any]) -> str:
    """What the comment search matches: author and body."""
    return f"{doc.get('author', '')}\x00{doc.get('body', '')}"


class SearchIndex:
    """The posts and comments of one Blog, searchable by substring (folded: see `fold`)."""

    def __init__(self, posts: Mapping[str, Post], comments: Mapping[str, Mapping[str, Any]]):
        self.posts = TextIndex((pid, post_text(p)) for pid, p in posts.items())
        self.comments = TextIndex((cid, comment_text(d)) for cid, d in comments.items())
        self._post_hits: OrderedDict[str, set[str]] = OrderedDict()
        self._last_post_query = ""
        # the last comment query: (folded query, ids newest first, complete?, limit)
        self._last_comments: tuple[str, list[str], bool, int | None] | None = None

    # -- kept up to date by the Blog -----------------------------------------------------

    def post_saved(self, post: Post) -> None:
        self.posts.set(post.id, post_text(post))
        self._post_hits.clear()

    def comment_saved(self, comment: Comment) -> None:
        self.comments.set(comment.id, f"{comment.author}\x00{comment.body}")
        self._last_comments = None

    def comment_deleted(self, comment_id: str) -> None:
        self.comments.remove(comment_id)
        self._last_comments = None

    def forget(self) -> None:
        """Drop remembered query results (the index itself stays)."""
        self._post_hits.clear()
        self._last_post_query = ""
        self._last_comments = None

    # -- queries -------------------------------------------------------------------------

    def post_ids(self, query: str) -> set[str]:
        """Ids of the posts matching `query` (remembered: typing and deleting a letter is free)."""
        key = fold(query)
        hits = self._post_hits.get(key)
        if hits is not None:
            self._post_hits.move_to_end(key)
            return hits
        previous = self._post_hits.get(self._last_post_query)
        if previous is not None and self._last_post_query and key.startswith(self._last_post_query):
            hits = set(self.posts.search_within(key, previous))
        else:
            hits = set(self.posts.search(key))
        self._post_hits[key] = hits
        self._last_post_query = key
        while len(self._post_hits) > _REMEMBERED:
            self._post_hits.popitem(last=False)
        return hits

    def comment_ids(self, query: str, limit: int | None = COMMENT_LIMIT) -> list[str]:
        """Ids of the newest comments matching `query`, at most `limit` of them.

        When the previous query's answer was complete (fewer hits than its limit) and this
        query extends it (one more letter typed), only those hits are checked again.
        """
        key = fold(query)
        last = self._last_comments
        if (
            last is not None
            and last[0]
            and key.startswith(last[0])
            and last[2]
            and (limit is None or last[3] is None or last[3] >= limit)
        ):
            found = self.comments.search_within(key, last[1])
        else:
            found = self.comments.search(
                key, limit=None if limit is None else limit + 1, newest_first=True
            )
        complete = limit is None or len(found) <= limit
        found = found[:limit]
        self._last_comments = (key, found, complete, limit)
        return found


def search_comments(blog: Blog, query: str, limit: int | None = COMMENT_LIMIT) -> list[Comment]:
    """Comments whose author or body contains `query` (case-insensitive), newest first
    (the reverse of store order: imports are chronological, local replies come last),
    at most `limit` of them (None: all)."""
    if not query:
        return []
    return [blog.comment(cid) for cid in blog.search_index().comment_ids(query, limit)]
