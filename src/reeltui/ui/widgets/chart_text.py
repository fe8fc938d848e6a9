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
    # more slots than columns: slots grouped a column by one of `pers` (none: any number),
    # the groups starting where slot `-shift` would (the months chart: a group of months is
    # never of two years, a January starts one)
    pers: tuple[int, ...] = ()
    shift: int = 0
    labels_start: bool = False  # a label starts in its slot's group (a year over its months)


MONTH_GROUPS = (1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120)  # divide a year, or whole years


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


def _squeeze(values: dict[int, int], n: int, per: int, shift: int = 0) -> dict[int, int]:
    """Slots grouped `per` a column (more slots than columns): the largest of each group
    (slot x in group (x + shift) // per)."""
    out: dict[int, int] = {}
    for x, v in values.items():
        if 0 <= x < n:
            g = (x + shift) // per
            out[g] = max(out.get(g, 0), v)
    return out


def _grouping(spec: ChartSpec, n: int, cols: int) -> tuple[int, int, int]:
    """(slots a column stands for, the first slot's place in its group, groups): 2
    columns a group at least; the fewest slots a group of `spec.pers` allows."""
    room = max(1, cols // 2)
    for per in spec.pers:
        groups = -(-(n + spec.shift % per) // per)
        if groups <= room:
            return per, spec.shift % per, groups
    per = -(-n // room)
    return per, 0, -(-n // per)


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
    slots = _slots(spec)
    per, shift, n = _grouping(spec, slots, cols)  # n: the groups, a column each
    pitch = cols // n
    bar = _bar_width(pitch, spec.bar_width)
    offset = (cols - n * pitch) // 2
    bars = _squeeze(dict(spec.bars), slots, per, shift)
    steps = _squeeze(dict(enumerate(spec.line)), slots, per, shift) if spec.line else {}
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
    out.append(_axis(spec, lw, cols, (offset, pitch, per, shift), right))
    return out


def _axis(
    spec: ChartSpec, lw: int, cols: int, place: tuple[int, int, int, int], right: list[float]
) -> Text:
    """The x axis with a tick under each labelled slot, and the labels that fit whole, in
    the order of `spec.xticks` (a label that would touch one placed before is left out)."""
    offset, pitch, per, shift = place
    line = ["─"] * cols
    labels = [" "] * cols
    taken = [False] * (cols + 1)  # a label's cells and the one after it
    for x, label in spec.xticks:
        left = offset + ((x + shift) // per) * pitch
        at = left + pitch // 2
        if not 0 <= at < cols:
            continue
        line[at] = "┬"
        # centred on its tick; `labels_start`: never before its group's first column (a
        # year's label not under the year before), slid left towards it to fit
        lowest = left if spec.labels_start and left > offset else 0
        start = max(lowest, min(cols - len(label), at - len(label) // 2))
        while label and any(taken[max(0, start - 1) : start + len(label) + 1]):
            start -= 1
            if start < lowest:
                break
        else:
            if label:
                stop = start + len(label)
                labels[start:stop] = label
                taken[start : stop + 1] = [True] * (stop + 1 - start)
    end = "┘" if right else "─"
    axis = " " * lw + "└" + "".join(line) + end
    return Text(axis + "\n" + " " * (lw + 1) + "".join(labels).rstrip(), "dim")
