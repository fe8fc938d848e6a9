"""Charts (textual-plotext) drawn off the UI thread.

textual-plotext's `PlotextPlot` builds its plot in `render()`, on the UI thread, each time
the widget is painted: a chart of years of months costs a few hundred milliseconds there,
and the app cannot take a key meanwhile. A `Chart` is given the data to draw (a
`ChartSpec`: plain values, prepared with the figures in their worker), draws it in a
thread worker at its size and theme, and paints the text drawn; data equal to what it
shows already is not drawn again. Resized (or the theme changed), it keeps painting the
last drawing until the new one is ready.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import Plot, PlotextPlot

Key = tuple["ChartSpec", int, int, str]  # what was drawn, at which width, height and theme
KEPT = 4  # drawings kept per chart (a row shown and hidden again redraws nothing)


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """What a chart shows: bars at x positions on the left axis (`top`: its highest value)
    and, optionally, a line over 0..n-1 on the right axis; ticks as (position, label)."""

    title: str
    bars: tuple[tuple[int, int], ...] = ()
    bar_width: float = 0.7
    bar_label: str | None = None
    line: tuple[int, ...] = ()
    line_label: str | None = None
    xticks: tuple[tuple[int, str], ...] = ()
    xlim: tuple[float, float] | None = None
    top: int = 0
    axes: bool = True  # False: the title alone (nothing to plot)


def whole_ticks(top: int, most: int = 6) -> list[float]:
    """Whole-number ticks from 0 to at least `top`, at most `most` (>= 2) of them."""
    step = max(1, -(-top // (max(most, 2) - 1)))
    return [float(n) for n in range(0, max(top, 1) + step, step)]


def ticks_for(height: int) -> int:
    """How many ticks an axis of a chart `height` rows tall holds two rows apart: two ticks
    on one row are drawn in an order that changes with Python's string hashing, so a
    crowded axis read "4" in one process and "6" in the next."""
    return max(2, min(6, (height - 4) // 2))


def draw(spec: ChartSpec, width: int, height: int, theme: str) -> Text:
    """The chart as text (any thread: a Plot of its own, no global state)."""
    plt: Any = Plot()
    # plotext drops a title wider than the chart: the words before its colon, then
    plt.title(spec.title if len(spec.title) <= width - 2 else spec.title.split(":")[0][: width - 2])
    if spec.axes:
        if spec.bars:
            xs, ys = zip(*spec.bars, strict=True)
            kwargs = {"label": spec.bar_label} if spec.bar_label else {}
            plt.bar(list(xs), list(ys), minimum=0, width=spec.bar_width, **kwargs)
        ticks = whole_ticks(spec.top, ticks_for(height))
        plt.yticks(ticks)
        plt.ylim(0, ticks[-1])
        if spec.xlim is not None:
            plt.xlim(*spec.xlim)
        if spec.line:
            plt.plot(
                list(range(len(spec.line))),
                list(spec.line),
                yside="right",
                marker="braille",
                label=spec.line_label,
            )
            # counts: whole numbers on the right axis too (it read "78.3")
            right = whole_ticks(max(spec.line), ticks_for(height))
            plt.yticks(right, [str(int(t)) for t in right], yside="right")
            plt.ylim(0, right[-1], yside="right")
        plt.xticks([x for x, _ in spec.xticks], [label for _, label in spec.xticks])
    plt.plotsize(width, height)
    plt._set_size(width, height)  # (as PlotextPlot.render does: resizing needs both)
    plt.theme(theme)
    return Text.from_ansi(plt.build())


class Chart(PlotextPlot):
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
        theme = self._get_plotext_theme_name(self.app.theme)
        return (self.spec, self.size.width, self.size.height, theme)

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
