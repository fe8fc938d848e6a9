"""Every count on screen follows every save: the status line's counts (posts, drafts,
pending comments, queued replies) whatever the list shows — posts, or the comments a search
found — after a reply, a moderation, a new post (Pilot, keys as typed, real demo store)."""

from __future__ import annotations

from textual.widgets import Static

from reeltui.services import Blog, outbox
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.widgets.status import StatusLine
from tests.ui.helpers import burst, screen_text, settle, wait_until


def status(app: ReelApp) -> str:
    assert app.main_screen is not None
    return app.main_screen.query_one(StatusLine).text


async def test_counts_follow_a_reply_sent_from_the_comments_found(
    app: ReelApp, open_store: Blog
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "0 queued replies" in status(app)
        await burst(pilot, "/", "in:comments author:marcy", "<enter>", "<enter>", "r")
        assert isinstance(app.screen, ComposerScreen)
        await burst(pilot, "Thanks, Marcy!", "<ctrl+s>")
        await settle(pilot)
        assert not isinstance(app.screen, ComposerScreen)
        queued = [e for e in outbox.entries(open_store) if e.state == "queued"]
        assert len(queued) == 1
        assert "1 queued reply" in status(app), status(app)
        assert "search: in:comments author:marcy" in status(app)  # still the comments found
        assert "1 pending comment" in status(app)
        await burst(pilot, "i", "p", "a", "<escape>")  # the pending comment approved
        await settle(pilot)
        assert "0 pending comments" in status(app), status(app)


async def test_counts_follow_a_moderation_while_a_search_has_an_error(app: ReelApp) -> None:
    """A search that cannot run keeps the list as it was, but the counts still follow."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "1 pending comment" in status(app)
        await burst(pilot, "/", "raiting:4", "<enter>")
        assert "search not applied" in status(app)
        await pilot.click("#post-list")  # (enter left the keys in the box, to fix the query)
        await burst(pilot, "i", "p", "a", "<escape>")
        await settle(pilot)  # (counted once the main screen is shown again)
        assert "0 pending comments" in status(app), status(app)


async def test_every_count_of_the_open_post_follows_a_reply(app: ReelApp) -> None:
    """The list's row, the reader's heading, the thread's title and the status line. The row
    and the heading count readers' comments (domain/readers.py: your own replies are not
    among them), the thread's title every comment it shows."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # HER: 4 readers' comments, 6 in its thread
        await burst(pilot, "<enter>", "c", "r", "Agreed.", "<ctrl+s>")
        await settle(pilot)
        text = screen_text(app)
        assert "1 queued reply" in status(app)
        assert "4 comments  Ruth" in text  # the list's row: readers' comments
        assert "Comments (7)" in text  # the thread's title: with the queued reply
        # ... and under the thread, why the list says 4 (it read as a mismatch)
        assert "4 of them readers' comments, as the list counts" in text
        heading = app.screen.query_one("#reader-head", Static).render()
        assert "·  4 comments" in str(heading), heading
        await burst(pilot, "g", "t")  # trash a reader's comment: every count follows
        await settle(pilot)
        text = screen_text(app)
        assert "3 comments  Ruth" in text
        assert "3 of them readers' comments, as the list counts" in text
        heading = app.screen.query_one("#reader-head", Static).render()
        assert "·  3 comments" in str(heading), heading


async def test_a_narrow_terminal_keeps_what_the_list_shows_on_the_status_line(
    app: ReelApp,
) -> None:
    """At 80 columns the line was cut after the blog's counts and read "   showing": what
    the search narrowed the list to comes first now, so it is what stays on screen."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "author:ruth", "<enter>")
        await settle(pilot)
        line = next(t for t in screen_text(app).splitlines() if "showing" in t)
        assert line.strip().startswith("showing 3 of 4 posts (search: author:ruth)"), line
        assert "4 posts ·" not in status(app)  # said once: "of 4 posts"


async def test_a_comment_search_is_counted_as_comments(app: ReelApp) -> None:
    """The new-user pass: the status line said "showing 3 of 4 posts" for 3 comments found."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "in:comments author:marcy", "<enter>")
        await settle(pilot)
        said = status(app)
        assert said.startswith("3 comments found (search: in:comments author:marcy) · 4 posts")
        assert "showing" not in said


async def test_a_status_line_cut_at_the_edge_ends_in_an_ellipsis(app: ReelApp) -> None:
    """The new-user pass: "search not applied: ..." was cut at the screen's edge mid-word."""
    from reeltui.ui.widgets.query_box import QueryBox

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "her")
        app.screen.query_one(QueryBox).value = "her raiting:4"  # pasted
        await settle(pilot)
        said = status(app)
        assert said.startswith("showing 4 of 4 posts (search not applied: unknown field")
        drawn = screen_text(app).splitlines()[-2]  # the status line, above the footer
        assert len(said) > 80 and drawn.rstrip().endswith("…"), drawn


async def test_a_notice_leaves_the_status_line_readable(app: ReelApp) -> None:
    """The new-user pass: notices (toasts) covered the status line's right end."""
    from textual.widgets._toast import Toast

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Something happened that takes a line or two to say, at some length.")
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)), "the notice shown")
        await settle(pilot)
        line = app.screen.query_one(StatusLine)
        toasts = list(app.screen.query(Toast))
        for toast in toasts:
            assert toast.region.bottom <= line.region.y, (toast.region, line.region)
        assert "4 posts · 0 draft posts" in screen_text(app).splitlines()[-2]
