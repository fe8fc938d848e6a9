"""Hostile comments must not reach the terminal: no escape sequences, controls or bidi overrides
in what the composer, outbox, inbox and confirm screens render (nor in the exported screen)."""

from __future__ import annotations

import re

from textual.app import App
from textual.widgets import TextArea

from reeltui.domain import Comment
from reeltui.services import Blog, moderation, outbox, replies
from reeltui.ui.app import make_app
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.confirm import ConfirmScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen
from tests.ui.helpers import settle

HER = "p-flixchatter-review-spike-jonzes-her"
# OSC 52 (clipboard), OSC 0 (title), CSI colours, C1 CSI, a bell, bidi overrides, Rich markup,
# a DCS string, and an unterminated OSC at the end.
HOSTILE_AUTHOR = "Mallory\x1b]0;owned-title\x07 \u202eevil\u202c [/bold]"
HOSTILE_BODY = (
    "Nice post\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07 and \x1b[31mred\x1b[0m text\x07\n"
    "file: \u202egnp.exe\u202c [bold]markup[/bold] [link=http://x]y[/link]\x9b2J"
    "\x1bP1$qsecret\x1b\\ end\x1b]2;tail-title"
)
BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plant(blog: Blog) -> Comment:
    comment = Comment(
        id="c-evil",
        post_id=HER,
        author=HOSTILE_AUTHOR,
        date="2014-01-20T10:00:00+00:00",
        body=HOSTILE_BODY,
        status="pending",
    )
    blog.save_comment(comment)
    return comment


def rendered(app: App[object]) -> str:
    """Every segment the top screen renders, joined: what would be written to the terminal."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def assert_clean(app: App[object]) -> str:
    text = rendered(app)
    assert not BAD.search(text), repr(BAD.findall(text))
    svg = app.export_screenshot()
    assert "&#27;" not in svg and "\x1b" not in svg and "\u202e" not in svg
    assert "owned-title" not in text and "tail-title" not in text and "secret" not in text
    return text


async def test_inbox_and_composer_neutralise_hostile_comment(blog: Blog) -> None:
    plant(blog)
    app = make_app(blog)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(InboxScreen(blog, pending=True))
        await settle(pilot)  # (its comments are read in a worker)
        await pilot.press("down")  # the hostile comment is the second oldest pending one
        await pilot.pause()
        text = assert_clean(app)
        assert "Mallory" in text and "Nice post" in text
        assert "[bold]markup[/bold]" in text  # shown literally, not as markup
        await pilot.press("greater_than_sign")  # quote-reply to it
        await pilot.pause()
        text = assert_clean(app)
        assert "Reply to Mallory" in text
        quoted = app.screen.query_one(TextArea).text
        assert quoted.startswith("> Nice post") and not BAD.search(quoted)
        await pilot.press("ctrl+s")
        await settle(pilot)  # the composer closes once the reply is on disk
        await pilot.press("a")  # approve: the notification names the author safely
        await pilot.pause()
        assert_clean(app)
    assert blog.comment("c-evil").status == "approved"
    assert [e.kind for e in outbox.entries(blog)] == ["reply", "moderate"]


async def test_outbox_and_confirm_neutralise_hostile_text(blog: Blog) -> None:
    plant(blog)
    mine = replies.reply(blog, "c-evil", "ok")
    # A reply body written outside the app (e.g. an old store) with escapes in it.
    stored = blog.comment(mine.id)
    stored.body = "mine \x1b]52;c;ZXZpbA==\x07 \u202eabc"
    blog.save_comment(stored)
    moderation.moderate(blog, "c-evil", "spam")
    app = make_app(blog)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(OutboxScreen(blog))
        await pilot.pause()
        text = assert_clean(app)
        assert "Mallory" in text and "spam" in text
        await pilot.press("e")  # the composer shows the reply cleaned
        await pilot.pause()
        assert_clean(app)
        assert not BAD.search(app.screen.query_one(TextArea).text)
        await pilot.press("escape")
        await settle(pilot)
        CommentActions(app.screen, blog).delete(mine.id)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert_clean(app)
