"""The main screen's post list: which posts it shows (sort, order, filters, the search as you
type), the status line, and reading like a feed reader (next unread post, next post with new
comments, mark all read). The screen owns one `Listing` and hands it the list's intents."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.worker import Worker, get_current_worker

from reeltui.domain.vocab import SortKey
from reeltui.errors import ReelError
from reeltui.services import Counts, PostRow, identity
from reeltui.services import reads as read_service
from reeltui.ui.collector import Typing
from reeltui.ui.held_paint import PaintHold
from reeltui.ui.navigation import site_of
from reeltui.ui.screens.main_asking import ListAsking
from reeltui.ui.screens.main_feed import FeedReading
from reeltui.ui.screens.main_status import show_status
from reeltui.ui.typeahead import ASKED
from reeltui.ui.widgets.post_list import ROW_HEIGHT, Items

if TYPE_CHECKING:
    from reeltui.services.search import PostSearch
    from reeltui.ui.screens.main import MainScreen

SCREENS_FIRST = 2  # screenfuls of the newest posts known before they are shown (the rest after)
PAINT_WAIT = 3.0  # seconds the rest waits for the first rows to be painted, at most
Words = Callable[[str], set[str]]  # the posts a free word is in
Stop = Callable[[], bool]  # has a newer load replaced this one?


def interrupted() -> type[Exception]:
    """The text search's `Interrupted` (its modules are imported after the first paint, when
    the first search runs: before, nothing can have raised it)."""
    from reeltui.services.search import Interrupted

    return Interrupted


def answer(app: App[Any], show: Callable[..., object], *args: Any) -> None:
    """From a rows worker: `show(*args)` on the UI thread, unless a newer load replaced the
    worker meanwhile. Asked there (where loads are started and cancelled): a worker asking
    from its thread could be replaced between the asking and the showing, and the list of an
    older search then came after the newer one's (focus sent to a list about to be hidden)."""
    worker = get_current_worker()

    def if_current() -> None:
        if not worker.is_cancelled:
            show(*args)

    app.call_from_thread(if_current)


