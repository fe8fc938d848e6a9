"""A post whose file was damaged by hand (issue #21): opening it in the app says so in a
message naming the file and how to mend it; the app goes on, and the next post opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from tests.conftest import need_shared
from tests.ui.helpers import Notes, press, settle, wait_until


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


async def test_a_damaged_posts_index_is_left_as_it_is_by_the_app(tmp_path: Path) -> None:
    """The posts index of an imported blog (one month: one file) damaged by hand: the app
    says so and writes nothing. It rewrote the file from the posts' files three seconds
    after opening (a recount: the blog's own people, worked out from the posts it could
    list — none — differed from meta.json's) and stored an empty set of own people, without
    a word and without a copy of what it replaced."""
    wxr = need_shared("fixtures", "wxr", "small-export.xml")
    store = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-m", "reeltui", "import", "--store", str(store), str(wxr)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    [page] = sorted((store / "posts-index").glob("*.json"))
    page.write_text("garbage")
    meta = (store / "meta.json").read_bytes()
    notes = Notes()
    with open_blog(store) as blog:
        app = make_app(blog, settings=Settings())
        app.survive_bugs = True  # (as in a terminal: a worker's store error is said)
        async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
            vocabulary = [w for w in app.workers if w.group == "vocabulary"]
            assert vocabulary  # (the worker whose reading of the posts set the recount off)
            await wait_until(
                pilot,
                lambda: "is not valid JSON" in notes and vocabulary[0].is_finished,
                "the damage said and the posts' names read",
            )
            await wait_until(pilot, lambda: not any(w.is_running for w in app.workers), "idle")
            assert app.is_running
    assert page.read_text() == "garbage"
    assert (store / "meta.json").read_bytes() == meta
