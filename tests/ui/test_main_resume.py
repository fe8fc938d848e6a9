"""The main screen shown again (a dialog closed): Textual's own resume handling runs once
(MainScreen's handler called it besides Textual, so twice: every style refreshed twice), and
the changes the screen heard while covered are drawn (its `on_screen_resume` was never
called: Textual calls one handler a class, the underscored one when both are defined)."""

from __future__ import annotations

import pytest
from textual.screen import Screen

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from tests.ui.helpers import burst, settle


async def test_shown_again_resumes_once_and_draws_what_it_heard(
    app: ReelApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    resumed: list[str] = []
    real = Screen._on_screen_resume

    def counted(screen: Screen[object], event: object) -> None:
        resumed.append(type(screen).__name__)
        real(screen, event)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_on_screen_resume", counted)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        shown: list[int] = []
        real_shown = main.follower.shown
        main.follower.shown = lambda: (shown.append(1), real_shown())[1]  # type: ignore[method-assign]
        await burst(pilot, "?")
        await settle(pilot)
        resumed.clear()
        await burst(pilot, "<escape>")
        await settle(pilot)
        assert app.screen is main
        assert resumed == ["MainScreen"]
        assert shown == [1]
