"""The blog as the UI and the CLI see it: posts, comments, counts, search."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reeltui.domain.models import Comment, Post, thread_order
from reeltui.domain.text import word_count
from reeltui.store import NotFound, Store, records

SORT_KEYS = ("date", "rating", "comments", "title")


@dataclass(frozen=True, slots=True)
class PostRow:
    """A post with the figures a list shows next to it."""

    post: Post
    comment_count: int
    word_count: int
    pending_count: int = 0


@dataclass(frozen=True, slots=True)
class Counts:
    posts: int
    drafts: int
    pending_comments: int
    queued_replies: int


class Blog:
    """Use cases over one open store. Keeps in-memory indexes; writes go through it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._posts: dict[str, Post] | None = None
        self._comments: dict[str, Comment] | None = None
        self._words: dict[str, tuple[str, int]] = {}

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        self.store.close()

    # -- indexes -------------------------------------------------------------------------

    def _post_index(self) -> dict[str, Post]:
        if self._posts is None:
            self._posts = {p.id: p for p in records.all_posts(self.store)}
        return self._posts

    def _comment_index(self) -> dict[str, Comment]:
        if self._comments is None:
            self._comments = {c.id: c for c in records.all_comments(self.store)}
        return self._comments

    def invalidate(self) -> None:
        """Forget cached records (after a bulk change made directly on the store)."""
        self._posts = None
        self._comments = None

    # -- posts ---------------------------------------------------------------------------

    def posts(self) -> list[Post]:
        return list(self._post_index().values())

    def post(self, post_id: str) -> Post:
        try:
            return self._post_index()[post_id]
        except KeyError:
            raise NotFound(f"no post with id {post_id!r}") from None

    def post_by_slug(self, slug: str) -> Post:
        for post in self._post_index().values():
            if post.slug == slug:
                return post
        raise NotFound(f"no post with slug {slug!r} in {self.path}")

    def word_count(self, post: Post) -> int:
        cached = self._words.get(post.id)
        if cached is not None and cached[0] == post.body:
            return cached[1]
        count = word_count(post.body)
        self._words[post.id] = (post.body, count)
        return count

    def rows(
        self,
        *,
        status: str | None = None,
        search: str | None = None,
        category: str | None = None,
        tag: str | None = None,
        author: str | None = None,
        sort: str = "date",
        reverse: bool | None = None,
    ) -> list[PostRow]:
        """Posts matching every given filter, sorted (newest, best, most discussed first)."""
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        per_post = Counter(c.post_id for c in self._comment_index().values())
        pending = Counter(
            c.post_id for c in self._comment_index().values() if c.status == "pending"
        )
        needle = search.casefold() if search else ""
        rows = []
        for post in self._post_index().values():
            if status and post.status != status:
                continue
            if category and category.casefold() not in (c.casefold() for c in post.categories):
                continue
            if tag and tag.casefold() not in (t.casefold() for t in post.tags):
                continue
            if author and post.author.casefold() != author.casefold():
                continue
            if needle and not _matches(post, needle):
                continue
            rows.append(PostRow(post, per_post[post.id], self.word_count(post), pending[post.id]))
        keys = {
            "date": lambda r: (r.post.date, r.post.title),
            "rating": lambda r: (r.post.rating if r.post.rating is not None else -1, r.post.date),
            "comments": lambda r: (r.comment_count, r.post.date),
            "title": lambda r: r.post.title.casefold(),
        }
        descending = sort != "title" if reverse is None else reverse
        rows.sort(key=keys[sort], reverse=descending)
        return rows

    def save_post(self, post: Post) -> None:
        records.put_post(self.store, post)
        self._post_index()[post.id] = post

    # -- comments ------------------------------------------------------------------------

    def comments(self, post_id: str) -> list[Comment]:
        return [c for c in self._comment_index().values() if c.post_id == post_id]

    def thread(self, post_id: str) -> list[tuple[Comment, int]]:
        """The post's comments in reading order with their depth (1 = top level)."""
        return thread_order(self.comments(post_id))

    def all_comments(self) -> list[Comment]:
        return list(self._comment_index().values())

    def comment(self, comment_id: str) -> Comment:
        try:
            return self._comment_index()[comment_id]
        except KeyError:
            raise NotFound(f"no comment with id {comment_id!r}") from None

    def save_comment(self, comment: Comment) -> None:
        records.put_comment(self.store, comment)
        self._comment_index()[comment.id] = comment

    def delete_comment(self, comment_id: str) -> None:
        records.delete_comment(self.store, comment_id)
        self._comment_index().pop(comment_id, None)

    # -- figures -------------------------------------------------------------------------

    def counts(self) -> Counts:
        posts = self._post_index().values()
        comments = self._comment_index().values()
        return Counts(
            posts=len(posts),
            drafts=sum(1 for p in posts if p.status == "draft"),
            pending_comments=sum(1 for c in comments if c.status == "pending"),
            queued_replies=sum(1 for c in comments if c.sync_state == "queued"),
        )


def _matches(post: Post, needle: str) -> bool:
    return any(
        needle in field.casefold()
        for field in (post.title, post.author, post.body, post.film.title, post.film.director)
    ) or any(needle in x.casefold() for x in (*post.categories, *post.tags, *post.film.cast))
