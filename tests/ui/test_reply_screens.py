"""Pilot tests of the composer, outbox and inbox screens on a real demo store on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, TextArea

from reeltui.services import Blog, moderation, outbox, replies
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.confirm import ConfirmScreen
from reeltui.ui.screens.inbox import InboxChoice, InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen
from tests import storefiles
from tests.ui.helpers import press, settle

SIZE = (120, 40)


def on_disk(blog: Blog, table: str) -> dict[str, dict[str, object]]:
    """The table as written in its JSON file (not the in-memory cache)."""
    found: dict[str, dict[str, object]] = getattr(storefiles, table)(blog.path)
    return found


def screen_text(app: App[object]) -> str:
    """What the terminal shows now: the rendered lines of the top screen (modals included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_reply_sent_with_ctrl_s_is_queued_on_disk(blog: Blog) -> None:
    app = make_app(blog)
    changed: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        CommentActions(app.screen, blog, changed.append).reply("c-her-6")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        # one space before "on" (the new-user pass found two)
        assert "Reply to Priya Natarajan on FlixChatter Review" in screen_text(app)
        await pilot.press(*"Thanks", "space", *"Priya", "exclamation_mark")
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save closes the composer once on disk
        assert not isinstance(app.screen, ComposerScreen)
    [new_id] = changed
    assert new_id is not None
    stored = on_disk(blog, "comments")[new_id]
    assert stored["body"] == "Thanks Priya!" and stored["sync_state"] == "queued"
    assert stored["parent_id"] == "c-her-6"
    assert [e["comment_id"] for e in on_disk(blog, "outbox").values()] == [new_id]


async def test_quote_reply_prefills_and_empty_send_is_refused(blog: Blog) -> None:
    app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        CommentActions(app.screen, blog).quote_reply("c-her-4")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text.startswith("> I admired it more than I loved it")
        area.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save closes the composer once on disk
        assert isinstance(app.screen, ComposerScreen)  # still open, with a message
        assert any("cannot be empty" in str(n.message) for n in app._notifications)
    assert outbox.entries(blog) == []


async def test_escape_keeps_a_draft_that_survives_a_restart(store_path: Path) -> None:
    blog = open_blog(store_path)
    app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        CommentActions(app.screen, blog).reply("c-her-3")
        await pilot.pause()
        await pilot.press(*"Me", "space", *"too")
        await pilot.press("escape")
        await settle(pilot)  # a save closes the composer once on disk
        assert not isinstance(app.screen, ComposerScreen)
    blog.close()
    blog = open_blog(store_path)
    try:
        draft = replies.draft_for(blog, "c-her-3")
        assert draft is not None and draft.body == "Me too" and draft.sync_state == "local"
        assert outbox.entries(blog) == []
        app = make_app(blog)
        async with app.run_test(size=SIZE) as pilot:
            CommentActions(app.screen, blog).reply("c-her-3")  # reopens the draft
            await pilot.pause()
            assert app.screen.query_one(TextArea).text == "Me too"
            await pilot.press("ctrl+s")
            await settle(pilot)  # a save closes the composer once on disk
        assert on_disk(blog, "comments")[draft.id]["sync_state"] == "queued"
    finally:
        blog.close()


async def test_edit_then_delete_own_reply_with_confirm(blog: Blog) -> None:
    reply = replies.reply(blog, "c-her-6", "Thanks")
    app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        actions = CommentActions(app.screen, blog)
        actions.edit("c-her-1")  # a reader's comment: refused with a message
        await pilot.pause()
        assert not isinstance(app.screen, ComposerScreen)
        actions.edit(reply.id)
        await pilot.pause()
        assert "Edit your reply to Priya Natarajan" in screen_text(app)
        await pilot.press("end", *"!!")
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save closes the composer once on disk
        assert on_disk(blog, "comments")[reply.id]["body"] == "Thanks!!"
        assert on_disk(blog, "comments")[reply.id]["sync_state"] == "queued"
        actions.delete(reply.id)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert reply.id in on_disk(blog, "comments")
        actions.delete(reply.id)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert reply.id not in on_disk(blog, "comments")
    assert on_disk(blog, "outbox") == {}


async def test_outbox_lists_reorders_edits_and_deletes(blog: Blog) -> None:
    first = replies.reply(blog, "c-her-6", "First reply")
    second = replies.reply(blog, "c-her-3", "Second reply")
    moderation.moderate(blog, "c-question-5", "approve")
    app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(OutboxScreen(blog))
        await pilot.pause()
        text = screen_text(app)
        assert "3 queued" in text and "First reply" in text and "approve" in text
        await pilot.press("J")  # first reply moves below the second
        await pilot.pause()
        order = [e.comment_id for e in outbox.entries(blog)]
        assert order == [second.id, first.id, "c-question-5"]
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 1  # the cursor follows the moved item
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert outbox.entries(blog)[0].comment_id == first.id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press("end", *"X", "ctrl+s")
        await settle(pilot)  # a save closes the composer once on disk
        assert isinstance(app.screen, OutboxScreen)
        assert on_disk(blog, "comments")[first.id]["body"] == "First replyX"
        await pilot.press("down", "down", "d")  # cancel the moderation action (last row)
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)  # written in the background
        assert blog.comment("c-question-5").status == "pending"
        assert "c-question-5" not in [e.comment_id for e in outbox.entries(blog)]
        await pilot.press("up", "up", "d", "y")
        await settle(pilot)  # "deleted" once it is on disk
        assert first.id not in on_disk(blog, "comments")
        assert "1 queued" in screen_text(app)


