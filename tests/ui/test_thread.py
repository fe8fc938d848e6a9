"""The comment thread: tree order, collapse/expand, jumps, badges, wrapping, sanitising."""

from __future__ import annotations

from reeltui.domain.models import Comment
from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.widgets.thread import CommentView, Thread
from tests.ui.helpers import HER, press, screen_text, settle


async def open_her_comments(app: ReelApp, pilot: object) -> Thread:
    await press(pilot, "enter", "c")  # type: ignore[arg-type]
    thread = app.screen.query_one(Thread)
    assert thread.has_focus
    return thread


def current(thread: Thread) -> str:
    assert thread.current is not None
    return thread.current.id


async def test_tree_order_and_jumps(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await open_her_comments(app, pilot)
        order = [(v.comment.id, v.depth) for v in thread.views]
        assert order == [
            ("c-her-1", 1), ("c-her-2", 2), ("c-her-3", 3),
            ("c-her-4", 1), ("c-her-5", 2), ("c-her-6", 1),
        ]  # fmt: skip
        assert current(thread) == "c-her-1"
        await press(pilot, "j", "j")
        assert current(thread) == "c-her-3"
        await press(pilot, "p")
        assert current(thread) == "c-her-2"
        await press(pilot, "p")
        assert current(thread) == "c-her-1"
        await press(pilot, "J")  # next sibling at the top level
        assert current(thread) == "c-her-4"
        await press(pilot, "K")
        assert current(thread) == "c-her-1"
        await press(pilot, "right_curly_bracket", "right_curly_bracket")
        assert current(thread) == "c-her-6"
        await press(pilot, "left_curly_bracket")
        assert current(thread) == "c-her-4"
        await press(pilot, "down")
        assert current(thread) == "c-her-5"
        await press(pilot, "G")
        assert current(thread) == "c-her-6"
        await press(pilot, "g")
        assert current(thread) == "c-her-1"
        text = screen_text(app)
        assert "Marcy Lindqvist" in text and "2014-01-11 14:02" in text
        assert "Ruth (author)" in text


async def test_space_collapses_and_expands_replies(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await open_her_comments(app, pilot)
        await press(pilot, "space")
        assert [v.comment.id for v in thread.views if v.display] == [
            "c-her-1", "c-her-4", "c-her-5", "c-her-6",
        ]  # fmt: skip
        assert "+2 replies hidden" in screen_text(app)
        await press(pilot, "j")  # the cursor skips hidden replies
        assert current(thread) == "c-her-4"
        await press(pilot, "k", "space")
        assert all(v.display for v in thread.views)
        assert "hidden" not in screen_text(app)


async def test_badges_wrapping_and_sanitising(app: ReelApp, open_store: Blog) -> None:
    her = open_store.post_by_slug(HER)
    long_body = "This is a very long comment about the film. " * 12
    open_store.save_comment(
        Comment(
            id="c-evil",
            post_id=her.id,
            parent_id="c-her-6",
            author="Evil\x1b]0;pwned\x07 \u202eReader",
            date="2014-01-20T10:00:00+00:00",
            body="Hidden \x1b[31mred\x1b[0m text\u202e and a bell\x07. " + long_body,
            status="pending",
        )
    )
    open_store.save_comment(
        Comment(
            id="c-mine",
            post_id=her.id,
            parent_id="c-her-6",
            author="Ruth",
            date="2014-01-21T10:00:00+00:00",
            body="My queued reply",
            origin="local",
            sync_state="queued",
        )
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await open_her_comments(app, pilot)
        await press(pilot, "G")
        evil = next(v for v in thread.views if v.comment.id == "c-evil")
        rendered = evil.build().plain
        assert "\x1b" not in rendered and "\u202e" not in rendered and "\x07" not in rendered
        assert "Hidden red text and a bell." in rendered
        assert "[pending]" in rendered
        mine = next(v for v in thread.views if v.comment.id == "c-mine")
        assert "[⧗ not yet sent]" in mine.build().plain
        # Long comments wrap inside the pane: the view is several lines tall, none wider.
        assert evil.size.height > 3
        assert evil.size.width <= thread.size.width
        thread.scroll_to_widget(evil, animate=False)
        await settle(pilot)
        assert "[pending]" in screen_text(app)


async def test_click_selects_a_comment(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await open_her_comments(app, pilot)
        target = thread.query(CommentView)[1]
        await pilot.click(target)
        await settle(pilot)
        assert current(thread) == "c-her-2"
