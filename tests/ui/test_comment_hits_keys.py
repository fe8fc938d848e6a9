"""The post list's keys while the pane shows the comments a search found (`C`, the new-user
pass): s, r, f and u acted on the hidden post list, and the toast said "sorted by rating" or
"order reversed" of a change nobody could see; `?` headed this list's keys "CommentHitList".
Now one line says the key is the post list's, nothing changes, and the help names the list."""

from __future__ import annotations

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.help import HelpScreen
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.comment_hits import CommentHitList
from reeltui.ui.widgets.post_list import ROW_HEIGHT
from tests.ui.helpers import Notes, burst, screen_text, settle


async def test_list_keys_on_the_comments_found_say_they_are_the_post_lists(
    app: ReelApp,
) -> None:
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await burst(pilot, "/", "in:comments", "<enter>")
        hits = main.query_one(CommentHitList)
        assert hits.has_focus and len(hits.items) > 20  # more than a screenful
        await burst(pilot, *["j"] * 12)
        order = [i.hit.comment.id for i in hits.items]  # type: ignore[attr-defined]
        cursor, top = hits.cursor, hits.scroll_offset.y
        before = (main.listing.sort, main.listing.reversed, dict(main.listing.filters))
        for key in "srfu":
            await burst(pilot, key)
            assert isinstance(app.screen, MainScreen), (key, app.screen)  # no filter dialog
        said = [m for m in notes.messages if "post list" in m]
        assert said == [
            "s sorts the post list: C shows it",
            "r reverses the post list: C shows it",
            "f filters the post list: C shows it",
            "u marks posts read or unread: C shows the post list",
        ], notes.messages
        assert not [m for m in notes.messages if "sorted by" in m or "order" in m]
        assert (main.listing.sort, main.listing.reversed, main.listing.filters) == before
        assert [i.hit.comment.id for i in hits.items] == order  # type: ignore[attr-defined]
        assert (hits.cursor, hits.scroll_offset.y) == (cursor, top)  # nothing moved
        await burst(pilot, "C", "s")  # the post list: sorted as before
        assert main.listing.sort != before[0]
        assert any(m.startswith("sorted by") for m in notes.messages)


async def test_help_on_the_comments_found_names_the_list(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "in:comments", "<enter>", "?")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Comments found" in shown
        assert "CommentHitList" not in shown


async def test_a_list_scrolled_to_its_cursor_shows_whole_rows_on_top(app: ReelApp) -> None:
    """The list of comments found is 31 lines high at 120x40: moved down past its last row
    on screen, it was scrolled an odd number of lines, a date line alone on top."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "in:comments", "<enter>")
        hits = app.screen.query_one(CommentHitList)
        assert hits.scrollable_content_region.height % ROW_HEIGHT == 1  # (odd: the case)
        for _ in range(18):
            await burst(pilot, "j")
            top = int(hits.scroll_offset.y)
            assert top % ROW_HEIGHT == 0, (hits.cursor, top)
            bottom = top + hits.scrollable_content_region.height
            assert top <= hits.cursor * ROW_HEIGHT and (hits.cursor + 1) * ROW_HEIGHT <= bottom
        assert hits.scroll_offset.y > 0
