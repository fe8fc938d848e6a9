"""Every view shows a comment's date (and the reader a post's) the same way, by one function
(`domain.dates.display_date`): "2014-01-11 16:40", never "2014-01-11T16:40" in one place and the
day alone in another. Pilot, real demo store: the thread, the reader's heading, the inbox's
table and detail, the comment search's hits, the composer and the outbox's detail."""

from __future__ import annotations

import re

from reeltui.domain.dates import display_date
from reeltui.services import Blog, replies
from reeltui.ui.app import make_app
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen
from tests.ui.helpers import HER, burst, screen_text, settle

RAW = re.compile(r"\d{4}-\d\d-\d\dT\d\d")  # an ISO date shown as stored


def test_the_one_date_form() -> None:
    assert display_date("2014-01-11T09:00:00+00:00") == "2014-01-11 09:00"
    assert display_date("2014-01-11T09:00:00Z") == "2014-01-11 09:00"
    assert display_date("2014-01-11") == "2014-01-11"  # a day alone: no made-up midnight
    assert display_date("") == ""
    assert display_date("yesterday\x1b[2J") == "yesterday"  # not a date: shown, made safe


async def test_the_thread_inbox_search_composer_and_outbox_agree(blog: Blog) -> None:
    priya = blog.comment("c-her-6")
    when = display_date(priya.date)
    assert len(when) == len("2014-01-11 16:40")
    tom = display_date(blog.comment("c-her-4").date)
    replies.reply(blog, "c-her-4", "Thanks Tom!")  # for the outbox
    app = make_app(blog)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert main is not None
        await main.open_post(f"p-{HER}")
        await burst(pilot, "c")  # the comments
        text = screen_text(app)
        assert f"{display_date(blog.post(f'p-{HER}').date)}  ·  " in text  # reader's heading
        first = display_date(blog.comment("c-her-1").date)
        assert f"Marcy Lindqvist  {first}" in text  # the thread
        assert not RAW.search(text)

        await burst(pilot, "<escape>", "/", "in:comments author:priya", "<enter>")
        text = screen_text(app)
        assert when in text and not RAW.search(text)  # the hit's meta line
        await burst(pilot, "<escape>", "F")

        await burst(pilot, "i")
        inbox = app.screen
        assert isinstance(inbox, InboxScreen)
        ids = [item.comment.id for item in inbox.items]
        inbox.table.move_cursor(row=ids.index("c-her-6"))
        await settle(pilot)
        text = screen_text(app)
        rows = [line for line in text.splitlines() if "Priya Natarajan" in line]
        assert any(when in row and "FlixChatter" in row for row in rows)  # the table
        assert f"Priya Natarajan · {when}" in text  # the detail
        assert not RAW.search(text)

        CommentActions(app.screen, blog).reply("c-her-6")
        await settle(pilot)
        assert isinstance(app.screen, ComposerScreen)
        text = screen_text(app)
        assert f"Priya Natarajan · {when}" in text and not RAW.search(text)
        await burst(pilot, "<escape>")

        await app.push_screen(OutboxScreen(blog))
        await settle(pilot)
        text = screen_text(app)
        assert f"In reply to Tom Okafor · {tom}:" in text and not RAW.search(text)
