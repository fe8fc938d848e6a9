"""A post whose file was damaged by hand (issue #21): opening it in the app says so in a
message naming the file and how to mend it; the app goes on, and the next post opens."""

from __future__ import annotations

from pathlib import Path

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from tests.ui.helpers import Notes, press, settle


async def test_opening_a_damaged_post_says_so_and_the_app_goes_on(store_path: Path) -> None:
    notes = Notes()
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
            await settle(pilot)
            screen = app.main_screen
            damaged = screen.post_list.current_id
            assert damaged is not None
            (store_path / "posts" / f"{damaged}.json").write_text('{"post": {"cut')
            await press(pilot, "enter")
            assert app.is_running
            assert "is not valid JSON" in notes and "reeltui check --repair" in notes
            assert screen.current_post != damaged
            await press(pilot, "j", "enter")
            assert app.is_running and screen.current_post == screen.post_list.current_id
            assert screen.current_post not in (None, damaged)
