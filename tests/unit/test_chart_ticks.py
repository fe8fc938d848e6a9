"""The stats charts count things: both axes read whole numbers (the months chart's right
axis, the comments line's, read "78.3" and "94.0": found by the new-user pass)."""

from __future__ import annotations

import re

from reeltui.ui.widgets.charts import ChartSpec, draw, ticks_for, whole_ticks

COLORS = ("blue", "green")  # the bars', the line's


def test_both_axes_of_a_bars_and_line_chart_read_whole_numbers() -> None:
    spec = ChartSpec(
        "Per month",
        bars=tuple((i, i % 5 + 1) for i in range(12)),
        line=tuple((i * 37) % 101 for i in range(12)),
        top=5,
        xticks=((0, "Jan"), (6, "Jul")),
    )
    lines = draw(spec, 80, 14, COLORS).plain.splitlines()
    right = [m.group(1) for line in lines if (m := re.search(r"├(\S+)\s*$", line))]
    assert right and all(label.isdigit() for label in right), right
    assert int(right[0]) >= 95  # the line's highest value is on the axis


def test_whole_ticks_reach_the_top_in_at_most_six_steps() -> None:
    assert whole_ticks(0) == [0.0, 1.0]
    assert whole_ticks(94) == [0.0, 19.0, 38.0, 57.0, 76.0, 95.0]
    assert all(len(whole_ticks(n)) <= 6 and whole_ticks(n)[-1] >= n for n in range(1, 500))


def test_no_two_ticks_share_a_row_at_any_height() -> None:
    """Two ticks on one row are drawn in an order that changes with Python's string hashing
    (the 80x24 stats snapshot read "4" in one process, "6" in the next): every tick asked for
    is on the axis, on a row of its own, whatever the chart's height."""
    line = tuple((i * 37) % 101 for i in range(12))
    spec = ChartSpec("Per month", bars=tuple((i, i % 5 + 1) for i in range(12)), line=line, top=5)
    for height in range(6, 31):
        lines = draw(spec, 80, height, COLORS).plain.splitlines()
        right = [m.group(1) for line in lines if (m := re.search(r"├(\S+)\s*$", line))]
        left = [m.group(1) for line in lines if (m := re.match(r"\s*(\d+)┤", line))]
        assert len(right) == len(whole_ticks(max(line), ticks_for(height))), (height, right)
        assert len(left) == len(whole_ticks(5, ticks_for(height))), (height, left)


def test_a_title_wider_than_the_chart_keeps_its_first_words() -> None:
    """At 80 columns the months chart is ~38 wide: plotext dropped its 55-character title;
    a chart too narrow for every title keeps the words before the colon."""
    title = "Per month: reviews (bars) · comments (line, right axis)"
    spec = ChartSpec(title, bars=((0, 1),), top=1)
    assert "Per month" in draw(spec, 38, 12, COLORS).plain
    assert "Per month: reviews (bars)" in draw(spec, 80, 12, COLORS).plain
