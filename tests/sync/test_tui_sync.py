"""Sync from the TUI (palette and `S`) against the real WordPress: pull, send a queued reply,
read it back from WordPress's API; a wrong password or a site that is down leaves the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar, RichLog, Static

from reeltui.config import Settings
from reeltui.services import Blog, outbox, replies
from reeltui.ui.app import make_app
from reeltui.ui.screens.sync import SyncScreen
from tests.sync.conftest import Site, by_remote, run_sync
from tests.ui.helpers import Notes, press, screen_text, settle

pytestmark = pytest.mark.wordpress


@pytest.fixture(autouse=True)
def _env(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("REELTUI_WP_URL", site.server.url)
    monkeypatch.setenv("REELTUI_WP_USER", site.server.user)
    monkeypatch.setenv("REELTUI_WP_APP_PASSWORD", site.server.app_password)


def log_lines(screen: SyncScreen) -> list[str]:
    return [line.text.strip() for line in screen.query_one(RichLog).lines]


def log_text(screen: SyncScreen) -> str:
    """The sync log's lines, wrapping undone (words joined by one space)."""
    return " ".join(" ".join(log_lines(screen)).split())


def summary_text(screen: SyncScreen) -> str:
    """The result lines, kept in view under the bar."""
    return " ".join(str(screen.query_one("#sync-summary", Static).render()).split())


async def palette_sync(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+p")
    await pilot.press(*"Sync with")
    await settle(pilot)
    await press(pilot, "enter")
    await settle(pilot)


async def test_palette_sync_pulls_then_sends_a_reply(site: Site, empty_blog: Blog) -> None:
    notes = Notes()
    app = make_app(empty_blog, settings=Settings())
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await palette_sync(pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        text = screen_text(app)
        assert f"Site {site.server.url}" in text and "password from the environment" in text
        assert (
            "pulled 10 new and 0 changed posts, 2 new and 0 changed pages, "
            "7 new and 0 changed comments"
        ) in summary_text(screen)
        # one line per stage, with its last count; one bar, full at the end
        stages = [line.rsplit(" ", 1)[0] for line in log_lines(screen)]
        assert len(stages) == len(set(stages)), log_lines(screen)
        assert "pulling posts 1/1" in log_lines(screen)
        assert "pulling comments 1/1" in log_lines(screen)
        assert screen.query_one(ProgressBar).progress == 100
        assert "done" in screen_text(app)
        await press(pilot, "escape")
        assert app.main_screen is not None
        assert "Dune: Part Two" in screen_text(app)  # the main screen shows the pulled posts

        c3 = by_remote(empty_blog, site.comments["c3"])
        mine = replies.reply(empty_blog, c3.id, "Enjoy it, Marcy!")
        await settle(pilot)
        assert "1 queued repl" in screen_text(app)
        await press(pilot, "S")
        assert isinstance(app.screen, SyncScreen)
        assert "1 queued (0 failed)" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, SyncScreen)
        assert "sent 1 reply, 0 moderation actions, 0 posts" in summary_text(app.screen)
        assert any(m.startswith("sent 1 reply,") for m in notes.messages)
        await press(pilot, "escape")
        assert "0 queued replies" in screen_text(app)

    [entry] = outbox.entries(empty_blog)
    assert entry.state == "sent" and entry.comment_id == mine.id
    back = site.get(f"/wp/v2/comments/{entry.remote_id}")
    assert back["parent"] == site.comments["c3"] and back["post"] == site.posts["review"]
    assert "Enjoy it, Marcy!" in str(back["content"]["raw"])  # type: ignore[index]


async def test_failed_sync_is_one_line_and_keeps_the_outbox(
    site: Site, empty_blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_sync(empty_blog, site)
    c1 = by_remote(empty_blog, site.comments["c1"])
    replies.reply(empty_blog, c1.id, "Queued while offline.")
    notes = Notes()
    monkeypatch.setenv("REELTUI_WP_APP_PASSWORD", "wrong wrong wrong")
    app = make_app(empty_blog, settings=Settings())
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await palette_sync(pilot)
        stopped = [m for m in notes.messages if m.startswith("Sync stopped:")]
        assert len(stopped) == 1 and "\n" not in stopped[0], notes.messages
        assert "application password" in stopped[0]
        assert isinstance(app.screen, SyncScreen)
        log = log_text(app.screen) + summary_text(app.screen)
        assert "the outbox is intact" in log and "Traceback" not in log
        assert "wrong wrong" not in log + screen_text(app)

        monkeypatch.setenv("REELTUI_WP_APP_PASSWORD", site.server.app_password)
        site.server.stop_web()  # the site is down
        await press(pilot, "escape")
        await palette_sync(pilot)
        down = [m for m in notes.messages if m.startswith("Sync stopped:")]
        assert len(down) == 2 and "network" in down[1], down
    [entry] = outbox.entries(empty_blog)
    assert entry.state == "queued"
