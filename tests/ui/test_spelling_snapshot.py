"""How a misspelled word looks in the editor (SVG snapshot; update with --snapshot-update
after looking at it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from tests.ui.test_editor_snapshots import steady_cursors

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _spelling_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REELTUI_SPELLING", raising=False)


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def test_a_misspelled_word_is_underlined(snap_compare: Any, store_path: Path) -> None:
    blog = open_blog(store_path)
    app = make_app(
        blog,
        settings=Settings(),
        initial_screen=lambda: EditorScreen(
            blog,
            template="review",
            title="Arrival",
            author="Ruth",
            clock=clock,
            autosave_delay=3600,
        ),
    )

    async def run_before(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, EditorScreen)
        for _ in range(500):  # the dictionary loads in a worker
            if screen.spelling.checks:
                break
            await pilot.pause(0.02)
        checks = screen.spelling.checks
        screen.body.replace("Villeneuve's quiet wrold of first contact.", (2, 0), (2, 58))
        for _ in range(500):
            if screen.spelling.checks > checks and screen.body.marks:
                break
            await pilot.pause(0.02)
        screen.body.move_cursor((0, 0))  # no selection over the marked line
        await steady_cursors(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
