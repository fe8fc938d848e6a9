"""One frame per keystroke when its answer comes within a frame.

A letter typed in the list's search box was drawn twice: at once, the box echoing it over
the old list, then, a frame later at least (Textual draws at most once per 1/60 s), the
list answering it. `PaintHold` holds the app's paints from the moment the box's text
changes until the list shows its answer, for one frame at most: an answer found within a
frame (most are) is drawn with the letter, in one frame; a slower one lets the letter be
drawn on time, and follows. Nothing waits for the hold: keys, workers and the event loop
run on; only the drawing of their changes is put together.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.timer import Timer

FRAME = 1 / 60  # seconds a paint is held at most (Textual's own frame, at 60 per second)


class PaintHold:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._timer: Timer | None = None

    @property
    def holding(self) -> bool:
        return self._timer is not None

    def start(self, seconds: float | None = None) -> None:
        """Hold the paints until `end`, `seconds` at most (FRAME); a hold already running
        keeps its own end (a letter is never drawn more than a frame late)."""
        if self._timer is not None:
            return
        self.app._begin_batch()
        self._timer = self.app.set_timer(FRAME if seconds is None else seconds, self.end)

    def end(self) -> None:
        """Let the held changes be drawn (at the app's next frame)."""
        timer, self._timer = self._timer, None
        if timer is None:
            return
        timer.stop()
        self.app._end_batch()
        self.app.screen.check_idle()  # (the screen draws what is due when it is next idle)
