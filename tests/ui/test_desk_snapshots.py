"""How the stats screen and a recap draft look (SVG snapshots; update with
--snapshot-update, then look at the SVGs). Fixed clock, fixed store label, no blink."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.domain.identity import Identity
from reeltui.services import recap
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.stats import StatsScreen
from tests.ui.helpers import press, settle
from tests.ui.test_editor_snapshots import clock, steady_cursors

FEB_2014 = dt.datetime(2014, 2, 1, tzinfo=dt.UTC)


async def steady(pilot: Pilot[None]) -> None:
    # The stats screen is run alone (only_initial): its look, not the main screen's. (The
    # snapshots that failed at random were the months chart's crowded right axis, whose
    # ticks sharing a row were drawn in an order set by PYTHONHASHSEED: see charts.ticks_for.)
    pilot.app.sub_title = "store ~/.local/share/reeltui/store"
    await settle(pilot)
    await steady_cursors(pilot)
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_screen(snap_compare: Any, store_path: Path, size: tuple[int, int]) -> None:
    blog = open_blog(store_path)
    app = make_app(
        blog,
        settings=Settings(),
        initial_screen=lambda: StatsScreen(blog, writer=Identity(), now=FEB_2014),
        only_initial=True,  # (the look of the stats screen alone: see steady)
    )
    assert snap_compare(app, terminal_size=size, run_before=steady)


def test_stats_screen_while_narrowing(snap_compare: Any, store_path: Path) -> None:
    """The query box's hint (completions) covers the summary line: the charts keep theirs."""
    blog = open_blog(store_path)
    app = make_app(
        blog,
        settings=Settings(),
        initial_screen=lambda: StatsScreen(blog, writer=Identity(), now=FEB_2014),
        only_initial=True,  # (the look of the stats screen alone: see steady)
    )

    async def typing(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await press(pilot, "slash", "t", "a")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=typing)


def test_recap_draft(snap_compare: Any, store_path: Path) -> None:
    blog = open_blog(store_path)
    month = recap.month_of(blog, "2014-01")
    draft = recap.draft(blog, month, month.candidates()[0].key, recap.default_author(blog))
    draft.id = "p-recap-snapshot"
    app = make_app(
        blog,
        settings=Settings(),
        initial_screen=lambda: EditorScreen(blog, draft=draft, clock=clock, autosave_delay=3600),
    )
    assert snap_compare(app, terminal_size=(120, 40), run_before=steady)
