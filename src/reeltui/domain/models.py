"""Posts and comments of a film blog."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

from reeltui.domain.vocab import (
    COMMENT_KINDS,
    COMMENT_ORIGINS,
    COMMENT_STATUSES,
    MODERATION_ACTIONS,
    OUTBOX_STATES,
    POST_KINDS,
    POST_STATUSES,
    SYNC_STATES,
    CommentKind,
    CommentOrigin,
    CommentStatus,
    PostKind,
    PostStatus,
    SyncState,
)
from reeltui.errors import ReelError

__all__ = [  # the vocabularies, where they were always imported from
    "COMMENT_KINDS",
    "COMMENT_ORIGINS",
    "COMMENT_STATUSES",
    "MODERATION_ACTIONS",
    "OUTBOX_STATES",
    "POST_KINDS",
    "POST_STATUSES",
    "SITE_TEXT",
    "SYNC_STATES",
    "Comment",
    "DomainError",
    "Film",
    "Post",
    "member",
    "thread_order",
]

SITE_TEXT = ("html", "excerpt_html")  # the fields of a Post holding the site's own text
T = TypeVar("T", bound=str)


class DomainError(ReelError, ValueError):
    """A value that breaks a rule of the domain (bad status, bad rating...)."""


def member(choices: tuple[T, ...], value: object, what: str) -> T:
    """`value` as one of `choices` (a vocabulary of `domain.vocab`), typed as its `Literal`;
    anything else is refused with one line naming `what` and the words allowed."""
    for choice in choices:
        if choice == value:
            return choice
    raise DomainError(f"unknown {what} {value!r}; use one of {', '.join(choices)}")


@dataclass(slots=True)
class Film:
    title: str = ""
    year: int | None = None
    director: str = ""
    cast: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.title or self.year or self.director or self.cast)


_FILM_FIELDS = frozenset(f.name for f in fields(Film))


@dataclass(slots=True)
class Post:
    id: str
    slug: str
    title: str
    author: str = ""
    date: str = ""  # ISO 8601
    modified: str = ""
    status: PostStatus = "draft"
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    excerpt: str = ""
    body: str = ""  # Markdown
    rating: float | None = None
    film: Film = field(default_factory=Film)
    sticky: bool = False
    kind: PostKind = "post"
    source: dict[str, str] = field(default_factory=dict)  # e.g. {"wxr": "12", "wp": "http://..#12"}
    # The site's text as it came (WXR content:encoded / REST content.raw; the excerpt likewise):
    # `body` and `excerpt` are Markdown views of it, and a save changes only what was edited.
    # "" = none kept (a post written here): it is sent as blocks made from the Markdown.
    html: str = ""
    excerpt_html: str = ""

    def __post_init__(self) -> None:
        if self.status not in POST_STATUSES:
            raise DomainError(f"unknown post status {self.status!r}")
        if self.kind not in POST_KINDS:
            raise DomainError(f"unknown post kind {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        film = values.get("film") or {}
        if not isinstance(film, Film):  # unknown fields ignored, as a post's are
            if not isinstance(film, dict):
                raise TypeError(f"film must be an object, not {type(film).__name__}")
            film = Film(**{k: v for k, v in film.items() if k in _FILM_FIELDS})
        values["film"] = film
        return cls(**values)


@dataclass(slots=True)
class Comment:
    id: str
    post_id: str
    parent_id: str | None = None
    author: str = ""
    email: str = ""
    url: str = ""
    date: str = ""
    body: str = ""
    status: CommentStatus = "approved"
    kind: CommentKind = "comment"
    origin: CommentOrigin = "imported"
    sync_state: SyncState | None = None  # None for imported comments
    sync_error: str = ""
    remote_id: str = ""
    source: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in COMMENT_STATUSES:
            raise DomainError(f"unknown comment status {self.status!r}")
        if self.kind not in COMMENT_KINDS:
            raise DomainError(f"unknown comment kind {self.kind!r}")
        if self.origin not in COMMENT_ORIGINS:
            raise DomainError(f"unknown comment origin {self.origin!r}")
        if self.sync_state is not None and self.sync_state not in SYNC_STATES:
            raise DomainError(f"unknown sync state {self.sync_state!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comment:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def thread_order(comments: list[Comment]) -> list[tuple[Comment, int]]:
    """Comments in reading order (parents before children, siblings by date) with depth (1 = top).

    Comments whose parent is missing are treated as top level, so nothing is ever hidden.
    """
    ids = {c.id for c in comments}
    children: dict[str | None, list[Comment]] = {}
    for c in comments:
        parent = c.parent_id if c.parent_id in ids and c.parent_id != c.id else None
        children.setdefault(parent, []).append(c)
    for siblings in children.values():
        siblings.sort(key=lambda c: (c.date, c.id))
    out: list[tuple[Comment, int]] = []
    seen: set[str] = set()
    stack: list[tuple[Comment, int]] = [(c, 1) for c in reversed(children.get(None, []))]
    while stack:
        comment, depth = stack.pop()
        if comment.id in seen:
            continue
        seen.add(comment.id)
        out.append((comment, depth))
        for child in reversed(children.get(comment.id, [])):
            stack.append((child, depth + 1))
    # Cycles (a -> b -> a) have no root: show them at top level rather than drop them.
    for c in comments:
        if c.id not in seen:
            seen.add(c.id)
            out.append((c, 1))
    return out
