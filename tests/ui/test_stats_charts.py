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
        # is unchanged, not drawn again), other comments per month (drawn again). (The
        # query's hint row takes a line from the charts while the box has focus: drawn at
        # that height once, then kept; the new months may be drawn at both heights.)
        await press(pilot, "slash", *"tag:", "backspace", "backspace", "backspace", "backspace")
        builds.clear()
        await press(pilot, *'tag:"science fiction"', "enter")
        await settle(pilot)
        assert '2 posts matching tag:"science fiction" · 1 review published' in screen_text(app)
        assert builds and set(builds) == {("Per month", False)}  # (at each height it had)
        # Resized: both drawn again at their new size, off the UI thread, and shown.
        builds.clear()
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert sorted(builds) == [("Per month", False), ("Reviews per rating (reels)", False)]
        for chart in app.screen.query(Chart):
            assert chart.drawn is not None
            assert chart.drawn[0][1:3] == (chart.size.width, chart.size.height)
        assert "Reviews per rating (reels)" in screen_text(app)
