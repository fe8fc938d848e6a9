"""The sync screen without a site: how to set credentials up; the conflicts screen resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.services.sync import state as syncstate
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.sync import SyncScreen
from reeltui.ui.screens.sync_conflicts import ConflictsScreen
from tests.ui.helpers import HER, Notes, press, screen_text, settle


@pytest.fixture(autouse=True)
def _no_site(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REELTUI_WP_URL", "REELTUI_WP_USER", "REELTUI_WP_APP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


async def test_without_credentials_the_screen_says_how(app: ReelApp, open_store: Blog) -> None:
    notes = Notes()
    before = (open_store.path / "meta.json").read_bytes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await press(pilot, "S")
        assert isinstance(app.screen, SyncScreen)
        text = " ".join(screen_text(app).split())
        assert "REELTUI_WP_URL, REELTUI_WP_USER and REELTUI_WP_APP_PASSWORD" in text
        assert "reeltui sync --site https://your.blog --user you --save-credentials" in text
        assert "never synced; 0 queued (0 failed)" in text
        await press(pilot, "enter")
        # (said on the sync screen itself: what to fill in, not "see the sync screen")
        assert (
            "Not syncing: give the site, the user and an application password: set "
            "REELTUI_WP_URL, REELTUI_WP_USER and REELTUI_WP_APP_PASSWORD, or run "
            "`reeltui sync --site URL --user NAME --save-credentials` in a shell."
        ) in notes
        assert "see the sync screen" not in notes
        await press(pilot, "escape")
        assert not isinstance(app.screen, SyncScreen)
    assert (open_store.path / "meta.json").read_bytes() == before


async def test_site_without_password_and_unsafe_file(
    app: ReelApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_WP_URL", "https://blog.example")
    monkeypatch.setenv("REELTUI_WP_USER", "ruth")
    saved = tmp_path / "config" / "credentials.toml"
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text('app_password = "secret secret"\n')
    saved.chmod(0o644)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_sync()
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "can be read by other users; run `chmod 600" in text
        assert "secret" not in text
        saved.chmod(0o600)
        await press(pilot, "escape")
        app.action_sync()
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Known: site https://blog.example, user ruth; no application password." in text


async def test_conflicts_screen_keeps_mine(app: ReelApp, open_store: Blog) -> None:
    her = open_store.post_by_slug(HER)
    state = syncstate.load(open_store)
    state.site = "https://blog.example"
    state.add_conflict(
        syncstate.Conflict(
            id=f"post:{her.id}",
            kind="post",
            local_id=her.id,
            remote_id="12",
            message="edited here and on the site",
            local={"title": her.title},
            remote={"title": "Her (the site's title)"},
        )
    )
    syncstate.save(open_store, state)
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await press(pilot, "ctrl+p")
        await pilot.press(*"Sync: conf")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConflictsScreen)
        text = screen_text(app)
        assert "Conflicts — 1" in text and "edited here and on the site" in text
        assert "Her (the site's title)" in text and "Yours:" in text
        await press(pilot, "l")
        assert "Conflicts — none" in screen_text(app)
        assert any("your version" in m for m in notes.messages), notes.messages
    after = syncstate.load(open_store)
    assert after.conflicts == [] and after.forced == [f"post:{her.id}"]
    assert open_store.post(her.id) == her  # the local post untouched


async def test_help_lists_the_sync_key(app: ReelApp) -> None:
    from reeltui.ui.screens.help import HelpScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {(keys, label, bid) for _, keys, label, bid in app.screen.rows}
        assert ("S", "Sync", "app.sync") in rows
