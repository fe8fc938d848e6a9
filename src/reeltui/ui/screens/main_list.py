"""The main screen's post list: reading the index (newest first), rows for the filters and
the sort, and the filter-as-you-type search (summaries at once, the text from a thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from reeltui.services import Blog, Counts, PostRow
from reeltui.services import reads as read_service
from reeltui.services.search import Interrupted
from reeltui.ui.navigation import site_of
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.app import App

FIRST_SCREEN = 60  # posts known before the newest are shown while the rest is read


class ListMixin:
    """Mixed into MainScreen (which provides blog, sort, filters, search, query_one...)."""

    blog: Blog
    sort: str
    filters: dict[str, str]
    search: str
    site: str | None
    counts: Counts | None
    loading = True  # the posts index is being read
    searching = False  # the text part of the search has not answered yet
    _text_hits: set[str] = set()  # noqa: RUF012 - replaced, never changed in place

    if TYPE_CHECKING:
        app: App[None]
        is_attached: bool

        def query_one(self, selector: object, expect_type: object = None) -> Any: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    @work(thread=True, exclusive=True, group="index")
    def load_index(self) -> None:
        """Read the posts index, newest month first: the newest posts are shown as soon as a
        screenful is known, the whole list when all is read; then the search gets ready."""
        try:
            seen = read_service.seen(self.blog)
            self.app.call_from_thread(self._set_marks, seen)
            shown = False
            for known in self.blog.load_index():
                if not shown and known >= FIRST_SCREEN and self._newest_first():
                    rows = self.blog.rowset.select(None, None, None, None, "date", None)
                    self.app.call_from_thread(self._show_rows, rows, None, None)
                    shown = True
            self._load_rows(None, loading_done=True)
            self.blog.search_index().prepare()
        except Exception as exc:  # a store problem: one clear line, never a traceback
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=15)

    def _newest_first(self) -> bool:
        return self.sort == "date" and not self.filters and not self.search

    def _set_marks(self, seen: dict[str, int]) -> None:
        self.query_one(PostList).marks = read_service.ReadMarks(seen)

    @work(thread=True, exclusive=True, group="rows")
    def load_rows(self, keep: str | None = None) -> None:
        if self.loading:
            return  # the index is being read: its end shows the rows as asked by then
        try:
            self._load_rows(keep)
        except Exception as exc:  # a store problem: one clear line, never a traceback
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=15)

    def _load_rows(self, keep: str | None, loading_done: bool = False) -> None:
        rows = self._rows(self._search_ids() if self.search else None)
        counts = self.blog.counts()
        if self.site is None:
            self.site = site_of(self.blog.posts())
            if self.site:
                self.app.call_from_thread(setattr, self.app, "title", f"reeltui · {self.site}")
        self.app.call_from_thread(self._show_rows, rows, counts, keep, loading_done)

    def _rows(self, ids: set[str] | None) -> list[PostRow]:
        f = self.filters
        return self.blog.rows(
            sort=self.sort,
            category=f.get("category"),
            tag=f.get("tag"),
            status=f.get("status"),
            author=f.get("author"),
            ids=ids,
        )

    def _search_ids(self) -> set[str]:
        """What is known at once of the search: the posts' titles, authors, terms (the text
        part follows from the search thread)."""
        return self.blog.search_index().meta_ids(self.search) | self._text_hits

    def _show_rows(
        self, rows: list[PostRow], counts: Counts | None, keep: str | None, done: bool = False
    ) -> None:
        if done:
            self.loading = False
            if self.search:
                self._ask_text()
        post_list = self.query_one(PostList)
        post_list.empty_text = "No posts match." if self.search or self.filters else "No posts."
        if self.loading:
            post_list.empty_text = "Reading the posts…"
        post_list.set_rows(rows, keep)
        if counts is not None:
            self.counts = counts
        self._update_status()

    def _update_status(self) -> None:
        post_list = self.query_one(PostList)
        shown = len(post_list.rows)
        pane = self.query_one("#list-pane")
        if self.counts is None:
            _set(pane, "border_title", f"Posts ({shown}, reading the rest…)")
            return
        filters = ", ".join(f"{k}: {v}" for k, v in self.filters.items())
        if self.search:
            note = " (searching the text…)" if self.searching else ""
            filters = ", ".join(x for x in (filters, f"search: {self.search}{note}") if x)
        self.query_one(StatusLine).set_status(self.counts, shown, self.sort, filters)
        _set(pane, "border_title", f"Posts ({shown})")
        _set(pane, "border_subtitle", f"sort: {self.sort}")

    def _ask_text(self) -> None:
        self.searching = True
        self._update_status()
        self.blog.search_index().interrupt()  # an earlier keystroke's query stops now
        self._search_text(self.search)

    @work(thread=True, exclusive=True, group="text-search")
    def _search_text(self, query: str) -> None:
        """The posts whose text matches `query`, from the store's full-text index (a newer
        keystroke interrupts this one; a stale answer is never shown)."""
        worker = get_current_worker()
        search = self.blog.search_index()
        try:
            search.prepare()  # once: the index brought up to date with the posts' files
            if query != self.search:
                return  # a newer keystroke came while it was prepared
            found = search.text_ids(query)
        except Interrupted:
            return
        except Exception as exc:  # a store problem: one clear line, never a traceback
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=15)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_text_hits, query, found)

    def _show_text_hits(self, query: str, found: set[str]) -> None:
        if query != self.search or not self.is_attached:
            return  # a newer keystroke is being answered
        self._text_hits = found
        self.searching = False
        self._show_rows(self._rows(self._search_ids()), self.counts, None)


def _set(widget: Any, name: str, value: str) -> None:
    """Set a border title only when it changes (each setting repaints the pane)."""
    if getattr(widget, name) != value:
        setattr(widget, name, value)
