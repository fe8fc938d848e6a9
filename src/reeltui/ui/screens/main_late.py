"""The main screen's parts that its first frame does not show: the list's search box, the line
under it and the list of the comments a search found, all hidden until a search is typed.

They are mounted right after the first frame (styling three more widgets, one of them an
Input with its own rules and parts, and laying them out, was ~7 ms of the start before the
first paint); keys typed meanwhile wait until they are there (`MainScreen.opening`,
ui/typeahead.py), so `/` typed as the app opens still opens the box. When the screen is not
the first one shown (another screen opens first) or a [keymap] is checked against the
screen's widgets, they are mounted with the screen, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widget import AwaitMount

from reeltui.ui.widgets.comment_hits import CommentHitList
from reeltui.ui.widgets.query_box import QueryBox, QueryHint

if TYPE_CHECKING:
    from reeltui.ui.screens.main import MainScreen


class ListSearch(QueryBox):
    """The search-as-you-type box of the post list (the query language)."""

    typed: Callable[[str], None] | None = None  # told each new text before it is drawn

    def _watch_value(self, value: str) -> None:
        if self.typed is not None:
            self.typed(value)
        super()._watch_value(value)


def mount_late(screen: MainScreen) -> list[AwaitMount]:
    """Mount the search box and the line under it above the post list, the comments found
    below it, and hand them to the list and the search; they are in the screen (found by a
    query) at once, mounted once the returned awaitables are done."""
    pane = screen.query_one("#list-pane")
    post_list = screen.post_list
    box = ListSearch(
        placeholder="search: words tag: rating:>=4 …", id="list-search", always_shown=False
    )
    hits = CommentHitList(id="comment-hits")
    hits.display = False
    mounts = [
        pane.mount(box, QueryHint(id="search-hint"), before=post_list),
        pane.mount(hits, after=post_list),
    ]
    box.return_focus = post_list
    post_list.display = True  # (set, as the search sets it: its first answer asks no layout)
    box.typed = screen.listing.typed
    post_list.search_box = box
    hits.search_box = box  # `/` on the comments found: the same box, focused at once
    screen.searching.setup()
    return mounts
