"""A reply whose write fails (a full disk): the composer said "In the outbox, not yet sent"
after the failure, though nothing was written (the new-user pass): the reply in the composer
had been marked queued by the attempt. It now says what it said before the attempt."""

from __future__ import annotations

from pathlib import Path

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.composer import ComposerScreen
from tests.ui.helpers import burst, settle
from tests.ui.test_editor import fail_next_write

HER = "flixchatter-review-spike-jonzes-her"


async def test_a_reply_not_written_is_not_said_to_be_in_the_outbox(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await burst(pilot, "<enter>", "c", "r")
            assert isinstance(app.screen, ComposerScreen)
            composer = app.screen
            before = str(composer.query_one("#composer-status").render())
            await burst(pilot, "Words worth keeping")
            post = blog.post_by_slug(HER)
            fail_next_write(store_path, f"posts/{post.id}.json")
            await burst(pilot, "<ctrl+s>")
            await settle(pilot)
            assert app.screen is composer  # not sent: still open, the words still here
            status = str(composer.query_one("#composer-status").render())
            assert "In the outbox" not in status and status == before, status
            assert "Words worth keeping" in composer.text
            for link in store_path.glob(".*.tmp"):
                link.unlink()
            for link in store_path.glob(".*.new"):
                link.unlink()
            await burst(pilot, "<ctrl+s>")  # room again: sent
            await settle(pilot)
            assert not isinstance(app.screen, ComposerScreen)
    with open_blog(store_path, read_only=True) as blog:
        assert any("Words worth keeping" in c.body for c in blog.comments(post.id))