class Listing(FeedReading, ListAsking):
    def __init__(self, screen: MainScreen, sort: SortKey) -> None:
        self.screen = screen
        self.blog = screen.blog
        self.sort = sort
        self.reversed = False  # the other way round from the sort's usual order
        self.search = ""
        self.filters: dict[str, str] = {}
        self.my_drafts = False  # the "my drafts" view: the writer's posts, drafts first
        self.counts: Counts | None = None
        self.site: str | None = None  # the blog's host name, from the posts' source links
        self.partial = False  # the rows shown match free words in titles only, so far
        self.painted = threading.Event()  # the list's first rows are on screen
        self.shown = asyncio.Event()  # the list was given its first rows (or told why not)
        self._asked: Worker[None] | None = None  # the load keys typed wait for (see `load`)
        self._computing = threading.Lock()  # held by the load finding rows (see `_load`)
        self._preparing: PostSearch | None = None  # the text index being made (its worker)
        self._hold: PaintHold | None = None  # a letter typed and its answer: one frame
        self._typing: Typing | None = None  # keys typed: no full collector pass meanwhile
        self._told_unlisted = False  # the posts the index leaves out were looked for

    # -- loading rows (a worker; a newer load cancels it, and a cancelled one shows nothing)

    def load(self, keep: str | None = None, asked: bool = False) -> None:
        """Fill the list again (in a worker), keeping the cursor on `keep` or where it is.
        `asked`: the rows are the answer to keys typed (a search, an order, a filter): the
        keys typed after wait for them (ui/typeahead.py); a load that replaces such a load
        before it is done is an answer too."""
        self.blog.interrupt_search()  # a query of the text an earlier load runs stops
        running = self._asked
        asked = asked or (running is not None and not running.is_finished)
        worker = self.screen.run_worker(
            lambda: self._load(keep),
            name=ASKED if asked else "rows",
            thread=True,
            exclusive=True,
            group="rows",
        )
        self._asked = worker if asked else None

    def _load(self, keep: str | None) -> None:
        app = self.screen.app
        worker = get_current_worker()

        def stop() -> bool:  # a newer load replaced this one
            return worker.is_cancelled

        try:
            with self._computing:  # one load at a time: the one replaced stops at its next check
                if stop():
                    return
                if not self.blog.index_complete and not self._first_screen(worker):
                    return
                search = self.blog.search_index()
                partial = not search.fresh and self._has_words()
                # Until the text index is ready, free words match titles, authors and terms
                # at once (the status line says the text is coming); the rest follows.
                if not self._answer(keep, search.meta_ids if partial else None, stop):
                    return
            if partial:
                app.call_from_thread(self._prepare_search)
                if not search.wait(stop):  # (outside: the next key's load does not wait)
                    return
                with self._computing:
                    if stop() or not self._answer(keep, None, stop):
                        return
        except interrupted():  # a newer keystroke: its load answers
            return
        except ReelError as exc:  # a store problem: one clear line, never a traceback
            app.call_from_thread(self.screen.notify, str(exc), severity="error", timeout=15)
            app.call_from_thread(self.shown.set)
            return
        if self.site is None:
            self.site = site_of(self.blog.posts())
            if self.site:
                app.call_from_thread(setattr, app, "title", f"reeltui · {self.site}")
        if not self._told_unlisted and self.blog.index_complete:  # once, the list whole:
            self._told_unlisted = True  # posts the index leaves out said, as `posts` says
            from reeltui.services.unlisted import left_out

            if said := left_out(self.blog):  # (it quotes a hand-edited file: no markup)
                notify = self.screen.notify
                app.call_from_thread(notify, said, severity="warning", timeout=20, markup=False)
        if self._preparing is not search:  # ready the text search meanwhile (after the first
            app.call_from_thread(self._prepare_search)  # paint), even if made fresh elsewhere

    def _answer(self, keep: str | None, words: Words | None, stop: Stop) -> bool:
        """Find the rows (`words`: the posts a free word is in, when not the text index's
        whole answer) and hand them to the list; False when there is nothing more to do
        (comments searched, a query that cannot run, a newer load)."""
        counts = self.blog.counts()  # the status line's, whatever the list shows
        rows = self.screen.searching.query_rows(words, stop)  # the query language
        if rows is None:  # comments searched, or the query cannot run (it says why)
            answer(self.screen.app, self.counted, counts)
            return False
        items = self._items(rows)
        items.locate(keep or self._cursor_post())  # (here, not on the UI thread)
        if stop():
            return False
        answer(self.screen.app, self._show, items, counts, keep, words is not None)
        return True

    def _cursor_post(self) -> str | None:
        """The post under the list's cursor, read from the rows worker (a guess: the list
        looks again, on the UI thread, if the cursor moved meanwhile)."""
        try:
            return self.screen.post_list.current_id
        except Exception:  # (the screen is going: nothing to keep)
            return None

    def screenful(self) -> int:
        """Rows the list can show at most: as many as the terminal has pairs of lines (a
        24-line terminal's at least, should its size not be known yet)."""
        return max(12, -(-self.screen.app.size.height // ROW_HEIGHT))

    def _items(self, rows: list[PostRow], first: bool = False) -> Items:
        """The list's items of `rows` (a ListItem made for each row drawn); `first`: the
        first screen's, before the first paint (the marks of the rows it can show are read,
        found in their files' bytes, the others' when first drawn: every mark of a large
        archive cost a tenth of a second there, those of three screenfuls ~10 ms)."""
        writer = self.screen.reel_app.writer
        if self.my_drafts:
            rows = identity.my_drafts_first(rows, writer)
        if first:
            posts = {row.post.id for row in rows[: self.screenful()]}
            marks = read_service.Marks(self.blog, posts=posts, glance=True)
        else:
            marks = read_service.Marks(self.blog)  # worked out for the rows drawn
        return Items(rows, marks)

    def _has_words(self) -> bool:
        if not self.search.strip():
            return False  # nothing to parse (the first frame's list: the query language unread)
        from reeltui.domain.query import QueryError, parse

        try:
            return bool(parse(self.search).words)
        except QueryError:
            return False

    def _first_screen(self, worker: Worker[None]) -> bool:
        """The first read of the posts index, newest month first: the newest posts are
        shown once a screenful is known (in the list's usual order), then all of them.
        False when a newer load replaced this one (it reads the rest)."""
        plain = self.sort == "date" and not (self.reversed or self.filters or self.search)
        shown = not plain or self.my_drafts
        first = SCREENS_FIRST * self.screenful()
        for known in self.blog.load_index(glance=0 if shown else first):
            if worker.is_cancelled:
                return False
            if not shown and known >= first:
                rows = self.blog.rowset.select(None, None, None, None, "date", None, None)
                answer(self.screen.app, self._show_first, self._items(rows, first=True))
                shown = True
                # The rest is read once the first rows are on screen: this thread, reading,
                # would slow the first paint (it holds the interpreter meanwhile).
                self.wait_painted(worker)
        return True

    def wait_painted(self, worker: Worker[None]) -> None:
        """In a worker: until the list's first rows are painted (PAINT_WAIT at most)."""
        deadline = time.monotonic() + PAINT_WAIT
        while not self.painted.wait(0.05):
            if worker.is_cancelled or time.monotonic() > deadline:
                return

    def _show_first(self, items: Items) -> None:
        self.hold.end()
        self.screen.app.call_after_refresh(self.painted.set)
        self.screen.post_list.set_items(items)
        pane = self.screen.query_one("#list-pane")
        pane.border_title = f"Posts ({len(items)}, reading the rest…)"
        self.shown.set()

    def _prepare_search(self) -> None:
        search = self.blog.search_index()
        if self._preparing is search:  # (once per text index: loads wait for it)
            return
        self._preparing = search
        self.screen.run_worker(
            self._ready_search, thread=True, exclusive=True, group="search-ready",
            exit_on_error=False,
        )  # fmt: skip

    def _ready_search(self) -> None:
        try:
            self.blog.search_index().prepare()
        except Exception:  # the text index cannot be made: the search reads the posts
            return
        # what the first keystroke would make otherwise: the summaries' index, the rows'
        # positions in the list's order
        search = self.blog.search_index()
        search.warm()
        reverse = (self.sort != "title") != self.reversed
        self.blog.rows(sort=self.sort, reverse=reverse, ids=search.nothing())
        worker = get_current_worker()  # then the index merged, in steps no search waits for
        search.tidy(lambda: worker.is_cancelled)

    def _show(self, items: Items, counts: Counts, keep: str | None, partial: bool = False) -> None:
        post_list = self.screen.post_list
        narrowed = self.search or self.filters or self.my_drafts
        post_list.empty_text = "No posts match." if narrowed else "No posts."
        post_list.set_items(items, keep)
        self.screen.app.call_after_refresh(self.painted.set)
        self.counts = counts
        self.partial = partial
        self.show_status()
        self.shown.set()
        self.hold.end()

    def counted(self, counts: Counts) -> None:
        self.counts = counts
        self.show_status()
        self.shown.set()
        self.hold.end()

    def show_status(self) -> None:
        """The status line and the pane's title, as the list is now (main_status.py)."""
        show_status(self)

    def refresh_marks(self, post_ids: set[str]) -> None:
        """Show the read marks of `post_ids` as the store has them now."""
        try:  # (theirs only: every mark of a large archive took the UI thread ~0.1 s)
            marks = read_service.Marks(self.blog, posts=post_ids)
        except ReelError:  # the marks cannot be read (said where they failed): the rows
            self.screen.post_list.refresh()  # drawn again with the marks they had
            return
        post_list = self.screen.post_list
        for post_id in post_ids:
            i = post_list.position(post_id)
            if i is not None:
                row = post_list.items[i].row
                post_list.update_mark(post_id, marks.of(row.post, row.comment_count))

    # -- order and filters ---------------------------------------------------------------
