"""No full pass of Python's garbage collector inside the keys of a search (ui/collector.py).

At 50,000 posts a full pass over what the ready list keeps took 86-131 ms under load inside
the keystroke it fell in: the filter's slowest keys. The collector's thresholds are set low
here, so that without the deferral full passes come at nearly every key; with it none comes
while the search is typed, and the passes due come once the typing stops."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from reeltui.domain.memory import NEVER
from reeltui.ui import collector
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from tests.ui.helpers import press, settle, wait_until


@pytest.fixture
def full_passes() -> Iterator[list[int]]:
    """The collector made eager (a full pass after every 2 young passes of 50 containers);
    each full pass recorded."""
    passes: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            passes.append(1)

    before = gc.get_threshold()
    gc.set_threshold(50, 1, 1)
    gc.callbacks.append(seen)
    try:
        yield passes
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*before)


async def test_no_full_collector_pass_while_a_search_is_typed(
    app: ReelApp, full_passes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "AFTER_KEYS", 3.0)  # the keys below come faster than this
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await press(pilot, "slash", "s")  # the first letter: from its handling on, none
        assert screen.listing.typing.deferring
        full_passes.clear()  # (one may come before it, from this or another thread)
        for letter in "pike":
            await press(pilot, letter)  # each answered and drawn before the next
        assert full_passes == [], "a full pass ran inside the keys"
        assert screen.listing.typing.deferring
        assert gc.get_threshold() == (50, NEVER, NEVER)  # (the middle generation too)
        # the typing stops: the collector is as it was, and the passes due come
        await wait_until(pilot, lambda: not screen.listing.typing.deferring, "the end")
        assert gc.get_threshold() == (50, 1, 1)
        junk = [[i] for i in range(1000)]  # containers: the young passes and a full one run
        del junk
        await pilot.pause()
        assert full_passes, "no full pass after the typing stopped"
