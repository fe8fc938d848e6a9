"""A pane's border title set again with only its border's line drawn again.

Textual draws a widget again whole when its border title changes (`_BorderTitle` refreshes
it). The list's pane says how many posts a search found in its title ("Posts (2611)"), a new
count at most letters typed: the whole pane's lines (37 at a 40-line terminal) were rendered
again, and every line the pane covers put together again (2-11 ms of such a frame at 50,000
posts). `set_titles` refreshes the border's top line (and bottom line, for a new subtitle).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget


def set_titles(pane: Widget, title: str, subtitle: str) -> None:
    """Show `title` and `subtitle` in `pane`'s border, drawing only the lines they are on."""
    top, bottom = pane.border_title != title, pane.border_subtitle != subtitle
    if not (top or bottom):
        return
    if not (pane.is_mounted and _bordered(pane)):
        pane.border_title, pane.border_subtitle = title, subtitle  # (drawn whole)
        return
    own = pane.__dict__.get("refresh")  # (one set on the pane itself: put back after)
    pane.refresh = _drawn_below  # type: ignore[method-assign,assignment]  # (drawn below)
    try:
        pane.border_title, pane.border_subtitle = title, subtitle
    finally:
        if own is None:
            del pane.refresh  # (the class's own again)
        else:
            pane.refresh = own  # type: ignore[method-assign]
    width, height = pane.outer_size
    x, y = pane.content_offset  # (a region given to refresh is the content's: moved by it)
    lines = [0] * top + [height - 1] * bottom
    pane.refresh(*(Region(-x, line - y, width, 1) for line in lines))


def _bordered(pane: Widget) -> bool:
    """Are the pane's top and bottom lines borders (where titles are drawn)?"""
    kinds = (pane.styles.border_top[0], pane.styles.border_bottom[0])
    return all(kind not in ("", "none", "hidden") for kind in kinds)


def _drawn_below(*regions: Region, **kwargs: object) -> None:
    """(Stands for the pane's refresh while its titles are set: `set_titles` draws them.)"""
