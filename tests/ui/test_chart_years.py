"""The months chart's year labels sit over their own year's bars (the new-user pass: "2014"
stood over a December 2013 bar, and 2013 had no label). Months grouped a column (more months
than columns) were grouped from the first month on, so a column held December and January
and January's label went over it; a group now never holds two years' months (its size
divides a year, a January starts one), a year's label never starts before its first month's
column, and the first year's months before its January get their year where it fits."""

from __future__ import annotations

from reeltui.services.stats import Stats
from reeltui.ui.screens.stats import months_chart
from reeltui.ui.widgets.chart_text import _grouping, draw


def _months(first_year: int, first_month: int, reviews: list[int]) -> Stats:
    months = []
    for i, n in enumerate(reviews):
        year, month = divmod(first_month - 1 + i, 12)
        months.append((f"{first_year + year}-{month + 1:02d}", n, 0))
    return Stats("", 0, 0, 0, (), tuple(months), (), ())


def _columns(text: str) -> tuple[str, str, str]:
    """The chart's top row, its axis line and its labels line."""
    lines = text.splitlines()
    return lines[1], lines[-2], lines[-1]


def test_a_years_label_is_not_over_the_december_before_it() -> None:
    # December 2013 the only tall bar; 2014 and 2015 low ones: 25 months in ~16 columns
    stats = _months(2013, 12, [8] + [1] * 24)
    top, _, labels = _columns(draw(months_chart(stats), 40, 10, ("red", "blue")).plain)
    december = {i for i, c in enumerate(top) if c == "█"}
    assert december, top
    at = labels.index("2014")
    assert not december & set(range(at, at + 4)), (top, labels)  # not over December's bar
    assert at > max(december), (top, labels)
    # and the next year's label is right of 2014's months, never over them
    assert labels.index("2015") > at + 4


def test_every_column_holds_one_years_months() -> None:
    stats = _months(2013, 11, [1] * 40)  # 2013-11 .. 2017-02
    spec = months_chart(stats)
    months = [m for m, _, _ in stats.months]
    for width in range(14, 100, 3):
        cols = width - 4  # (the axes' labels and lines)
        per, shift, groups = _grouping(spec, len(months), cols)
        years: dict[int, set[str]] = {}
        for x, month in enumerate(months):
            years.setdefault((x + shift) // per, set()).add(month[:4])
        assert all(len(y) == 1 for y in years.values()), (width, per, years)
        assert len(years) == groups and groups * 2 <= cols
    # with room, the first year's two months have their year too
    wide = draw(spec, 90, 8, ("red", "blue")).plain
    assert _columns(wide)[2].split()[:2] == ["2013", "2014"], wide
