"""A scroll right after a layout paints what moved, not the whole screen.

Textual's compositor finds what a scroll moved by comparing the visible widgets' places
with those of the last scroll; a layout (a reply's view mounted, a toast shown) forgets
them, so the first scroll after it finds every widget moved and the screen is painted whole
(every line of the terminal composed again: 15-40 ms for the main screen, a third frame of
a reply: its layout, then the scroll to it). `KeptCompositor` compares that scroll with the
layout's places instead, those the last paint drew (Textual's `visible_widgets` falls back
to them too): the screen is painted where something moved. Used by the main screen.
"""

from __future__ import annotations

from textual._compositor import Compositor
from textual.geometry import Size
from textual.widget import Widget


class KeptCompositor(Compositor):
    def reflow_visible(self, parent: Widget, size: Size) -> set[Widget]:
        if self._visible_map is None and not self._full_map_invalidated and size == self.size:
            screen = size.region
            self._visible_map = {
                widget: place
                for widget, place in self._full_map.items()
                if screen.overlaps(place.region) and place.clip.overlaps(place.region)
            }
        return super().reflow_visible(parent, size)
