"""A post whose file is damaged (garbage written into posts/ID.json by hand): the app's inbox
and stats left its comments out without a word (the new-user pass; `reeltui inbox` and
`stats` warn). Each screen now says what it went past, in the CLI's words (services/unlisted
`skipped`: "1 damaged record skipped (the first: ...); `reeltui check` lists ..."), once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reeltui.config import Settings
from reeltui.domain.identity import Identity
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.stats import StatsScreen
from tests.ui.helpers import Notes, settle, wait_until

DAMAGED = "p-flixchatter-review-spike-jonzes-her"
FEB_2014 = dt.datetime(2014, 2, 1, tzinfo=dt.UTC)


def _damage(store_path: Path) -> None:
    (store_path / "posts" / f"{DAMAGED}.json").write_text("garbage{")


def _said(notes: Notes) -> list[str]:
    return [m for m in notes.messages if "damaged record skipped" in m]


async def _said_once(store_path: Path, which: str) -> None:
    """Open the inbox or the stats on the damaged store: the damage is said once, in the CLI's
    words (and, for the inbox, not again when it reads the store again)."""
    _damage(store_path)
    notes = Notes()
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
            await settle(pilot)
            if which == "inbox":
                inbox = InboxScreen(blog)
                app.push_screen(inbox)
                await wait_until(pilot, lambda: inbox._loaded, "the inbox read")
            else:
                stats = StatsScreen(blog, writer=Identity(), now=FEB_2014)
                app.push_screen(stats)
                await wait_until(pilot, lambda: stats.stats is not None, "the figures")
            await settle(pilot)
            said = _said(notes)
            assert len(said) == 1, notes.messages
            assert f"{DAMAGED}.json" in said[0] and "reeltui check --repair" in said[0]
            if which == "inbox":
                inbox.refresh_items()  # read again (a store change): not said twice
                await settle(pilot)
                await wait_until(pilot, lambda: inbox._loaded, "read again")
                await settle(pilot)
                assert len(_said(notes)) == 1


async def test_the_inbox_says_a_damaged_post_was_skipped(store_path: Path) -> None:
    await _said_once(store_path, "inbox")


async def test_the_stats_say_a_damaged_post_was_skipped(store_path: Path) -> None:
    await _said_once(store_path, "stats")


async def test_a_sound_store_says_nothing_of_the_kind(store_path: Path) -> None:
    notes = Notes()
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
            await settle(pilot)
            inbox = InboxScreen(blog)
            app.push_screen(inbox)
            await wait_until(pilot, lambda: inbox._loaded, "the inbox read")
            app.pop_screen()
            stats = StatsScreen(blog, writer=Identity(), now=FEB_2014)
            app.push_screen(stats)
            await wait_until(pilot, lambda: stats.stats is not None, "the figures")
            await settle(pilot)
            assert not _said(notes) and "damaged" not in notes


async def test_a_comment_search_past_a_refused_post_lists_the_rest_and_says_so_once(
    store_path: Path,
) -> None:
    """A post whose record is refused (its title a number): `/` `in:comments the` showed no
    comment and the refusal twice, with no word of `reeltui check`. The other posts' comments
    are listed now, and the damage said once, in the CLI's words, however often it runs."""
    from reeltui.ui.widgets.comment_hits import CommentHitList
    from tests.ui.helpers import press, screen_text
    from tests.unit.test_comment_search_damaged import damage_guest_post

    name = damage_guest_post(store_path)
    notes = Notes()
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
            await settle(pilot)
            await press(pilot, "slash", *"in:comments the", "enter")
            hits = app.screen.query_one(CommentHitList)
            assert hits.display and hits.items, notes.messages
            assert "Lena Fischer" in screen_text(app)
            said = _said(notes)
            assert len(said) == 1, notes.messages
            assert f"posts/{name}: post record" in said[0]
            assert "reeltui check --repair" in said[0]
            assert not [m for m in notes.messages if m not in said], notes.messages
            app.screen.searching.run("in:comments the -wolf")  # (as a saved search does)
            await settle(pilot)
            assert "Comments (" in screen_text(app) and "Wolf of Wall" not in screen_text(app)
            assert hits.items and len(_said(notes)) == 1, notes.messages


async def test_the_outbox_keeps_and_says_replies_whose_post_cannot_be_read(
    store_path: Path,
) -> None:
    """Two replies queued on a post whose file then turned to garbage: the app's outbox said
    "Outbox — empty" (its repair on opening took the entries for orphans, their comments
    not found: it dropped them from outbox.json) while `reeltui outbox` listed both and said
    "1 damaged record skipped". The entries are kept now and the damage said, once."""
    from reeltui.services import outbox
    from reeltui.ui.screens.outbox import OutboxScreen
    from tests.ui.helpers import press, screen_text
    from tests.unit.test_backup_repair import reeltui

    for _ in range(2):
        done = reeltui(store_path, "reply", DAMAGED.removeprefix("p-"), "c-her-6", "--text", "hi")
        assert done.returncode == 0, done.stderr
    _damage(store_path)
    notes = Notes()
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
            await settle(pilot)
            await press(pilot, "o")
            assert isinstance(app.screen, OutboxScreen)
            await settle(pilot)
            assert len(outbox.entries(blog)) == 2
            text = screen_text(app)
            assert "2 queued" in text and "empty" not in text
            said = _said(notes)
            assert len(said) == 1, notes.messages
            assert f"{DAMAGED}.json is not valid JSON" in said[0]
            assert "reeltui check --repair" in said[0]
            app.screen.refresh_rows()  # read again (a store change): not said twice
            await settle(pilot)
            assert len(_said(notes)) == 1, notes.messages
    assert orjson_entries(store_path) == 2


def orjson_entries(store_path: Path) -> int:
    import orjson

    return len(orjson.loads((store_path / "outbox.json").read_bytes()).get("outbox", {}))
