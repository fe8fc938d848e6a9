"""The main screen's status line and the list pane's title: what the list shows (how many
posts, in which order, under which filters and search), said again after each load."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reeltui.ui.widgets.pane_title import set_titles
from reeltui.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    from reeltui.ui.screens.main_list import Listing


def show_status(listing: Listing) -> None:
    if listing.counts is None:
        return
    status = listing.screen.query_one(StatusLine)
    searching = listing.screen.searching
    hits = searching.hits if searching.mounted else None
    if hits is not None and hits.display:  # the comments found (the pane's title is theirs)
        found = len(hits.items)
        status.set_status(listing.counts, found, listing.sort, f"search: {listing.search}", True)
        return
    shown = len(listing.screen.post_list.items)
    views = ["my drafts first"] if listing.my_drafts else []
    filters = ", ".join(views + [f"{k}: {v}" for k, v in listing.filters.items()])
    error = ""
    if listing.search:  # (as the search box finds it; its module comes after the first frame)
        from reeltui.ui.widgets.query_box import problem

        error = problem(listing.search)
    if error:  # the list shows what it showed: say why, whole
        filters = ", ".join(x for x in (filters, f"search not applied: {error}") if x)
    elif listing.search:
        note = " (titles so far: searching the text…)" if listing.partial else ""
        filters = ", ".join(x for x in (filters, f"search: {listing.search}{note}") if x)
    order = f"{listing.sort}{' (reversed)' if listing.reversed else ''}"
    status.set_status(listing.counts, shown, order, filters)
    pane = listing.screen.query_one("#list-pane")
    title, subtitle = f"Posts ({shown})", f"sort: {order}"
    set_titles(pane, title, subtitle)  # (the border's line drawn again, if changed)
