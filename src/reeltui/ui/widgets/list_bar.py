"""The post list's scroll bar, drawn again only when its thumb moves or changes size.

Textual draws a scroll view's bars again whenever the view's scrollable size is set
(`Widget._scroll_update` refreshes them unconditionally). The post list sets it at each
answer of a search typed (a new count of rows): at 50,000 posts a short word's answers
(49,852 posts hold "har", then 2,611 "harb") leave the thumb where it was, one cell at the
top, yet the bar's 31 lines were rendered again, 2-8 ms of such a frame. `quiet_update`
sets the bar's figures without drawing it when the thumb it draws is the same.
"""

from __future__ import annotations

from math import ceil

from textual.geometry import Size
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widget import Widget

Look = tuple[int, int, int] | None


def thumb(size: int, virtual: float, window: float, position: float) -> Look:
    """What a vertical bar of `size` cells draws: its thumb's first and last eighth of a cell
    (None: no thumb), as `ScrollBar._render_bar` and `ScrollBarRender.render_bar` find them."""
    window = window if window < virtual else 0
    virtual, window = ceil(virtual), ceil(window)
    if not (window and size and virtual and size != virtual):
        return None
    eighths = len(ScrollBarRender.VERTICAL_BARS)
    thumb_size = max(1, window / (virtual / size))
    at = (size - thumb_size) * (position / (virtual - window))
    start = int(at * eighths)
    return size, start, start + ceil(thumb_size * eighths)


def quiet_update(view: Widget, virtual_size: Size) -> bool:
    """Set the vertical bar of `view` for its new `virtual_size` without drawing it again
    when its thumb stays as drawn; False when the bar must be updated as Textual does
    (another thumb, a bar that comes or goes, a horizontal bar)."""
    if not (view.show_vertical_scrollbar and view.styles.scrollbar_size_vertical):
        return False
    if view.show_horizontal_scrollbar:
        return False
    bar: ScrollBar = view.vertical_scrollbar
    window = view.container_size.height - view.scrollbar_size_horizontal
    size = bar.size.height
    drawn = thumb(size, bar.window_virtual_size, bar.window_size, bar.position)
    if drawn is None or drawn != thumb(size, virtual_size.height, window, bar.position):
        return False
    bar.set_reactive(ScrollBar.window_virtual_size, virtual_size.height)
    bar.set_reactive(ScrollBar.window_size, window)
    view.scroll_y = view.validate_scroll_y(view.scroll_y)  # (as Textual's update ends)
    return True
