"""The stats charts drawn as text (Rich only: any thread), a column per slot at a fixed
pitch.

plotext drew them before: at the sizes of the stats screen (30-70 columns) it rounded each
bar on its own, so half-reel bars ran into their neighbours (5 columns on a 4-column pitch)
or merged into one block; its legend ("L ██", "⅃ ⢕⢕") was drawn over the bars; a single
month's line was one braille dot. Here every slot has the same whole number of columns and
a bar leaves at least one of them empty and is centred on its slot's tick; a slot is 2
columns at least (more slots than that: a column stands for several, the largest shown);
the legend is in the title; the line is a step (`━` across each month's slot) on its own
right axis, so one month is a visible segment, drawn beside the bars, never over their cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"  # a bar's top cell, in eighths of a row
STEP = "━"  # the line: one segment across each slot


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """What a chart shows: bars at x positions (slots 0..n-1) on the left axis (`top`: its
    highest value) and, optionally, a line over 0..n-1 on the right axis; ticks as
    (position, label). `titles`: shorter titles (legend included) for narrower charts,
    longest first, `title` first of all."""

    title: str
    bars: tuple[tuple[int, int], ...] = ()
    bar_width: float = 0.7  # of a slot's columns (one at least is left empty)
    line: tuple[int, ...] = ()
    xticks: tuple[tuple[int, str], ...] = ()
    xlim: tuple[float, float] | None = None  # (-0.5, n - 0.5): n slots
    top: int = 0
    axes: bool = True  # False: the title alone (nothing to plot)
    titles: tuple[str, ...] = ()


def whole_ticks(top: int, most: int = 6) -> list[float]:
    """Whole-number ticks from 0 to at least `top`, at most `most` (>= 2) of them."""
    step = max(1, -(-top // (max(most, 2) - 1)))
    return [float(n) for n in range(0, max(top, 1) + step, step)]


def ticks_for(height: int) -> int:
    """How many ticks an axis of a chart `height` rows tall holds, two rows apart at least
    (a label on every row cannot be read)."""
    return max(2, min(6, (height - 4) // 2))


def title_for(spec: ChartSpec, width: int) -> str:
    """The longest of the chart's titles that fits `width`, else the words before the
    first's colon, cut."""
    for title in (spec.title, *spec.titles):
        if cell_len(title) <= width:
            return title
    return spec.title.split(":")[0][:width]


def _slots(spec: ChartSpec) -> int:
    if spec.xlim is not None:
        return max(1, round(spec.xlim[1] - spec.xlim[0]))
    last = max([x for x, _ in spec.bars] + [len(spec.line) - 1, 0])
    return last + 1


def _squeeze(values: dict[int, int], n: int, per: int) -> dict[int, int]:
    """Slots grouped `per` a column (more slots than columns): the largest of each group."""
    out: dict[int, int] = {}
    for x, v in values.items():
        if 0 <= x < n:
            out[x // per] = max(out.get(x // per, 0), v)
    return out


def _bar_width(pitch: int, share: float) -> int:
    """A bar's columns: an odd number (centred on its slot's tick at `pitch // 2`), about
    `share` of the slot, leaving one column of the slot empty at least."""
    bar = max(1, min(pitch - 1, round(pitch * share)))
    return bar if bar % 2 else bar - 1


def draw(spec: ChartSpec, width: int, height: int, colors: tuple[str, str]) -> Text:
    """The chart as text `width` x `height` cells; `colors`: the bars' and the line's."""
    out = Text(no_wrap=True, overflow="crop")
    out.append(title_for(spec, width).center(width).rstrip() + "\n", "bold")
    if not spec.axes or height < 5 or width < 12:
        return out
    left = whole_ticks(spec.top, ticks_for(height))
    right = whole_ticks(max(spec.line), ticks_for(height)) if spec.line else []
    lw = max(len(str(int(t))) for t in left)
    rw = max((len(str(int(t))) for t in right), default=0)
    rows = height - 3  # the title, the axis line, the labels
    cols = width - lw - 1 - (rw + 1 if right else 1)
    if cols < 2:
        return out
    n = _slots(spec)
    per = -(-n // (cols // 2))  # slots a column stands for: 2 columns a slot at least
    n = -(-n // per)
    pitch = cols // n
    bar = _bar_width(pitch, spec.bar_width)
    offset = (cols - n * pitch) // 2
    bars = _squeeze(dict(spec.bars), n * per, per)
    steps = _squeeze(dict(enumerate(spec.line)), n * per, per) if spec.line else {}
    bar_style, line_style = Style(color=colors[0]), Style(color=colors[1], bold=True)
    # each slot's cells, bottom row first: (char, style)
    grid = [[(" ", Style())] * cols for _ in range(rows)]
    for x, value in bars.items():
        eighths = round(value / left[-1] * rows * 8)
        start = offset + x * pitch + pitch // 2 - bar // 2  # centred on its tick
        for r in range(rows):
            filled = min(8, max(0, eighths - 8 * r))
            if filled:
                for c in range(start, start + bar):
                    grid[r][c] = (EIGHTHS[filled], bar_style)
    for x, value in steps.items():
        r = round(value / right[-1] * (rows - 1))
        for c in range(offset + x * pitch, offset + (x + 1) * pitch):
            if grid[r][c][0] == " ":  # a bar's cell stays: the line shows between bars
                grid[r][c] = (STEP, line_style)
    left_at = {round(t / left[-1] * (rows - 1)): str(int(t)) for t in left}
    right_at = {round(t / right[-1] * (rows - 1)): str(int(t)) for t in right}
    for r in reversed(range(rows)):
        label = left_at.get(r)
        out.append((label or "").rjust(lw) + ("┤" if label is not None else "│"), "dim")
        for char, style in grid[r]:
            out.append(char, style)
        if right:
            tick = right_at.get(r)
            out.append("├" + tick if tick is not None else "│", "dim")
        out.append("\n")
    out.append(_axis(spec, lw, cols, offset, pitch, per, right))
    return out


def _axis(
    spec: ChartSpec, lw: int, cols: int, offset: int, pitch: int, per: int, right: list[float]
) -> Text:
    """The x axis with a tick under each labelled slot, and the labels that fit whole."""
    line = ["─"] * cols
    labels = [" "] * cols
    free = 0  # the first column a label may use
    for x, label in spec.xticks:
        at = offset + (x // per) * pitch + pitch // 2
        if not 0 <= at < cols:
            continue
        line[at] = "┬"
        start = max(0, min(cols - len(label), at - len(label) // 2))
        if start >= free and label:
            labels[start : start + len(label)] = label
            free = start + len(label) + 1
    end = "┘" if right else "─"
    axis = " " * lw + "└" + "".join(line) + end
    return Text(axis + "\n" + " " * (lw + 1) + "".join(labels).rstrip(), "dim")
