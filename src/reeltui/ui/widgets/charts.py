"""Charts drawn off the UI thread.

A chart of years of months took plotext a few hundred milliseconds, on the UI thread when
it was drawn in `render()`. A `Chart` is given the data to draw (a `ChartSpec`: plain
values, prepared with the figures in their worker), draws it (`chart_text.draw`) in a
thread worker at its size and theme's colours, and paints the text drawn; data equal to
what it shows already is not drawn again. Resized (or the theme changed), it keeps
painting the last drawing until the new one is ready.
"""

from __future__ import annotations

from collections import OrderedDict

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from reeltui.ui.widgets.chart_text import ChartSpec, draw, ticks_for, whole_ticks

__all__ = ["Chart", "ChartSpec", "draw", "ticks_for", "whole_ticks"]

Key = tuple[ChartSpec, int, int, tuple[str, str]]  # what was drawn, at which size, colours
KEPT = 4  # drawings kept per chart (a row shown and hidden again redraws nothing)


class Chart(Widget):
    """A chart that draws in a worker (see the module's docstring)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.spec: ChartSpec | None = None
        self.drawn: tuple[Key, Text] | None = None
        self._kept: OrderedDict[Key, Text] = OrderedDict()
        self._pending: Key | None = None  # being drawn
        self.draws = 0  # drawings made (the tests count them)

    def show(self, spec: ChartSpec) -> None:
        """Draw `spec` (unless it is what the chart shows already)."""
        if spec == self.spec:
            return
        self.spec = spec
        self._draw_for(self._key())

    def _key(self) -> Key | None:
        if self.spec is None or not self.size.width or not self.size.height:
            return None
        theme = self.app.current_theme  # the bars in its primary colour, the line in success
        colors = (theme.primary, theme.success or theme.accent or theme.primary)
        return (self.spec, self.size.width, self.size.height, colors)

    def _draw_for(self, key: Key | None) -> None:
        if key is None or key == self._pending:
            return
        kept = self._kept.get(key)
        if kept is not None:  # drawn lately (the same data at the same size)
            self._kept.move_to_end(key)
            self.drawn = (key, kept)
            self.refresh()
            return
        self._pending = key
        self.run_worker(
            lambda: self._drawing(key), thread=True, exclusive=True, group=f"chart-{self.id}"
        )

    def _drawing(self, key: Key) -> None:
        text = draw(*key)
        self.draws += 1
        self.app.call_from_thread(self._drawn, key, text)

    def _drawn(self, key: Key, text: Text) -> None:
        if key == self._pending:
            self._pending = None
        self._kept[key] = text
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        if key == self._key():  # (not a drawing of data or a size replaced since)
            self.drawn = (key, text)
            self.refresh()

    def render(self) -> RenderResult:
        key = self._key()
        if self.drawn is None:
            self._draw_for(key)
            return Text("")
        if self.drawn[0] != key:
            self._draw_for(key)  # resized: the last drawing until this one is ready
        return self.drawn[1]
