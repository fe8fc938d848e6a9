"""The stats screen's charts are drawn off the UI thread, each when its data arrives, and
only what changed is drawn again (Pilot, real demo store): plotext builds a chart of years
of months in a few hundred milliseconds, which the UI thread used to spend on every paint."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Any

import pytest

from reeltui.domain.identity import Identity
from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.stats import StatsScreen
from reeltui.ui.widgets import charts
from reeltui.ui.widgets.charts import Chart, ChartSpec
from tests.ui.helpers import press, screen_text, settle

FEB_2014 = dt.datetime(2014, 2, 1, tzinfo=dt.UTC)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every chart drawn: (its title, drawn on the UI thread)."""
    seen: list[tuple[str, bool]] = []
    real = charts.draw

    def draw(spec: ChartSpec, *args: Any) -> Any:
        main = threading.current_thread() is threading.main_thread()
        seen.append((spec.title.split(":")[0], main))
        return real(spec, *args)

    monkeypatch.setattr(charts, "draw", draw)
    return seen


async def test_charts_are_drawn_off_the_ui_thread_and_only_when_changed(
    app: ReelApp, open_store: Blog, builds: list[tuple[str, bool]]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(StatsScreen(open_store, writer=Identity(), now=FEB_2014))
        await settle(pilot)
        text = screen_text(app)
        assert "Reviews per rating (reels)" in text and "Per month" in text  # drawn, shown
        assert builds, "no chart was built"
        assert not [b for b in builds if b[1]], "a chart was built on the UI thread"
        assert Counter(t for t, _ in builds) == {"Reviews per rating (reels)": 1, "Per month": 1}
        # Narrowed to the two science-fiction posts: the same one review (its rating chart
        # is unchanged, not drawn again), other comments per month (drawn again, once: the
        # query's hint row takes no line from the charts).
        await press(pilot, "slash", *"tag:", "backspace", "backspace", "backspace", "backspace")
        builds.clear()
        await press(pilot, *'tag:"science fiction"', "enter")
        await settle(pilot)
        assert '2 posts matching tag:"science fiction" · 1 review published' in screen_text(app)
        assert builds == [("Per month", False)]
        # Resized: both drawn again at their new size, off the UI thread, and shown.
        builds.clear()
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert sorted(builds) == [("Per month", False), ("Reviews per rating (reels)", False)]
        for chart in app.screen.query(Chart):
            assert chart.drawn is not None
            assert chart.drawn[0][1:3] == (chart.size.width, chart.size.height)
        assert "Reviews per rating (reels)" in screen_text(app)


async def test_the_query_hint_takes_no_line_from_the_charts(
    app: ReelApp, open_store: Blog, builds: list[tuple[str, bool]]
) -> None:
    """While the query box has focus its hint row (help, completions, an error) covers the
    summary line: the charts keep their size, nothing is drawn again; the summary is back
    when the box is left."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(StatsScreen(open_store, writer=Identity(), now=FEB_2014))
        await settle(pilot)
        charts = list(app.screen.query(Chart))
        sizes = [chart.size for chart in charts]
        summary = "4 posts · "
        assert summary in screen_text(app)
        builds.clear()
        typed = (["slash", "t", "a"], "tab → tag:"), (["ctrl+u", *"date:2013-13"], "⚠ ")
        for keys, said in typed:
            await press(pilot, *keys)
            hint = app.screen.query_one("#stats-hint")
            assert hint.display and said in screen_text(app), screen_text(app)
            assert [chart.size for chart in charts] == sizes
        await press(pilot, "escape")
        assert summary in screen_text(app)
        assert not builds, builds


def chart_rows(app: ReelApp, chart_id: str) -> list[str]:
    chart = app.screen.query_one(f"#{chart_id}", Chart)
    assert chart.drawn is not None
    return chart.drawn[1].plain.splitlines()


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (160, 50)])
async def test_half_reel_bars_never_touch_and_the_legend_is_off_the_bars(
    app: ReelApp, open_store: Blog, size: tuple[int, int]
) -> None:
    """The new-user pass: plotext drew half-reel bars 5 columns wide on a 4-column pitch
    (neighbours ran into each other, or merged into one block), its legend ("L ██ reviews",
    "⅃ ⢕⢕ comments") over the bars, and a single month's comments as one dot."""
    from reeltui.domain.models import Post

    for i in range(11):  # every half reel from 0 to 5, a review or more each
        for j in range(1 + i % 3):
            open_store.save_post(
                Post(id=f"p-r{i}-{j}", slug=f"r{i}-{j}", title=f"R {i} {j}", rating=i / 2,
                     status="published", date="2014-01-05 10:00:00", categories=["Review"])
            )  # fmt: skip
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(StatsScreen(open_store, writer=Identity(), now=FEB_2014))
        await settle(pilot)
        from textual.widgets import DataTable

        discussed = app.screen.query_one("#discussed", DataTable)
        assert not discussed.show_horizontal_scrollbar  # (it read as a stray bar)
        rows = chart_rows(app, "ratings-chart")
        bottom = next(r for r in reversed(rows) if "┤" in r)  # the 0 row: every bar
        runs = [run for run in bottom.split("┤", 1)[1].split(" ") if run.strip("│")]
        assert len(runs) == 11, bottom  # eleven bars, each apart from the next
        assert len({len(run) for run in runs}) == 1, bottom  # all as wide
        months = "\n".join(chart_rows(app, "months-chart"))
        assert "⅃" not in months and "L " not in months  # no legend over the bars
        assert "reviews" in months.splitlines()[0]  # the legend is in the title
        await press(pilot, "slash", *"date:2014-01", "enter")  # a single month
        await settle(pilot)
        months = "\n".join(chart_rows(app, "months-chart"))
        assert "━━━" in months  # the comments a segment across the month, not a dot
