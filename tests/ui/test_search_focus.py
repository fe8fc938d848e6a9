"""Where the keys go after a search (the new-user pass): `/` on the comments a search found
left focus on their list, so the query typed next ran as commands (i the inbox, o the outbox,
e the composer on a queued reply, which the rest of the query was typed into and saved);
enter on a query that cannot run gave focus to the list all the same (the main screen's and
the stats screen's box)."""

from __future__ import annotations

from textual.widgets import DataTable

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.screens.stats import StatsScreen
from reeltui.ui.widgets.comment_hits import CommentHitList
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.query_box import QueryBox
from tests.ui.helpers import burst, screen_text, settle


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


async def test_enter_on_a_query_that_cannot_run_keeps_the_box_focused(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "surrogate", "<enter>")
        box = app.screen.query_one(QueryBox)
        posts = app.screen.query_one(PostList)
        assert posts.has_focus and len(posts.items) == 1
        await burst(pilot, "/", "raiting:9", "<enter>")
        shown = screen_text(app)
        assert "⚠ unknown field raiting: (did you mean rating:?" in shown
        assert "search not applied" in shown
        assert box.has_focus  # not applied: the query is to be fixed
        await burst(pilot, "i")  # (on the list: the inbox)
        assert isinstance(app.screen, MainScreen), app.screen
        assert box.value == "raiting:9i" and box.has_focus
        await burst(pilot, "<ctrl+u>", "rating:>=4", "<enter>")
        assert posts.has_focus  # applied: the list has the keys, as before
        assert "search not applied" not in screen_text(app)


async def test_enter_on_a_stats_query_that_cannot_run_keeps_the_box_focused(
    app: ReelApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "%")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        await burst(pilot, "/")
        await burst(pilot, "rating:9", "<enter>")
        box = app.screen.query_one(QueryBox)
        assert box.has_focus
        assert "ratings are 0 to 5 reels" in screen_text(app)
        await burst(pilot, "<backspace>", "q")  # (q on the tables: the screen closed)
        assert isinstance(app.screen, StatsScreen), app.screen
        assert box.value == "rating:q" and box.has_focus
        await burst(pilot, "<backspace>", "4", "<enter>")
        assert app.screen.query_one("#discussed", DataTable).has_focus
