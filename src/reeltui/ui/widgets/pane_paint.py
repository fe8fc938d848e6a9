"""A pane (the thread's) whose own lines are not painted again when only its titles changed
or a child was mounted into it.

The pane is a container as tall as the screen's middle: its own lines are its background
and border (25 at 120x40), under its children. Textual renders them all again when a title
is set (the thread's count, "Comments (21)", changes with a reply, a mark...) and when a
child is mounted (`mount` refreshes the parent for a layout, twice: when awaited and from
the parent's next callbacks): a fifth of the paint of a reply's new comment. Here a title
repaints the border's first and last rows only (`set_titles`, nothing when both are as
shown), and the layout asked by a mount made under `mounting` repaints none of the pane's
lines (the layout repaints the views it moved; a change of the pane's size repaints it whole,
Textual's `_size_updated`). Only there: a layout refresh of the pane that repainted none of
its lines in general (the window following the cursor, scrolled) left views unpainted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.geometry import Region

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:  # (a plain mixin: a Widget class in the pane's bases changed its CSS and keys)
    _Base = object


class PanePaint(_Base):
    """A mixin, before the pane's container class."""

    _titling = False  # a title is being set: its repaint is the border's rows
    _mounting = 0  # mounts under way (`mounting`): their layouts repaint none of our lines

    def set_titles(self, title: str, subtitle: str) -> None:
        """Show `title` in the top border and `subtitle` in the bottom one (plain text)."""
        if (self.border_title, self.border_subtitle or "") == (title, subtitle):
            return
        self._titling = True
        try:
            self.border_title = title
            self.border_subtitle = subtitle
        finally:
            self._titling = False

    @contextlib.contextmanager
    def mounting(self) -> Iterator[None]:
        """Children mounted (and awaited) inside: the layouts their mount asks for repaint
        none of the pane's own lines, up to the pane's next callbacks (Textual's second)."""
        self._mounting += 1
        try:
            yield
        finally:
            self.call_next(self._mounted)

    def _mounted(self) -> None:
        self._mounting -= 1

    def _border_rows(self) -> tuple[Region, ...]:
        """The top and bottom rows of the pane, in the content's coordinates (as `refresh`
        takes regions); none when it has no size yet (painted whole then)."""
        width, height = self.outer_size
        if not width or not height:
            return ()
        x, y = self.content_offset
        return Region(-x, -y, width, 1), Region(-x, height - 1 - y, width, 1)

    def refresh(self, *regions: Region, **kwargs: Any) -> Any:
        if not regions and not kwargs.get("recompose"):
            if self._titling and not kwargs.get("layout"):
                regions = self._border_rows()
            elif self._mounting and kwargs.get("layout") and self.outer_size:
                kwargs["repaint"] = False
        return super().refresh(*regions, **kwargs)
