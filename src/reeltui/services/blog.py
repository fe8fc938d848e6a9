"""The blog as the UI and the CLI see it: posts, comments, counts, search.

What is kept in memory follows what is touched, not what is stored: the summary of every post
(the posts index, read newest month first), and the posts lately opened with their comments.
The list's rows are built once, one per post, and kept: a save updates its post's row in
place; sorting is kept per order and redone only for the orders a change disturbed.

The posts index in memory is `blog_index.py`'s, the comments' use cases `blog_comments.py`'s
(both mixed into Blog).
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reeltui.domain.idsets import AllBut, IdSet, both
from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Post
from reeltui.domain.readers import OwnPeople
from reeltui.domain.text import word_count
from reeltui.domain.titles import same_slug
from reeltui.domain.vocab import SortKey
from reeltui.services import events
from reeltui.services.blog_comments import BlogComments
from reeltui.services.blog_index import BlogIndex
from reeltui.services.opened import OpenedPosts
from reeltui.services.rows import PostRow, RowSet
from reeltui.store import NotFound, Store, StoreError, index, records

if TYPE_CHECKING:
    from reeltui.services.search import PostSearch

__all__ = ["Blog", "Counts", "PostRow"]


@dataclass(frozen=True, slots=True)
class Counts:
    posts: int
    drafts: int
    pending_comments: int
    queued_replies: int
    diary_entries: int = 0  # films in the diary (store/diary.py)


class Blog(BlogIndex, BlogComments):
    """Use cases over one open store. Keeps in-memory indexes; writes go through it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rowset = RowSet()
        self._pages: list[str] | None = None  # index files not read yet (None: not listed)
        self._index_lock = threading.Lock()
        self.opened = OpenedPosts(store)
        self._search: PostSearch | None = None
        self.signers: Callable[[], OwnPeople] = OwnPeople  # who else signs as the blog: people.py
        self._own_lock = threading.Lock()
        self._own: tuple[OwnPeople, OwnPeople] | None = None  # (signers, own) counted with
        self.locked_out = False  # read-only because another reeltui has the store (not asked)

    def damage(self) -> list[str]:
        """What was skipped as damaged in what was read so far (records the validation gate
        refused, files that cannot be read); `reeltui check` lists it all."""
        refused = [str(r) for r in self.store.refusals()]
        skipped = list(dict.fromkeys(self.opened.skipped + self.store.skipped))
        return refused + [s for s in skipped if not any(s.endswith(r) for r in refused)]

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        if self._search is not None:
            self._search.close()
        self.store.close()

    def __enter__(self) -> Blog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # the lock is released however the block ends

    @contextlib.contextmanager
    def held(self) -> Iterator[Callable[[], None]]:
        """Changes made inside stay in memory until the yielded `flush` writes them (from a
        background thread, so a screen never waits on the disk; see `Store.held`). A flush
        that fails drops this blog's caches: it shows what is on disk again. The changes
        made inside are announced together when the block ends (`events.together`)."""
        with self.store.held() as flush, events.together():

            def guarded() -> None:
                try:
                    flush()
                except StoreError:
                    self.invalidate()
                    raise

            yield guarded

    # -- the search, and the caches -------------------------------------------------------

    def search_index(self) -> PostSearch:
        """The post search (metadata in memory, text through the store's full-text index)."""
        if self._search is None:
            from reeltui.services.search import PostSearch

            self._search = PostSearch(self)
        return self._search

    def interrupt_search(self) -> None:
        """Stop a query of the text index running in another thread (none made: none runs)."""
        if self._search is not None:
            self._search.interrupt()

    def invalidate(self) -> None:
        """Forget cached records (after a bulk change made directly on the store)."""
        with self._index_lock:
            self.store.forget()
            self.rowset = RowSet()
            self._pages = None
            self._own = None
            self.opened = OpenedPosts(self.store)  # the store may be a new one (`reread`)
            if self._search is not None:  # made again for this store when next asked (a
                self._search.detach()  # query running in a worker finishes on this one)
                self._search = None
        events.changed(self, "all")

    # -- posts ---------------------------------------------------------------------------

    def posts(self) -> list[PostSummary]:
        """Every post's summary (the list's fields; `post(id)` reads the whole post): a list
        of its own, taken under the rows' lock (a save may add a post meanwhile)."""
        self._index()
        return self.rowset.snapshot()

    def summary(self, post_id: str) -> PostSummary:
        try:
            return self._index()[post_id]
        except KeyError:
            raise NotFound(f"no post with id {post_id!r}") from None

    def post(self, post_id: str) -> Post:
        opened = self.opened.get(post_id)
        if opened.post is None:
            raise opened.error or NotFound(f"no post with id {post_id!r}")
        return opened.post

    def full_posts(self) -> Iterator[Post]:
        """Every post, whole (reads every post's file: export, sync)."""
        for summary in self.posts():
            opened = self.opened.get(summary.id)
            if opened.post is not None:
                yield opened.post

    def post_by_slug(self, slug: str) -> Post:
        for summary in self.posts():
            if same_slug(summary.slug, slug):  # `café` or `caf%c3%a9`
                return self.post(summary.id)
        raise NotFound(f"no post with slug {slug!r} in {self.path}")

    def word_count(self, post: Post | PostSummary) -> int:
        if isinstance(post, PostSummary):
            return post.words
        known = self.rowset.summaries.get(post.id)
        opened = self.opened.known(post.id)
        if (
            known is not None
            and opened is not None
            and opened.post is not None
            and (opened.post.body is post.body)
        ):
            return known.words
        return word_count(post.body)

    def rows(
        self,
        *,
        status: str | None = None,
        search: str | None = None,
        category: str | None = None,
        tag: str | None = None,
        author: str | None = None,
        sort: SortKey = "date",
        reverse: bool | None = None,
        ids: Collection[str] | AllBut | None = None,
    ) -> list[PostRow]:
        """Posts matching every given filter, sorted (newest, best, most discussed first).
        `ids`: only these posts (an answer of the search already at hand)."""
        self._index()
        if search:
            found = self.search_index().post_ids(search)
            ids = found if ids is None else both(found, _as_ids(ids))
        if ids is not None and not (status or category or tag or author):
            return self.rowset.choose(sort, reverse, _as_ids(ids))  # (by position: few looked at)
        return self.rowset.select(status, category, tag, author, sort, reverse, ids)

    def save_post(self, post: Post) -> None:
        counted = self.store.own
        summary = records.put_post(self.store, post)
        self.opened.saved(post)
        if self.store.own != counted and self.index_complete:  # a new author: all counted
            for rel in index.pages(self.store):  # again (in memory: no file read)
                self.rowset.update(index.read_page(self.store, rel))
        self._updated([summary])
        if self._search is not None:
            self._search.post_saved(summary)
        events.changed(self, "post", post.id)

    # -- figures -------------------------------------------------------------------------

    def queued_counts(self) -> Mapping[str, int]:
        """Replies waiting in the outbox, per post id."""
        return {s.id: s.queued for s in self.posts() if s.queued}

    def counts(self) -> Counts:
        self._index()
        found = self.rowset.counts(Counts)
        from reeltui.store import diary as diary_records  # (the diary's modules: not at start)

        return dataclasses.replace(found, diary_entries=diary_records.count(self.store))


def _as_ids(ids: Collection[str] | AllBut) -> IdSet:
    return ids if isinstance(ids, AllBut | Set) else set(ids)
