"""The main screen's search: the list's `/` box speaks the query language; `in:comments`
(or C) shows the comments found across the blog instead of posts; saved searches run here.
The screen owns one `Searching`; the listing asks it for the rows of the current search."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reeltui.domain.patterns import lazy
from reeltui.services import PostRow
from reeltui.ui.screens.main_list import answer
from reeltui.ui.widgets.inputs import focus_now
from reeltui.ui.widgets.post_list import ListItem, PostList

if TYPE_CHECKING:  # (the box's and the comments' widgets: mounted after the first frame,
    # main_late.py, while a small store's first rows are found here, through the search)
    from reeltui.ui.screens.main import MainScreen
    from reeltui.ui.widgets.comment_hits import CommentHitList
    from reeltui.ui.widgets.query_box import QueryBox

_SCOPE = lazy(r"(^|\s)in:(comments|posts)(?=\s|$)", re.IGNORECASE)


class Searching:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.damage_said: set[str] = set()  # the damage a notice named (`damage_notice`)

    @property
    def box(self) -> QueryBox:
        from reeltui.ui.widgets.query_box import QueryBox

        return self.screen.query_one("#list-search", QueryBox)

    @property
    def hits(self) -> CommentHitList:
        from reeltui.ui.widgets.comment_hits import CommentHitList

        return self.screen.query_one(CommentHitList)

    @property
    def mounted(self) -> bool:
        """Are the box and the comments' list there (after the first frame: main_late.py)?"""
        return self.screen.post_list.search_box is not None

    def setup(self) -> None:
        from reeltui.ui.widgets.query_box import QueryHint

        self.box.hint = self.screen.query_one("#search-hint", QueryHint)
        self.box.wants_comment_values = self._load_comment_names
        self.hits.display = False
        self.screen.run_worker(
            self._load_vocabulary, thread=True, exclusive=True, group="vocabulary"
        )

    def _load_vocabulary(self) -> None:
        self.screen.listing.wait_painted(get_current_worker())  # it reads the whole index
        from reeltui.services.query import vocabulary  # (the search's modules: after the paint)

        values = vocabulary(self.screen.blog)
        self.screen.app.call_from_thread(setattr, self.box, "values", values)

    def _load_comment_names(self) -> None:
        self.screen.run_worker(
            self._comment_names,
            thread=True,
            exclusive=True,
            group="comment-names",
            exit_on_error=False,  # (a store that cannot be read: the search says why)
        )

    def _comment_names(self) -> None:
        from reeltui.services.commenters import comment_vocabulary

        values = comment_vocabulary(self.screen.blog)
        self.screen.app.call_from_thread(self.box.set_comment_values, values)

    @property
    def shown_list(self) -> PostList:
        """The list the pane shows: posts, or the comments a search found."""
        return self.hits if self.mounted and self.hits.display else self.screen.post_list

    def query_rows(
        self,
        words: Callable[[str], set[str]] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> list[PostRow] | None:
        """The posts matching the search (in the rows worker). None when the search is of
        comments (their list is shown from here) or cannot run (the box says why). `words`:
        the posts a free word is in, when not the search index's whole answer; `stop`: a
        newer load replaced this one (the search raises Interrupted at its next check)."""
        screen, listing = self.screen, self.screen.listing
        from reeltui.domain.query import QueryError, parse
        from reeltui.domain.query_eval import check
        from reeltui.services.query import COMMENT_LIMIT, find_comments, find_posts

        call = partial(answer, screen.app)  # (shown only while this load is the newest)
        try:
            query = parse(listing.search)
            check(query)
        except QueryError as exc:
            call(self.box.show_error, str(exc))
            return None
        writer = screen.reel_app.writer
        if query.scope == "comments":
            from reeltui.ui.damage_notice import damage_line
            from reeltui.ui.widgets.comment_hits import hit_items

            found = find_comments(screen.blog, query, writer=writer, stop=stop)
            call(self._show_hits, hit_items(found), len(found) >= COMMENT_LIMIT)
            if said := damage_line(screen.blog, self.damage_said):  # their comments left out
                screen.app.call_from_thread(
                    screen.notify, said, severity="warning", timeout=20, markup=False
                )
            return None
        reverse = (listing.sort != "title") != listing.reversed
        rows = find_posts(
            screen.blog,
            query,
            sort=listing.sort,
            reverse=reverse,
            filters=listing.filters,
            writer=writer,
            words=words,
            stop=stop,
        )
        call(self._show_view, False)
        return rows

    def _show_view(self, comments: bool) -> None:
        if not (comments or self.mounted):  # (a small store's rows, before the first frame)
            return
        posts, hits, box = self.screen.post_list, self.hits, self.box
        shown, hidden = (hits, posts) if comments else (posts, hits)
        # (`focused`, set at once, not `has_focus`: set once the widget handled its Focus
        # event; focus given to the list by enter a moment before was otherwise left on a
        # list about to be hidden, and hiding it sent focus back to the search box)
        moved = self.screen.focused is hidden
        hidden.display, shown.display = False, True
        box.return_focus = shown
        if moved:
            focus_now(shown)

    def _show_hits(self, items: list[ListItem], more: bool) -> None:
        self._show_view(True)
        self.hits.set_items(items)
        pane = self.screen.query_one("#list-pane")
        pane.border_title = f"Comments ({len(items)}{'+' if more else ''})"
        pane.border_subtitle = "newest first · C: posts"
        self.screen.listing.show_status()

    def toggle_comments(self) -> None:
        """C: the same search over comments, or back over posts."""
        text = self.box.value
        if re.search(r"(^|\s)in:comments(?=\s|$)", text, re.IGNORECASE):
            text = " ".join(_SCOPE.sub(" ", text).split())
        else:
            text = " ".join([*_SCOPE.sub(" ", text).split(), "in:comments"])
        self.run(text, focus_box=False)

    def run(self, text: str, focus_box: bool = True) -> None:
        """Put `text` in the search box and show what it finds (saved searches, the palette)."""
        box = self.box
        box.add_class("-visible")
        box.value = text
        box.cursor_position = len(text)
        if focus_box:
            focus_now(box)
        elif self.screen.focused is box and box.return_focus is not None:
            focus_now(box.return_focus)  # the list showing the results
