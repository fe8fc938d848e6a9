"""The blog as the UI and the CLI see it: posts, comments, counts, search.

What is kept in memory follows what is touched, not what is stored: the summary of every post
(the posts index, read newest month first), and the posts lately opened with their comments.
The list's rows are built once, one per post, and kept: a save updates its post's row in
place; sorting is kept per order and redone only for the orders a change disturbed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reeltui.domain.idsets import AllBut, IdSet, both
from reeltui.domain.listing import PostSummary
from reeltui.domain.memory import paused_gc
from reeltui.domain.models import Comment, Post, thread_order
from reeltui.domain.readers import OwnPeople
from reeltui.domain.text import word_count
from reeltui.domain.titles import same_slug
from reeltui.domain.vocab import SortKey
from reeltui.services import events
from reeltui.services.opened import OpenedPosts
from reeltui.services.people import of_posts
from reeltui.services.rows import PostRow, RowSet
from reeltui.store import NotFound, Store, StoreError, index, records
from reeltui.store.layout import COMMENTS, POST, safe_name

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


class Blog:
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

    # -- the posts index -------------------------------------------------------------------

    def load_index(self, glance: int = 0) -> Iterator[int]:
        """Read the posts index, newest month first; yields the number of posts known after
        each file (a screen can show the newest posts before the rest is read). `glance`:
        first the `glance` newest rows of the newest file alone (a first screen; gating and
        making 276 rows cost ~10 ms at 50,000 posts), then the file whole. Safe to call from
        several threads: each file is read once."""
        while True:
            with self._index_lock:
                if self._pages is None:
                    self._pages = index.pages(self.store)
                if not self._pages:
                    return
                first = None
                if glance and not self.rowset.summaries:
                    first = index.glance_page(self.store, self._pages[0], glance)
                    glance = 0
                if first is not None:
                    self.rowset.add(first)
                    known = len(self.rowset)
                else:
                    rel = self._pages.pop(0)
                    with paused_gc():  # thousands of rows: no collection pass meanwhile
                        self.rowset.add(index.read_page(self.store, rel))
                        # kept for the session: frozen page by page, as read (frozen once
                        # the whole index was read, a full pass in the middle of the read
                        # walked every row read so far: 200 ms at 50,000 posts)
                        gc.freeze()
                    known = len(self.rowset)
            yield known

    @property
    def index_complete(self) -> bool:
        return self._pages is not None and not self._pages

    def _index(self) -> dict[str, PostSummary]:
        for _ in self.load_index():
            pass
        self._count_with_own()
        return self.rowset.summaries

    def counted_with(self) -> OwnPeople:
        """The blog's own people as the posts' readers' comments (`PostSummary.readers`)
        leave them out: its post authors and `signers`."""
        self._index()
        known = self._own
        return known[1] if known is not None else self.store.own

    def _count_with_own(self) -> None:
        """The index's readers' comments counted with the blog's own people as they are now
        (its post authors and `signers`). The store records the set it counted with; when
        it differs (settings or a new author), the counts are made again from the posts'
        files, once: stored by a writer, kept in memory by a reader (for the posts the
        index lists: a post whose row the gate refused, or whose index file is gone, is
        left out of the list either way; `posts` says so: services/unlisted.py)."""
        signers = self.signers()
        if self._own is not None and self._own[0] == signers:
            return
        with self._own_lock:
            if self._own is not None and self._own[0] == signers:
                return
            own = of_posts(self.rowset.snapshot(), signers)
            stale = not self.counted_as_stored(own)
            if stale and (self._own is None or self._own[1] != own):
                try:
                    summaries = self.store.recount(own)
                except StoreError:  # not stored (a full disk): counted for this session
                    summaries = self.store.recount(own, save=False)
                if not self.counted_as_stored(own):  # counted, the index not written again:
                    listed = self.rowset.summaries  # the posts it lists, as without a count
                    summaries = [s for s in summaries if s.id in listed]
                self.rowset.update(summaries)
            self._own = (signers, own)

    def counted_as_stored(self, own: OwnPeople) -> bool:
        """Are the index's stored readers' counts those made with `own` as the blog's own
        people (else `_count_with_own` counts them again)?"""
        return own == self.store.own and self.store.counted

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

    def _updated(self, summaries: list[PostSummary]) -> None:
        if self._pages is not None or self.rowset.summaries:
            self.rowset.update(summaries)
        known = self._own
        if known is not None and of_posts(summaries, known[1]) != known[1]:
            self._own = None  # a new author: one of the blog's own people from now on

    # -- comments ------------------------------------------------------------------------

    def comment_ids(self, post_id: str) -> list[str]:
        return list(self.opened.get(post_id).comments)

    def comments(self, post_id: str) -> list[Comment]:
        return list(self.opened.get(post_id).comments.values())

    def thread(self, post_id: str) -> list[tuple[Comment, int]]:
        """The post's comments in reading order with their depth (1 = top level)."""
        return thread_order(self.comments(post_id))

    def all_comments(self) -> list[Comment]:
        """Every comment of the archive (reads every post's file)."""
        return [c for s in self.posts() for c in self.comments(s.id)]

    def orphan_comments(self) -> list[Comment]:
        """Comments kept in files of posts that are not in the index (gone, or refused)."""
        known = {f"{safe_name(s.id)}.json" for s in self.posts()}
        found = []
        for name in self.store.listing(POST.path):
            if name not in known:
                docs = self.store.file(f"{POST.path}/{name}").good(COMMENTS.name)
                found += [records.build_comment(cid, doc) for cid, doc in docs.items()]
        return found

    def comments_where(self, wanted: Callable[[PostSummary], bool]) -> list[Comment]:
        """The comments of the posts whose summary is `wanted` (e.g. with pending ones)."""
        return [c for s in self.posts() if wanted(s) for c in self.comments(s.id)]

    def comment(self, comment_id: str) -> Comment:
        post_id = self.opened.owner.get(comment_id) or records.locate(self.store, comment_id)
        if post_id is not None:
            found = self.opened.get(post_id).comments.get(comment_id)
            if found is not None:
                return found
        raise NotFound(f"no comment with id {comment_id!r}")

    def save_comment(self, comment: Comment) -> None:
        summaries = records.put_comment(self.store, comment)
        self.opened.comment_saved(comment)
        self._updated(summaries)
        events.changed(self, "comment", comment.id)

    def delete_comment(self, comment_id: str) -> None:
        summaries = records.delete_comment(self.store, comment_id)
        self.opened.comment_deleted(comment_id)
        self._updated(summaries)
        events.changed(self, "comment", comment_id)

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
