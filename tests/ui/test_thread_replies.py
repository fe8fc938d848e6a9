"""Replying and moderating from the real thread pane of the main screen, and the inbox
jumping into a thread: asserted on the screen and in the store files on disk."""

from __future__ import annotations

from reeltui.services import Blog, outbox
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.confirm import ConfirmScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.widgets.thread import Thread
from tests import storefiles
from tests.ui.helpers import press, screen_text, settle


def stored_comments(blog: Blog) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = storefiles.comments(blog.path)
    return found


async def test_reply_quote_moderate_and_delete_in_the_thread_pane(
    app: ReelApp, open_store: Blog
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")  # open the Her review, go to its comments
        thread = app.screen.query_one(Thread)
        assert thread.has_focus and thread.current is not None
        assert thread.current.id == "c-her-1"
        await press(pilot, "r")
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press(*"Thanks Marcy!")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, ComposerScreen)
        # The reply is in place under c-her-1, marked not yet sent, and the cursor is on it.
        mine = thread.current
        assert mine is not None and mine.parent_id == "c-her-1" and mine.body == "Thanks Marcy!"
        text = screen_text(app)
        assert "not yet sent" in text
        on_disk = stored_comments(open_store)[mine.id]
        assert on_disk["sync_state"] == "queued" and on_disk["origin"] == "local"
        # Quote-reply to a reader, kept as a draft with Esc: a badge on the parent.
        thread.select("c-her-4")
        await press(pilot, "greater_than_sign")
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press(*"Not sure")
        await press(pilot, "escape")
        parent_view = next(v for v in thread.views if v.comment.id == "c-her-4")
        assert "[✎ reply draft]" in parent_view.build().plain
        draft = thread.current  # the cursor is on the kept draft, shown in place
        assert draft is not None and draft.sync_state == "local" and draft.body.endswith("Not sure")
        assert "✎ draft" in screen_text(app)
        # Moderation: spam, then restore, each a single key on the highlighted comment.
        thread.select("c-her-6")
        await press(pilot, "s")
        assert stored_comments(open_store)["c-her-6"]["status"] == "spam"
        assert "[spam]" in screen_text(app)
        await press(pilot, "R")
        assert stored_comments(open_store)["c-her-6"]["status"] == "approved"
        queued = [e.comment_id for e in outbox.entries(open_store)]
        assert "c-her-6" not in queued  # spam then restore before a sync: nothing to send
        # Delete the queued reply, after a confirmation.
        thread.select(mine.id)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert mine.id not in stored_comments(open_store)
        assert "not yet sent" not in screen_text(app)


async def test_inbox_enter_jumps_to_the_comment_in_its_thread(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        assert isinstance(app.screen, InboxScreen)
        await press(pilot, "enter")  # the oldest comment waiting for an answer
        assert not isinstance(app.screen, InboxScreen)
        thread = app.screen.query_one(Thread)
        assert thread.has_focus and thread.current is not None
        chosen = thread.current
        assert chosen.origin == "imported" and chosen.author != "Ruth"
        main = app.main_screen
        assert main is not None and main.current_post == chosen.post_id


async def test_moderation_redraws_one_comment_not_the_thread(
    app: ReelApp, open_store: Blog
) -> None:
    """A comment moderated in place is redrawn alone (rebuilding every comment view froze a
    thread of 5,000 comments for seconds); a new reply draws the tree again."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        before = list(thread.views)
        thread.select("c-her-6")
        await press(pilot, "s")
        assert thread.views == before  # the same widgets: nothing was rebuilt
        assert "[spam]" in screen_text(app)
        assert storefiles.comments(open_store.path)["c-her-6"]["status"] == "spam"


async def test_a_reply_in_a_long_thread_is_added_alone(open_store: Blog) -> None:
    from reeltui.config import Settings
    from reeltui.domain import Comment
    from reeltui.store import records
    from reeltui.ui.app import make_app

    her = open_store.post_by_slug("flixchatter-review-spike-jonzes-her")
    many = [
        Comment(id=f"c-many-{i}", post_id=her.id, author=f"Reader {i}", body=f"Comment {i}",
                date=f"2014-02-01T10:{i // 60:02d}:{i % 60:02d}+00:00")
        for i in range(250)
    ]  # fmt: skip
    records.put_many(open_store.store, [], many)
    open_store.invalidate()
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        await main.open_post(her.id)  # type: ignore[attr-defined]
        main.action_pane("thread")  # type: ignore[attr-defined]
        await settle(pilot)
        thread = main.query_one(Thread)
        before = list(thread.views)
        thread.select("c-many-3")
        await press(pilot, "r")
        assert isinstance(app.screen, ComposerScreen)
        app.screen.query_one("TextArea").insert("A reply among many")
        await press(pilot, "ctrl+s")
        assert len(thread.views) == len(before) + 1
        assert all(v in thread.views for v in before)  # nothing else drawn again
        assert thread.current is not None and thread.current.body == "A reply among many"


async def test_a_draft_sent_from_the_composer_takes_its_parents_badge_away(
    app: ReelApp, open_store: Blog
) -> None:
    """`r`, words, Esc (the draft kept: a badge on the comment), `e` on the draft, Ctrl+S:
    the reply is queued and the badge goes (it stayed until the post was opened again)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        thread.select("c-her-4")
        await press(pilot, "r")
        await pilot.press(*"hello")
        await press(pilot, "escape")

        def badged() -> bool:
            view = next(v for v in thread.views if v.comment.id == "c-her-4")
            return "[✎ reply draft]" in view.build().plain

        assert badged()
        await press(pilot, "e")  # the cursor is on the kept draft: open it again
        assert isinstance(app.screen, ComposerScreen)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, ComposerScreen)
        assert thread.current is not None and thread.current.sync_state == "queued"
        assert not badged()
