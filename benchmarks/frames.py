"""When a change reaches the screen: the first frame the app sends its terminal that shows it.

Pilot's `press` and `pause` wait until the whole process looks idle (20 ms sleeps until a
window passes with under 1 ms of CPU, for up to a second per wait): a harness wait, not the
user's. An app with a worker still busy (the search index made after the first paint) waits
there far longer than a bare app, whatever its screen shows. So the keystroke and first-paint
figures are read here instead: the key is put in the app's queue as Pilot does, and the clock
stops at the first frame whose content shows the change.

A frame is what the app hands its driver (`App._display`, called once the screen's
compositor has rendered the update); under the headless driver Textual stops there, so the
frame is also turned into the terminal's bytes here (`render_segments`), as a real terminal
driver would before writing it. Both sides of every comparison are read this way.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key


class FrameWatch:
    """Logs each frame the app sends its terminal: when, and `look()` — what the test cares
    about in the app's state — taken as the frame is sent (the frame and that state come from
    the same moment of the event loop)."""

    def __init__(self, app: App[Any], look: Callable[[], Any]) -> None:
        self.log: list[tuple[float, Any]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(app.console)  # the bytes a real terminal driver would write
            self.log.append((time.perf_counter(), look()))

        app._display = display  # type: ignore[method-assign]

    def first(self, shows: Callable[[Any], bool], since: float) -> float | None:
        """When the first frame sent after `since` whose look `shows` was sent."""
        return next((t for t, seen in self.log if t >= since and shows(seen)), None)


def send_key(app: App[Any], key: str) -> None:
    """Put one key in the app's queue exactly as Pilot.press makes it (without its idle waits)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    char: str | None
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)
