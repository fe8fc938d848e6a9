"""The main screen's search: the list's `/` box speaks the query language; `in:comments`
(or C) shows the comments found across the blog instead of posts; saved searches run here."""

from __future__ import annotations

import re

from textual import work

from reeltui.domain.query import QueryError, parse
from reeltui.domain.query_eval import check
from reeltui.services import Blog, PostRow
from reeltui.services.query import COMMENT_LIMIT, find_comments, find_posts, vocabulary
from reeltui.ui.widgets.comment_hits import CommentHitList, hit_items
from reeltui.ui.widgets.inputs import focus_now
from reeltui.ui.widgets.post_list import ListItem, PostList
from reeltui.ui.widgets.query_box import QueryBox, QueryHint
from reeltui.ui.widgets.status import StatusLine

_SCOPE = re.compile(r"(^|\s)in:(comments|posts)(?=\s|$)", re.IGNORECASE)


class SearchMixin:
    """Mixed into MainScreen (which provides blog, search, sort, filters, load_rows...)."""

    blog: Blog
    search: str
    sort: str
    filters: dict[str, str]

    def setup_search(self) -> None:
        box = self.query_one("#list-search", QueryBox)  # type: ignore[attr-defined]
        box.hint = self.query_one("#search-hint", QueryHint)  # type: ignore[attr-defined]
        self.query_one(CommentHitList).display = False  # type: ignore[attr-defined]
        self.load_vocabulary()

    @work(thread=True, exclusive=True, group="vocabulary")
    def load_vocabulary(self) -> None:
        values = vocabulary(self.blog)
        box = self.query_one("#list-search", QueryBox)  # type: ignore[attr-defined]
        self.app.call_from_thread(setattr, box, "values", values)  # type: ignore[attr-defined]

    @property
    def comment_hits(self) -> CommentHitList:
        return self.query_one(CommentHitList)  # type: ignore[attr-defined,no-any-return]

    @property
    def shown_list(self) -> PostList:
        """The list the pane shows: posts, or the comments a search found."""
        hits = self.comment_hits
        return hits if hits.display else self.query_one(PostList)  # type: ignore[attr-defined]

    def query_rows(self) -> list[PostRow] | None:
        """The posts matching the search (in the rows worker). None when the search is of
        comments (their list is shown from here) or cannot run (the box says why)."""
        call = self.app.call_from_thread  # type: ignore[attr-defined]
        box = self.query_one("#list-search", QueryBox)  # type: ignore[attr-defined]
        try:
            query = parse(self.search)
            check(query)
        except QueryError as exc:
            call(box.show_error, str(exc))
            return None
        if query.scope == "comments":
            hits = find_comments(self.blog, query)
            call(self._show_hits, hit_items(hits), len(hits) >= COMMENT_LIMIT)
            return None
        writer = self.app.writer  # type: ignore[attr-defined]
        rows = find_posts(self.blog, query, sort=self.sort, filters=self.filters, writer=writer)
        call(self._show_view, False)
        return rows

    def _show_view(self, comments: bool) -> None:
        posts = self.query_one(PostList)  # type: ignore[attr-defined]
        hits = self.comment_hits
        box = self.query_one("#list-search", QueryBox)  # type: ignore[attr-defined]
        shown, hidden = (hits, posts) if comments else (posts, hits)
        moved = hidden.has_focus
        hidden.display, shown.display = False, True
        box.return_focus = shown
        if moved:
            focus_now(shown)

    def _show_hits(self, items: list[ListItem], more: bool) -> None:
        self._show_view(True)
        self.comment_hits.set_items(items)
        pane = self.query_one("#list-pane")  # type: ignore[attr-defined]
        pane.border_title = f"Comments ({len(items)}{'+' if more else ''})"
        pane.border_subtitle = "newest first · C: posts"
        counts = self.counts  # type: ignore[attr-defined]
        if counts is not None:
            status = self.query_one(StatusLine)  # type: ignore[attr-defined]
            status.set_status(counts, len(items), self.sort, f"search: {self.search}")

    def action_results(self) -> None:
        """C: the same search over comments, or back over posts."""
        box = self.query_one("#list-search", QueryBox)  # type: ignore[attr-defined]
        text = box.value
        if re.search(r"(^|\s)in:comments(?=\s|$)", text, re.IGNORECASE):
            text = " ".join(_SCOPE.sub(" ", text).split())
        else:
            text = " ".join([*_SCOPE.sub(" ", text).split(), "in:comments"])
        self.run_search(text, focus_box=False)

    def run_search(self, text: str, focus_box: bool = True) -> None:
        """Put `text` in the search box and show what it finds (saved searches, the palette)."""
        box = self.query_one("#list-search", QueryBox)  # type: ignore[attr-defined]
        box.add_class("-visible")
        box.value = text
        box.cursor_position = len(text)
        if focus_box:
            focus_now(box)
        elif box.has_focus and box.return_focus is not None:
            focus_now(box.return_focus)  # the list showing the results

    async def on_comment_hit_list_comment_opened(self, event: CommentHitList.CommentOpened) -> None:
        await self.open_comment(event.post_id, event.comment_id)  # type: ignore[attr-defined]
