"""The stats tables (the new-user pass): a title or a name too long for its column was cut
without a mark, and the two tables touched ("FlixChatter 3  Marcy"). Pilot, real demo
store: a cut ends in an ellipsis, and a blank column parts the tables, at both sizes."""

from __future__ import annotations

import datetime as dt

import pytest

from reeltui.domain.identity import Identity
from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.stats import StatsScreen
from tests.ui.helpers import screen_text, settle

FEB_2014 = dt.datetime(2014, 2, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_cut_titles_and_names_end_in_an_ellipsis_and_the_tables_are_apart(
    app: ReelApp, open_store: Blog, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(StatsScreen(open_store, writer=Identity(), now=FEB_2014))
        await settle(pilot)
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "2014-01-11" in line)  # the most discussed
        title, rest = row.split("2014-01-11", 1)[1].split(" 3 ", 1)
        assert title.strip().endswith("…") or "HER" in title, row  # cut with a mark, or whole
        assert title.endswith(" "), row  # a blank column before the commenters' table
        assert rest.lstrip().startswith("Marcy Lindqvist"), row
        if size == (80, 24):
            assert title.strip().endswith("…"), row
