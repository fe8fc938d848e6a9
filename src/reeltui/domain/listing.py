"""What the post list shows of a post: its summary, the one declaration of the list's fields.

The store keeps a summary of every post in its posts index (read at open); the post itself,
with its body and comments, lives in the post's own file, read when the post is opened. A
field of `Post` named here is copied into the summary; every other field (a new one by
default) stays in the post's file only. The figures (comments, readers, pending, queued,
words) are counted when the post or one of its comments is saved or imported; `readers` (the
readers' comments, `domain.readers`) with the blog's own people the store was last told of.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from reeltui.domain.models import Comment, Film, Post
from reeltui.domain.readers import NOBODY, OwnPeople, is_readers_comment
from reeltui.domain.text import word_count
from reeltui.domain.vocab import PostKind, PostStatus


@dataclass(slots=True, eq=False)
class PostSummary:
    """A post as the list shows it. Attribute names match `Post` where they are the same."""

    id: str
    slug: str = ""
    title: str = ""
    author: str = ""
    date: str = ""
    modified: str = ""
    status: PostStatus = "draft"
    rating: float | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sticky: bool = False
    kind: PostKind = "post"  # "page": the site's pages
    source: dict[str, str] = field(default_factory=dict)
    excerpt: str = ""
    film: Film = field(default_factory=Film)
    # figures, counted at save and import
    comments: int = 0  # every comment the post has, whatever its status
    readers: int = 0  # readers' comments (domain.readers): the count the list shows
    pending: int = 0  # comments waiting for moderation
    queued: int = 0  # local replies waiting in the outbox
    words: int = 0  # words of the body

    def to_row(self) -> dict[str, Any]:
        """The summary as stored in the posts index (the id is the row's key)."""
        row = {name: getattr(self, name) for name in ROW_FIELDS}
        row["film"] = dataclasses.asdict(self.film)
        return row

    def to_dict(self) -> dict[str, Any]:
        """The post's fields the summary holds (every one but the body and the site's
        text), as `Post.to_dict` names them."""
        data = {name: _copy(getattr(self, name)) for name in ("id", *COPIED)}
        data["film"] = dataclasses.asdict(self.film)
        return data

    def key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in ROW_FIELDS)


# What reads only the list's fields takes: a post, whole or as the list shows it.
Listed: TypeAlias = Post | PostSummary

ROW_FIELDS = tuple(f.name for f in dataclasses.fields(PostSummary) if f.name != "id")
POST_FIELDS = tuple(f.name for f in dataclasses.fields(Post))
COPIED = tuple(name for name in ROW_FIELDS if name in POST_FIELDS)
COUNTED = tuple(name for name in ROW_FIELDS if name not in POST_FIELDS)


def figures(comments: Iterable[Comment], own: OwnPeople = NOBODY) -> tuple[int, int, int, int]:
    """(comments, readers' comments, pending, queued) of a post's comments."""
    total = readers = pending = queued = 0
    for comment in comments:
        total += 1
        readers += is_readers_comment(comment, own)
        pending += comment.status == "pending"
        queued += comment.sync_state == "queued"
    return total, readers, pending, queued


def summarize(
    post: Post, comments: Iterable[Comment], words: int | None = None, own: OwnPeople = NOBODY
) -> PostSummary:
    """The summary of `post` with its comments (`words`: the body's count, when known;
    `own`: the blog's own people, left out of the readers' comments)."""
    total, readers, pending, queued = figures(comments, own)
    values = {name: _copy(getattr(post, name)) for name in COPIED}
    return PostSummary(
        id=post.id,
        **values,
        comments=total,
        readers=readers,
        pending=pending,
        queued=queued,
        words=word_count(post.body) if words is None else words,
    )


def summarize_docs(
    post_id: str,
    post: dict[str, Any],
    comments: Iterable[dict[str, Any]],
    words: int | None = None,
    own: OwnPeople = NOBODY,
) -> PostSummary:
    """`summarize` from stored documents already checked by the gate (no objects built);
    `words`: the body's count when known."""
    total = readers = pending = queued = 0
    for doc in comments:
        total += 1
        readers += is_readers_comment(doc, own)
        pending += doc.get("status", "approved") == "pending"
        queued += doc.get("sync_state") == "queued"
    values = {name: _copy(post[name]) for name in COPIED if name in post}
    if isinstance(values.get("film"), dict):
        film = values["film"]
        values["film"] = Film(**{k: v for k, v in film.items() if k in _FILM})
    if words is None:
        words = word_count(post.get("body", ""))
    return PostSummary(
        post_id,
        **values,
        comments=total,
        readers=readers,
        pending=pending,
        queued=queued,
        words=words,
    )


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, Film):
        return Film(value.title, value.year, value.director, list(value.cast))
    return value


def from_row(post_id: str, row: dict[str, Any]) -> PostSummary:
    """A summary from a stored row already checked by the gate (unknown fields are ignored)."""
    film = row.get("film")
    if isinstance(film, dict):
        row = {**row, "film": Film(**{k: v for k, v in film.items() if k in _FILM})}
    try:
        return PostSummary(post_id, **row)
    except TypeError:  # a field this version does not know
        return PostSummary(post_id, **{k: v for k, v in row.items() if k in _ROW_SET})


_ROW_SET = frozenset(ROW_FIELDS)
_FILM = frozenset(f.name for f in dataclasses.fields(Film))
