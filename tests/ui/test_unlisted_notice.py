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


async def _opened(store_path: Path) -> tuple[Notes, int]:
    """The app opened on the store until its list is whole and looked at: its notices, and
    how many posts it lists."""
    notes = Notes()
    blog = open_blog(store_path)
    try:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 30), message_hook=notes) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await wait_until(pilot, lambda: screen.listing._told_unlisted, "the look")
            await settle(pilot)
            return notes, len(screen.post_list.items)
    finally:
        blog.close()


@pytest.mark.parametrize("damage", ["a refused row", "a deleted file"])
async def test_the_app_says_which_posts_its_list_leaves_out(store_path: Path, damage: str) -> None:
    """(A deleted index file is not made again when the app opens the store: a recount for
    the writer's people wrote it from the posts' files without a word, with counts the list
    did not agree with; it is the user's to repair, `check --repair`.)"""
    done_to, left_out, why = DAMAGE[damage]
    done_to(store_path)
    notes, listed = await _opened(store_path)
    said = [m for m in notes.messages if "not listed" in m]
    assert len(said) == 1 and listed == 4 - len(left_out)
    assert said[0].startswith(f"{len(left_out)} post") and why in said[0]
    assert "reeltui check --repair" in said[0]


async def test_a_store_whose_list_is_whole_says_nothing_of_the_kind(store_path: Path) -> None:
    notes, listed = await _opened(store_path)
    assert "not listed" not in notes and listed == 4
