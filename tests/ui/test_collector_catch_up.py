"""The collector's passes a save held back run when the hold ends, in a step of their own
(ui/collector.catch_up), not at whatever allocation comes next (an idle app's next one is
the handling of the user's next key): counted passes and where they started, never timed."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from reeltui.ui import collector
from reeltui.ui.app import ReelApp
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.composer import ComposerScreen
from tests.ui.helpers import press, screen_text, settle, wait_until
from tests.ui.test_reply_freezes import deferring
from tests.ui.test_thread_window import huge, opened

__all__ = ["huge"]  # (the fixture: a thread of 3,006 comments)


class Older:
    """Each pass over the older generations (the middle one's, a full one): where it
    started."""

    def __init__(self) -> None:
        self.callers: list[set[str]] = []

    def record(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] >= 1:
            frame, names = sys._getframe(1), set()
            while frame is not None:
                names.add(frame.f_code.co_name)
                frame = frame.f_back
            self.callers.append(names)


@pytest.fixture
def older() -> Iterator[Older]:
    recorded = Older()
    thresholds = gc.get_threshold()
    gc.set_threshold(100, 2, 2)  # (passes due often: a save holds some back)
    gc.callbacks.append(recorded.record)
    yield recorded
    gc.callbacks.remove(recorded.record)
    gc.set_threshold(*thresholds)


async def test_the_passes_a_reply_held_back_run_when_the_hold_ends(
    huge: tuple[ReelApp, str], older: Older, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "AFTER_REPORT", 0.3)
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(app, post_id, pilot)
        await press(pilot, "j", "r")
        assert isinstance(app.screen, ComposerScreen)
        app.screen.query_one("TextArea").insert("Held back, then caught up")
        await settle(pilot)
        asked = save_queue(app).asked
        older.callers.clear()
        await pilot.press("ctrl+s")
        ended = lambda: save_queue(app).asked > asked and not deferring()  # noqa: E731
        await wait_until(pilot, ended, "the save's hold ended")
        assert "Held back, then caught up" in screen_text(app)
        assert any("catch_up" in c for c in older.callers)  # (the old app: none, the pass
        assert gc.get_count()[1] <= gc.get_threshold()[1]  # came at a later allocation)
