"""The stats screen's charts are drawn off the UI thread, each when its data arrives, and
only what changed is drawn again (Pilot, real demo store): plotext builds a chart of years
of months in a few hundred milliseconds, which the UI thread used to spend on every paint."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest
from textual_plotext import Plot

from reeltui.domain.identity import Identity
from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.stats import StatsScreen
from reeltui.ui.widgets.charts import Chart
from tests.ui.helpers import press, screen_text, settle

FEB_2014 = dt.datetime(2014, 2, 1, tzinfo=dt.UTC)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every chart plotext builds: (its title, built on the UI thread)."""
    seen: list[tuple[str, bool]] = []
    real = Plot.build

    def build(self: Plot) -> str:
        title = str(self.monitor.title or "")  # type: ignore[attr-defined]
        seen.append((title.split(":")[0], threading.current_thread() is threading.main_thread()))
        return real(self)

    monkeypatch.setattr(Plot, "build", build)
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
