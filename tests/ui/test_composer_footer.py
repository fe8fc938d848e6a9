"""The composer's footer says what Esc does: "Keep as draft" for a new reply, but for a reply
already in the outbox Esc saves the text and the reply stays queued (the composer's own line
says so), so its footer said the wrong thing (the new-user pass); and it offered Ctrl+S as
"Send to outbox" for a reply in the outbox already: there Ctrl+S saves."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from reeltui.config import Settings
from reeltui.services import replies
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.composer import ComposerScreen
from tests.ui.helpers import settle


def _footer(screen: ComposerScreen) -> dict[str, str]:
    return {key.key_display: key.description for key in screen.query(FooterKey)}


async def test_the_footer_says_esc_keeps_a_queued_reply_in_the_outbox(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        queued = replies.reply(blog, "c-her-1", "Thanks Marcy").id
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.push_screen(ComposerScreen.for_edit(blog, queued))
            await settle(pilot)
            footer = _footer(app.screen)  # type: ignore[arg-type]
            assert footer.get("esc") == "Save, keep in outbox", footer
            assert "Keep as draft" not in footer.values()
            # Ctrl+S saves it too: it is in the outbox already (the line above says so)
            assert footer.get("^s") == "Save", footer
            assert "Send to outbox" not in footer.values()
            app.pop_screen()
            await settle(pilot)
            app.push_screen(ComposerScreen.for_reply(blog, "c-her-3"))
            await settle(pilot)
            footer = _footer(app.screen)  # type: ignore[arg-type]
            assert footer.get("esc") == "Keep as draft", footer  # a new reply: a draft
            assert footer.get("^s") == "Send to outbox", footer
