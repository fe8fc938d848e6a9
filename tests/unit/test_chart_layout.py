"""Where the stats charts put their bars (the new-user pass): 40 months at 80x24 and
120x40 drew one-column bars touching (`███████`) with the comments line `━` over their
bottom row; the ratings bars sat one column left of their ticks."""

from __future__ import annotations

import dataclasses

import pytest

from reeltui.ui.widgets.charts import ChartSpec, draw

COLORS = ("blue", "green")


def months(n: int) -> ChartSpec:
    return ChartSpec(
        "Per month",
        bars=tuple((i, i % 5 + 1) for i in range(n)),
        bar_width=0.6,
        line=tuple((i * 37) % 101 for i in range(n)),
        xticks=tuple((i, str(2014 + i // 12)) for i in range(0, n, 12)),
        xlim=(-0.5, n - 0.5),
        top=5,
    )


def bottom_row(spec: ChartSpec, width: int, height: int) -> str:
    """The plot's 0 row, axis characters included (columns as drawn)."""
    lines = draw(spec, width, height, COLORS).plain.splitlines()
    return next(line for line in lines if line.lstrip().startswith("0┤"))


@pytest.mark.parametrize("width,height", [(30, 8), (38, 10), (58, 14), (80, 20)])
def test_many_months_bars_never_touch_and_the_line_spares_them(width: int, height: int) -> None:
    spec = months(40)  # every month has a review: every bar reaches the 0 row
    bottom = bottom_row(spec, width, height)
    assert "██" not in bottom, bottom  # an empty column beside every bar
    bars = [i for i, c in enumerate(bottom) if c == "█"]
    assert len(bars) >= 10, bottom
    alone = bottom_row(dataclasses.replace(spec, line=()), width, height)
    assert len(bars) == alone.count("█"), (bottom, alone)  # the line hid none


@pytest.mark.parametrize("width,height", [(38, 10), (58, 14)])
def test_the_comments_line_never_replaces_a_bar_cell(width: int, height: int) -> None:
    """A month without comments puts the line on the 0 row: it is drawn beside the bar
    there, never over its cell (the bars looked as if they floated)."""
    spec = months(12)
    bottom = bottom_row(spec, width, height)
    alone = bottom_row(dataclasses.replace(spec, line=()), width, height)
    assert "━" in bottom, bottom
    assert bottom.count("█") == alone.count("█") == 12, (bottom, alone)


@pytest.mark.parametrize("width", [26, 30, 38, 50, 58, 70])
def test_each_rating_bar_is_centred_on_its_tick(width: int) -> None:
    spec = ChartSpec(
        "Reviews per rating",
        bars=tuple((i, 1 + i % 3) for i in range(11)),
        xticks=tuple((i, f"{i // 2}") for i in range(0, 11, 2)),
        xlim=(-0.5, 10.5),
        top=3,
    )
    lines = draw(spec, width, 10, COLORS).plain.splitlines()
    bottom = next(line for line in lines if line.lstrip().startswith("0┤"))
    axis = next(line for line in lines if "└" in line)
    ticks = [i for i, c in enumerate(axis) if c == "┬"]
    runs: list[list[int]] = []
    for i, c in enumerate(bottom):
        if c == "█":
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    centres = [sum(run) / len(run) for run in runs]
    assert len(runs) == 11, bottom
    assert centres[::2] == ticks, (bottom, axis)  # whole reels: a tick under each bar
