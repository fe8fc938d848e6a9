"""The stats charts count things: both axes read whole numbers (the months chart's right
axis, the comments line's, read "78.3" and "94.0": found by the new-user pass)."""

from __future__ import annotations

import re

from reeltui.ui.widgets.charts import ChartSpec, draw, whole_ticks


def test_both_axes_of_a_bars_and_line_chart_read_whole_numbers() -> None:
    spec = ChartSpec(
        "Per month",
        bars=tuple((i, i % 5 + 1) for i in range(12)),
        line=tuple((i * 37) % 101 for i in range(12)),
        top=5,
        xticks=((0, "Jan"), (6, "Jul")),
    )
    lines = draw(spec, 80, 14, "pro").plain.splitlines()
    right = [m.group(1) for line in lines if (m := re.search(r"├(\S+)\s*$", line))]
    assert right and all(label.isdigit() for label in right), right
    assert int(right[0]) >= 95  # the line's highest value is on the axis


def test_whole_ticks_reach_the_top_in_at_most_six_steps() -> None:
    assert whole_ticks(0) == [0.0, 1.0]
    assert whole_ticks(94) == [0.0, 19.0, 38.0, 57.0, 76.0, 95.0]
    assert all(len(whole_ticks(n)) <= 6 and whole_ticks(n)[-1] >= n for n in range(1, 500))
