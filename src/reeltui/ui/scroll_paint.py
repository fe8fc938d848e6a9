"""How the main screen paints: a layout arranges the screen once, a layout of the thread's
comment views is painted a step later, and a scroll right after a layout paints what moved,
not the whole screen.

Textual's compositor finds what a scroll moved by comparing the visible widgets' places
with those of the last scroll; a layout (a reply's view mounted, a toast shown) forgets
them, so the first scroll after it finds every widget moved and the screen is painted whole
(every line of the terminal composed again: 15-40 ms for the main screen, a third frame of
a reply: its layout, then the scroll to it). `KeptCompositor` compares that scroll with the
layout's places instead, those the last paint drew (Textual's `visible_widgets` falls back
to them too): the screen is painted where something moved.

A layout (`reflow`) arranges every widget of the screen, the full map; but a scroll since
the last one had marked the full map stale, and Textual did not mark it fresh again: the
first widget asked its region in the same layout (each widget told its new size asks it)
arranged the whole screen a second time (the reply's layout: 6-9 ms more of its frame, with
the thread's 120 comment views then). `KeptCompositor.reflow` marks it fresh.

Textual paints a layout in the step of the event loop that made it. A layout that placed a
container's children again, when the container says `PAINT_APART` (the thread pane: a reply
mounted, the window following the cursor), is the longest step a reply makes: arranging 120
comment views, then painting every line they moved, 37-66 ms of one step under load.
`PacedScreen` paints it `BREATHE` later instead, in a step of its own: keys and timers are
answered between the two halves. Other layouts (a search typed: its answer is awaited) are
painted at once, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.screen import Screen, ScreenResultType
from textual.scroll_view import ScrollView
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.timer import Timer

BREATHE = 0.001  # seconds between a layout of the thread's views and its paint


class KeptCompositor(Compositor):
    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # (arranged whole just now: `full_map` is this)
        return result

    def reflow_visible(self, parent: Widget, size: Size) -> set[Widget]:
        if self._visible_map is None and not self._full_map_invalidated and size == self.size:
            screen = size.region
            self._visible_map = {
                widget: place
                for widget, place in self._full_map.items()
                if screen.overlaps(place.region) and place.clip.overlaps(place.region)
            }
        return super().reflow_visible(parent, size)


class PacedScreen(Screen[ScreenResultType]):
    """A screen that paints a layout of a `PAINT_APART` container's children a step after
    the layout (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = KeptCompositor()
        self._apart = False  # the layout under way is painted apart
        self._paint_due: Timer | None = None  # the paint of a layout, a step after it
        self._painted = False  # (the first frame is never put off: the start waits for it)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        self._apart = (
            self._painted
            and self._paint_due is None
            and any(getattr(node, "PAINT_APART", False) for node in self._layout_widgets)
        )
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._apart = False

    def _compositor_refresh(self) -> None:
        if self._apart and self.is_current:
            self._paint_due = self.set_timer(BREATHE, self._paint_apart, name="paint apart")
            self._apart = False
        if self._paint_due is not None:  # what else is to paint meanwhile waits for it (its
            self._dirty_widgets.clear()  # regions are the compositor's already, as Textual's
            return  # callers hand them over before they ask for a paint)
        super()._compositor_refresh()
        self._painted = self._painted or self.is_current

    def _paint_apart(self) -> None:
        self._paint_due = None
        if self.is_attached:
            # Widgets whose updates came in the step between are not the compositor's yet
            # (Textual hands them over in its update timer, which has not run): the paint
            # below forgets its list of them, so they are put back for that timer (the
            # status line's count after a reply stayed at "0 queued replies" on screen).
            waiting = set(self._dirty_widgets)
            self._compositor_refresh()
            if waiting:
                self._dirty_widgets.update(waiting)
                self.check_idle()


class SteadyScrollView(ScrollView):
    """A scroll view whose scroll bars are not drawn again by a layout that changed nothing
    of theirs.

    Each layout of the screen tells every widget its size (`_size_updated`); Textual's
    ScrollView compares the layout's virtual size (its region: it has no children) with its
    own (its rows), never equal, so every layout updated its scroll bars and refreshed them:
    the post list's 35-line bar rendered again in each frame that lays out the screen (a
    reply's layouts: ~10% of the paint of the thread's layout). Here the bars are updated
    when the size, the container's size or the view's own virtual size changed since the
    last update (a view that sets its virtual size without a layout updates them itself:
    `PostList._fit`)."""

    _scrolled_for: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        seen = (size, self.virtual_size, container_size)
        if seen == self._scrolled_for and self._size == size:
            return False  # (what Textual returns for no change of size)
        self._scrolled_for = seen
        return super()._size_updated(size, virtual_size, container_size, layout)
