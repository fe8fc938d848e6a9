"""The app says what the posts index leaves out of its list, as `reeltui posts` does: the new-
user pass hand-edited a row of the index ("rating": "abc") and the post was gone from the
list without a word (services/unlisted.left_out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.main import MainScreen
from tests.ui.helpers import Notes, settle, wait_until
from tests.unit.test_posts_unlisted import DAMAGE


async def test_the_app_says_which_posts_its_list_leaves_out(store_path: Path) -> None:
    done_to, left_out, why = DAMAGE["a refused row"]
    done_to(store_path)
    notes = Notes()
    blog = open_blog(store_path)
    try:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 30), message_hook=notes) as pilot:
            await settle(pilot)
            await wait_until(pilot, lambda: "not listed" in notes, "the notice")
            said = [m for m in notes.messages if "not listed" in m]
            assert len(said) == 1
            assert said[0].startswith(f"{len(left_out)} post") and why in said[0]
            assert "reeltui check --repair" in said[0]
    finally:
        blog.close()


@pytest.mark.parametrize("damage", [None, "a deleted file"])
async def test_a_store_whose_list_is_whole_says_nothing_of_the_kind(
    store_path: Path, damage: str | None
) -> None:
    """A deleted index file is written again when the app opens the store (it may write):
    its month's posts are listed, and nothing is said."""
    if damage:
        DAMAGE[damage][0](store_path)
    notes = Notes()
    blog = open_blog(store_path)
    try:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 30), message_hook=notes) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.screen.listing._told_unlisted  # (looked for)
            assert "not listed" not in notes
            assert len(app.screen.post_list.items) == 4
    finally:
        blog.close()