async def test_inbox_reply_moderate_and_jump(blog: Blog) -> None:
    app = make_app(blog)
    chosen: list[InboxChoice | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(InboxScreen(blog), chosen.append)
        await settle(pilot)  # (the comments are read in a worker)
        assert isinstance(app.screen, InboxScreen)
        first = app.screen.table.row_cells(0)
        assert "Tom Okafor" in first[2].plain and "9 comments" in screen_text(app)
        await pilot.press("r")  # reply to the oldest one, right from the inbox
        await pilot.pause()
        await pilot.press(*"Agreed", "ctrl+s")
        await settle(pilot)  # a save closes the composer once on disk
        assert isinstance(app.screen, InboxScreen)
        assert "8 comments" in screen_text(app)
        assert "c-recap-3" in {c.parent_id for c in blog.all_comments() if c.origin == "local"}
        await pilot.press("p")  # pending moderation
        await settle(pilot)
        assert "Waiting for moderation — 1" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)  # written in the background
        assert on_disk(blog, "comments")["c-question-5"]["status"] == "approved"
        assert [e.action for e in outbox.entries(blog) if e.kind == "moderate"] == ["approve"]
        await pilot.press("p", "down", "enter")  # (down waits for the list p asked for)
        await pilot.pause()
    assert chosen and chosen[0] is not None
    assert chosen[0].comment_id == "c-question-3"  # second oldest, once c-recap-3 was answered
    assert chosen[0].post_id.startswith("p-first-question")


@pytest.mark.parametrize(
    ("locked_by_another", "said"),
    [
        (False, "This store was opened read-only (--read-only): nothing can be changed."),
        (
            True,
            "Another reeltui has this store open, so it was opened read-only: "
            "nothing can be changed.",
        ),
    ],
)
async def test_a_read_only_store_refuses_replies_saying_why(
    store_path: Path, locked_by_another: bool, said: str
) -> None:
    """Asked with --read-only, it says so (it blamed another reeltui that was not there)."""
    writer = open_blog(store_path) if locked_by_another else None
    if writer is not None:
        blog = open_blog(store_path, fallback_read_only=True)
    else:
        blog = open_blog(store_path, read_only=True)
    try:
        app = make_app(blog)
        async with app.run_test(size=SIZE) as pilot:
            CommentActions(app.screen, blog).reply("c-her-6")
            await pilot.pause()
            assert not isinstance(app.screen, ComposerScreen)
            assert [str(n.message) for n in app._notifications] == [said]
    finally:
        blog.close()
        if writer is not None:
            writer.close()


async def test_bindings_have_ids_a_keymap_can_remap(blog: Blog) -> None:
    app = make_app(blog)
    app.set_keymap({"inbox.reply": "x", "composer.send": "ctrl+t"})
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(InboxScreen(blog))
        await settle(pilot)  # (its comments are read in a worker)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press(*"Remapped", "ctrl+t")
        await settle(pilot)  # a save closes the composer once on disk
        assert isinstance(app.screen, InboxScreen)
    assert [c.body for c in blog.all_comments() if c.origin == "local"] == ["Remapped"]


@pytest.mark.parametrize("key", ["n", "e"])
async def test_a_read_only_store_refuses_a_new_post_or_an_edit_before_a_word_is_typed(
    store_path: Path, key: str
) -> None:
    """`n` opened the template picker and the editor on a read-only store, and only the save
    said "nothing was saved" (found by the new-user pass): refused at once, as `r` is."""
    blog = open_blog(store_path, read_only=True)
    try:
        app = make_app(blog)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if key == "e":
                await press(pilot, "enter")  # (a post open: what `e` edits)
                await settle(pilot)
            await press(pilot, key)
            await settle(pilot)
            assert type(app.screen).__name__ == "MainScreen"
            said = [str(n.message) for n in app._notifications]
            assert said and said[-1].endswith("nothing can be changed."), said
    finally:
        blog.close()
