"""Where the keys go after a search (the new-user pass): `/` on the comments a search found
left focus on their list, so the query typed next ran as commands (i the inbox, o the outbox,
e the composer on a queued reply, which the rest of the query was typed into and saved)."""

from __future__ import annotations

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.comment_hits import CommentHitList
from reeltui.ui.widgets.query_box import QueryBox
from tests.ui.helpers import burst, settle


async def test_slash_on_the_comments_found_puts_the_keys_in_the_search_box(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "in:comments author:tom", "<enter>")
        hits = app.screen.query_one(CommentHitList)
        box = app.screen.query_one(QueryBox)
        assert hits.display and hits.has_focus and hits.items
        await burst(pilot, "/")
        assert box.has_focus  # as `/` on the post list does
        # every letter a command of the list or the screen (i inbox, o outbox, e edit...)
        await burst(pilot, "in:comments surrogate", "<enter>")
        assert isinstance(app.screen, MainScreen), app.screen
        assert box.value == "in:comments surrogate"  # the old query replaced, as for posts
        assert [i.hit.comment.author for i in hits.items] == ["Tom Okafor"]  # type: ignore[attr-defined]
        assert hits.has_focus
