"""The outbox opened (`o`) on a store whose outbox.json is damaged: the app stopped with "a bug
in reeltui stopped this (StoreCorrupt ...)" (the new-user pass). The screen now says the
outbox cannot be read, and what to do, and the file is left as it was."""

from __future__ import annotations

from pathlib import Path

from reeltui.config import Settings
from reeltui.services import replies
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.screens.outbox import OutboxScreen
from tests.ui.helpers import burst, screen_text, settle


async def test_a_damaged_outbox_is_said_not_a_crash(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
        replies.reply(blog, blog.comments(her.id)[0].id, "Thanks!")
    damaged = store_path / "outbox.json"
    damaged.write_text("{{{")
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await burst(pilot, "o")
            await settle(pilot)
            assert isinstance(app.screen, OutboxScreen)
            shown = screen_text(app)
            assert "Outbox — cannot be read" in shown, shown
            assert "outbox.json" in shown and "check --repair" in shown, shown
            await burst(pilot, "<escape>")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.is_running
    assert damaged.read_text() == "{{{"
