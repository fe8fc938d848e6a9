"""The blog as the UI and the CLI see it: posts, comments, counts, search."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from reeltui.domain.models import Comment, Post, thread_order
from reeltui.domain.readers import OwnPeople
from reeltui.domain.text import word_count
from reeltui.domain.titles import same_slug
from reeltui.errors import InputError
from reeltui.services import events
from reeltui.services.commentindex import CommentIndex, facts
from reeltui.services.people import of_posts
from reeltui.services.search import SearchIndex
from reeltui.store import NotFound, Store, StoreError, records
from reeltui.store import diary as diary_records

SORT_KEYS = ("date", "rating", "comments", "title")
UNDATED = "\uffff"  # a post without a date (a new draft) sorts as the newest


class PostRow:
    """A post with the figures a list shows next to it.

    `word_count` may be given as None: it is then counted on first access (counting the
    words of 10,000 bodies takes seconds, and a list shows only the rows on screen).
    """

    __slots__ = ("_words", "comment_count", "pending_count", "post")

    def __init__(
        self, post: Post, comment_count: int, word_count: int | None, pending_count: int = 0
    ) -> None:
        self.post = post
        self.comment_count = comment_count
        self.pending_count = pending_count
        self._words = word_count

    @property
    def word_count(self) -> int:
        if self._words is None:
            self._words = word_count(self.post.body)
        return self._words

    def _key(self) -> tuple[Post, int, int, int]:
        return (self.post, self.comment_count, self.word_count, self.pending_count)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PostRow) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # rows hold mutable posts

    def __repr__(self) -> str:
        return (
            f"PostRow(post={self.post.id!r}, comment_count={self.comment_count}, "
            f"word_count={self._words}, pending_count={self.pending_count})"
        )


@dataclass(frozen=True, slots=True)
class Counts:
    posts: int
    drafts: int
    pending_comments: int
    queued_replies: int
    diary_entries: int = 0  # films in the diary (store/diary.py)


class Blog:
    """Use cases over one open store. Keeps in-memory indexes; writes go through it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._posts: dict[str, Post] | None = None
        self._comments: dict[str, Comment] = {}  # built on demand (200,000 take seconds)
        self._all_comments = False
        self._comment_ids: CommentIndex | None = None
        self._search: SearchIndex | None = None
        # Sorted rows per filter set, so a search keystroke only filters them. Any method
        # that changes a post or a comment must clear this (save_*, delete_*, invalidate).
        self._rows: dict[tuple[str | bool | None, ...], list[PostRow]] = {}
        self._words: dict[str, tuple[str, int]] = {}
        self.signers: Callable[[], OwnPeople] = OwnPeople  # who else signs as the blog: people.py

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Blog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # the lock is released however the block ends

    @contextlib.contextmanager
    def held(self) -> Iterator[Callable[[], None]]:
        """Changes made inside stay in memory until the yielded `flush` writes them (from a
        background thread, so a screen never waits on the disk; see `Store.held`). A flush
        that fails drops this blog's caches: it shows what is on disk again."""
        with self.store.held() as flush:

            def guarded() -> None:
                try:
                    flush()
                except StoreError:
                    self.invalidate()
                    raise

            yield guarded

    # -- indexes -------------------------------------------------------------------------

    def _post_index(self) -> dict[str, Post]:
        if self._posts is None:
            self._posts = {p.id: p for p in records.all_posts(self.store)}
        return self._posts

    def _comment_index(self) -> dict[str, Comment]:
        """Every comment as an object (slow on a big archive: prefer `_per_post`)."""
        if not self._all_comments:
            for comment in records.all_comments(self.store):
                self._comments.setdefault(comment.id, comment)
            self._all_comments = True
        return self._comments

    def _per_post(self) -> CommentIndex:
        """Comment ids per post and pending/queued figures, from the raw documents."""
        if self._comment_ids is None:
            self._comment_ids = CommentIndex(records.raw_comments(self.store))
        return self._comment_ids

    def search_index(self) -> SearchIndex:
        """The casefolded text of every post and comment (built on the first search)."""
        if self._search is None:
            self._search = SearchIndex(self._post_index(), records.raw_comments(self.store))
        return self._search

    def invalidate(self) -> None:
        """Forget cached records (after a bulk change made directly on the store)."""
        self._posts = None
        self._comments = {}
        self._all_comments = False
        self._comment_ids = None
        self._search = None
        self._rows.clear()
        events.changed(self, "all")

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
            if same_slug(post.slug, slug):  # `café` or `caf%c3%a9`
                return post
        raise NotFound(f"no post with slug {slug!r} in {self.path}")

    def word_count(self, post: Post) -> int:
        cached = self._words.get(post.id)
        if cached is not None and cached[0] == post.body:
            return cached[1]
        count = word_count(post.body)
        self._words[post.id] = (post.body, count)
        return count

    def _known_words(self, post: Post) -> int | None:
        cached = self._words.get(post.id)
        return cached[1] if cached is not None and cached[0] is post.body else None

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
            raise InputError(f"unknown sort {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        key = (status, category, tag, author, sort, reverse)
        rows = self._rows.get(key)
        if rows is None:
            rows = self._sorted_rows(status, category, tag, author, sort, reverse)
            if len(self._rows) >= 8:
                self._rows.clear()
            self._rows[key] = rows
        if not search:
            return list(rows)
        # A keystroke in the search box: filter the sorted rows by the search index's answer.
        matching = self.search_index().post_ids(search)
        return [row for row in rows if row.post.id in matching]

    def _sorted_rows(
        self,
        status: str | None,
        category: str | None,
        tag: str | None,
        author: str | None,
        sort: str,
        reverse: bool | None,
    ) -> list[PostRow]:
        index = self._per_post()
        pending, own = index.pending, of_posts(self._post_index().values(), self.signers())
        rows = []
        for post in self._post_index().values():
            if status == "pages" and post.kind != "page":
                continue  # "pages": the site's pages, whatever their status
            if status and status != "pages" and post.status != status:
                continue
            if category and category.casefold() not in (c.casefold() for c in post.categories):
                continue
            if tag and tag.casefold() not in (t.casefold() for t in post.tags):
                continue
            if author and post.author.casefold() != author.casefold():
                continue
            count = index.readers(post.id, own)  # readers' comments (domain/readers.py)
            rows.append(PostRow(post, count, self._known_words(post), pending[post.id]))
        keys = {
            "date": lambda r: (r.post.date or UNDATED, r.post.title),  # drafts: newest
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
        self._rows.clear()
        if self._search is not None:
            self._search.post_saved(post)
        events.changed(self, "post", post.id)

    # -- comments ------------------------------------------------------------------------

    def comment_ids(self, post_id: str) -> list[str]:
        return self._per_post().ids(post_id)

    def comments(self, post_id: str) -> list[Comment]:
        return [self.comment(cid) for cid in self._per_post().ids(post_id)]

    def thread(self, post_id: str) -> list[tuple[Comment, int]]:
        """The post's comments in reading order with their depth (1 = top level)."""
        return thread_order(self.comments(post_id))

    def all_comments(self) -> list[Comment]:
        return list(self._comment_index().values())

    def comment(self, comment_id: str) -> Comment:
        found = self._comments.get(comment_id)
        if found is None:
            if self._all_comments:
                raise NotFound(f"no comment with id {comment_id!r}")
            found = self._comments[comment_id] = records.get_comment(self.store, comment_id)
        return found

    def save_comment(self, comment: Comment) -> None:
        old = facts(records.raw_comments(self.store).get(comment.id))
        records.put_comment(self.store, comment)
        self._comments[comment.id] = comment
        self._rows.clear()
        if self._comment_ids is not None:
            self._comment_ids.put(comment.id, old, facts(comment))
        if self._search is not None:
            self._search.comment_saved(comment)
        events.changed(self, "comment", comment.id)

    def delete_comment(self, comment_id: str) -> None:
        old = facts(records.raw_comments(self.store).get(comment_id))
        records.delete_comment(self.store, comment_id)
        self._comments.pop(comment_id, None)
        self._rows.clear()
        if self._comment_ids is not None:
            self._comment_ids.drop(comment_id, old)
        if self._search is not None:
            self._search.comment_deleted(comment_id)
        events.changed(self, "comment", comment_id)

    # -- figures -------------------------------------------------------------------------

    def queued_counts(self) -> Mapping[str, int]:
        """Replies waiting in the outbox, per post id."""
        return self._per_post().queued

    def counts(self) -> Counts:
        posts = self._post_index().values()
        index = self._per_post()
        return Counts(
            posts=len(posts),
            drafts=sum(1 for p in posts if p.status == "draft"),
            pending_comments=index.pending_total,
            queued_replies=index.queued_total,
            diary_entries=diary_records.count(self.store),
        )
