"""Reading like a feed reader: next unread post, next post with new comments, mark all read,
reverse order; and F clearing every filter and search from any pane."""

from __future__ import annotations

import dataclasses

from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.confirm import ConfirmScreen
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import HER, Notes, press, settle


def main(app: ReelApp) -> MainScreen:
    assert app.main_screen is not None
    return app.main_screen


def titles(app: ReelApp) -> list[str]:
    return [i.row.post.title for i in main(app).query_one(PostList).items]


async def test_next_unread_then_mark_all_read(app: ReelApp) -> None:
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        order = [i.row.post.id for i in main(app).query_one(PostList).items]
        await press(pilot, "enter")  # the first post: read now
        await press(pilot, "right_square_bracket")  # from the reader: the next unread one
        assert main(app).current_post == order[1]
        assert main(app).query_one(Reader).scroller.has_focus
        await press(pilot, "right_square_bracket")
        assert main(app).current_post == order[2]
        await press(pilot, "A")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        items = main(app).query_one(PostList).items
        assert not any(i.mark.unread for i in items)
        await press(pilot, "right_square_bracket")
        assert "no unread posts in the list" in notes
        assert main(app).current_post == order[2]


async def test_next_post_with_new_comments_opens_its_thread(app: ReelApp, open_store: Blog) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "A", "y")  # everything read
        her = open_store.post_by_slug(HER)
        first = open_store.comments(her.id)[0]
        new = dataclasses.replace(first, id="c-new", parent_id=None, body="A late *comment*.")
        open_store.save_comment(new)  # as a sync brings one: the list hears of it
        await settle(pilot)
        assert any(i.mark.new_comments for i in main(app).query_one(PostList).items)
        await press(pilot, "W")
        assert main(app).current_post == her.id
        assert main(app).query_one(Thread).has_focus


async def test_reverse_order_and_f_clears_every_search(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        newest_first = titles(app)
        await press(pilot, "r")
        assert titles(app) == newest_first[::-1]
        assert main(app).listing.reversed
        await press(pilot, "r")
        assert titles(app) == newest_first
        await press(pilot, "slash", *"gravity", "enter")
        assert len(titles(app)) == 1
        await press(pilot, "enter", "slash", *"the", "enter")  # search in the open post
        reader = main(app).query_one(Reader)
        assert reader.counter and reader.scroller.has_focus
        await press(pilot, "F")  # from the reader's text
        assert titles(app) == newest_first
        assert main(app).listing.search == "" and reader.counter == ""
        assert not reader.query_one("#reader-searchbar").has_class("-visible")
