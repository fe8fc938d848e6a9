"""One way to show a comment's Markdown everywhere (thread, inbox, outbox, composer); the
outbox shows the user's own words of a quote-reply and lists the kept reply drafts."""

from __future__ import annotations

from textual.widgets import DataTable

from reeltui.services import Blog, replies
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen
from reeltui.ui.widgets.comment_text import comment_text
from tests.ui.helpers import Notes, press, screen_text, settle


def test_comment_markdown_as_styles() -> None:
    text = comment_text(
        "> I *loved* it\n\nSo **did** I: see [the trailer](https://x.example/t).\n- `one`\n"
        "[bold]not markup[/bold]"
    )
    assert text.plain == (
        "▌ I loved it\n\nSo did I: see the trailer.\n• one\n[bold]not markup[/bold]"
    )
    styles = {(text.plain[s.start : s.end], str(s.style)) for s in text.spans}
    assert ("loved", "italic") in styles and ("did", "bold") in styles
    assert ("the trailer", "underline") in styles and ("one", "bold") in styles
    assert comment_text("").plain == "(empty)"


def test_own_words_leave_the_quote_out() -> None:
    body = replies.quote("You said *this*.\nAnd that.") + "My answer."
    assert replies.own_words(body) == "My answer."
    assert replies.own_words("> only a quote") == "> only a quote"


async def test_the_inbox_and_the_composer_render_markdown(app: ReelApp, open_store: Blog) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(InboxScreen(open_store, pending=True))
        await settle(pilot)
        text = screen_text(app)
        assert "Mine is Pri" in text and "*Pri" not in text  # c-question-5's *emphasis*
        CommentActions(app.screen, open_store).reply("c-her-1")
        await settle(pilot)
        assert isinstance(app.screen, ComposerScreen)
        text = screen_text(app)
        assert "I finally saw Her last" in text and "*Her*" not in text


async def test_the_outbox_shows_your_words_and_your_drafts(app: ReelApp, open_store: Blog) -> None:
    notes = Notes()
    replies.reply(open_store, "c-her-4", "Fair point about Rooney Mara.", quote_parent=True)
    draft = replies.start(open_store, "c-her-6")
    replies.keep_draft(open_store, draft, "Thanks Priya, more *later*.")
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await app.push_screen(OutboxScreen(open_store))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[2] for r in rows] == ["queued", "draft"]
        assert rows[0][5] == "Fair point about Rooney Mara."  # not the quoted comment
        assert rows[1][5] == "Thanks Priya, more later."
        assert "1 queued" in screen_text(app) and "1 reply draft" in screen_text(app)
        await press(pilot, "down")
        assert "a kept draft: e to finish and send it" in screen_text(app)
        await press(pilot, "K")  # a draft has no place in the sending order
        assert "not in the sending order yet" in notes
