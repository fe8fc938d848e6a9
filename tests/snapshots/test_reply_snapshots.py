"""SVG snapshots of the composer, outbox and inbox on the demo blog (fixed data, fixed size).

Update with `--snapshot-update` only after looking at the new pictures."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from reeltui.services import Blog, moderation, outbox, replies
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen
from tests.ui.helpers import settle

SIZE = (110, 34)


def app_on(blog: Blog) -> ReelApp:
    app = make_app(blog)
    app.sub_title = "demo blog"  # not the temp folder's path
    return app


def test_composer_quote_reply(blog: Blog, snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(ComposerScreen.for_reply(blog, "c-her-4", quote=True))
        await pilot.press(*"Fair", "space", *"enough!")
        await pilot.pause()

    assert snap_compare(app_on(blog), terminal_size=SIZE, run_before=before)


def test_outbox_view(blog: Blog, snap_compare: Any) -> None:
    replies.reply(blog, "c-her-6", "Thank you Priya! The production design is a character.")
    failed = replies.reply(blog, "c-her-3", "Same here, the Moon Song stays with you.")
    replies.reply(blog, "c-recap-3", "Philomena won me over too, Tom.", quote_parent=True)
    moderation.moderate(blog, "c-question-5", "approve")
    [entry] = [e for e in outbox.entries(blog) if e.comment_id == failed.id]
    outbox.mark_failed(blog, entry.id, "comment_duplicate: Duplicate comment detected")

    async def before(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(OutboxScreen(blog))
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app_on(blog), terminal_size=SIZE, run_before=before)


def test_needs_reply_inbox(blog: Blog, snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(InboxScreen(blog))
        await settle(pilot)  # (the comments are read in a worker)

    assert snap_compare(app_on(blog), terminal_size=SIZE, run_before=before)
