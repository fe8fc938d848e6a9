"""`r` where there is nothing to answer says what to do instead of doing nothing (a draft
post: nobody can comment on it yet) or something confusing (on the user's own draft reply
it opened a composer answering that draft). Pilot, real demo store, keys as typed."""

from __future__ import annotations

from reeltui.config import Settings
from reeltui.services import Blog, replies
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import HER, Notes, burst, press, settle

SIZE = (120, 40)


async def test_r_on_a_draft_post_says_it_cannot_have_comments(open_store: Blog) -> None:
    notes = Notes()
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "n", "enter")  # a review from its template
        assert isinstance(app.screen, EditorScreen)
        app.screen.query_one("#field-title").value = "Arrival"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s", "escape", "m")  # my drafts first
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(PostList).items[0].row.post.title == "Arrival"
        await burst(pilot, "g", "<enter>", "r")  # in the reader
        said = (
            "“Arrival” is a draft: nobody can comment on it yet, so there is nothing to reply "
            "to (e edits the post)."
        )
        assert said in notes.messages
        notes.messages.clear()
        await burst(pilot, "c", "r")  # in its (empty) comments pane
        assert said in notes.messages
        assert isinstance(app.screen, MainScreen)


async def test_r_in_the_reader_of_a_post_with_comments_says_where_to_reply(app: ReelApp) -> None:
    notes = Notes()
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        await burst(pilot, "<enter>", "r")  # the reader of HER, 6 comments
        assert "Choose a comment to answer (c goes to the comments), then r." in notes.messages
        assert isinstance(app.screen, MainScreen)


async def test_r_on_the_users_own_draft_reply_says_how_to_send_it(open_store: Blog) -> None:
    her = open_store.post_by_slug(HER)
    parent = next(c for c in open_store.comments(her.id) if c.origin != "local")
    draft = replies.keep_draft(
        open_store, replies.start(open_store, parent.id), "Thanks, more soon."
    )
    assert draft is not None
    notes = Notes()
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        await burst(pilot, "<enter>", "c")
        assert app.screen.query_one(Thread).select(draft.id)
        await burst(pilot, "r")
        assert isinstance(app.screen, MainScreen)  # no composer answering the draft itself
        assert (
            "This is your own reply, kept as a draft (not sent yet): e edits it and ^s in the "
            "composer sends it, d deletes it." in notes.messages
        )
        await burst(pilot, "e")  # and so it is
        assert app.screen.query_one("#composer-text").text == "Thanks, more soon."  # type: ignore[attr-defined]
