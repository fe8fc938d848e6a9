"""The posts index as the Blog keeps it in memory: read newest month first (a first screen's
rows before the rest), one row per post kept in `rowset` and updated in place as posts and
comments are saved; its readers' comments counted with the blog's own people as they are now
(its post authors and `signers`)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator

from reeltui.domain.listing import PostSummary
from reeltui.domain.memory import paused_gc
from reeltui.domain.readers import OwnPeople
from reeltui.services.people import of_posts
from reeltui.services.rows import RowSet
from reeltui.store import Store, StoreError, index


class BlogIndex:
    """Mixed into Blog (which sets these attributes in its `__init__`, and again in
    `invalidate`)."""

    store: Store
    rowset: RowSet
    _pages: list[str] | None  # index files not read yet (None: not listed)
    _index_lock: threading.Lock
    signers: Callable[[], OwnPeople]  # who else signs as the blog: people.py
    _own_lock: threading.Lock
    _own: tuple[OwnPeople, OwnPeople] | None  # (signers, own) counted with

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

    def _updated(self, summaries: list[PostSummary]) -> None:
        if self._pages is not None or self.rowset.summaries:
            self.rowset.update(summaries)
        known = self._own
        if known is not None and of_posts(summaries, known[1]) != known[1]:
            self._own = None  # a new author: one of the blog's own people from now on
