"""One frame per keystroke when its answer comes in time.

A letter typed in the list's search box was drawn twice: at once, the box echoing it over
the old list, then, a frame later at least (Textual draws at most once per 1/60 s, and the
frame after one drawn at once comes 17-33 ms later), the list answering it. `PaintHold`
holds the app's paints from the moment the box's text changes until the list shows its
answer, `HOLD` at most: an answer found in time (most are) is drawn with the letter, in
one frame; a slower one lets the letter be drawn, and follows. Nothing waits for the hold:
keys, workers and the event loop run on (the search's thread has the interpreter to itself
meanwhile); only the drawing of their changes is put together.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.timer import Timer

# Seconds a paint is held at most: the 50 ms a keystroke's whole answer is allowed. Measured
# at 50,000 posts (answers of 20-50 ms are common there): held for one frame (1/60 s), the
# letter was drawn at 17 ms and the answer, a moment later, had to wait for Textual's next
# frame (17-33 ms after the one before): two frames, the answer later than without a hold.
HOLD = 0.050


class PaintHold:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._timer: Timer | None = None

    @property
    def holding(self) -> bool:
        return self._timer is not None

    def start(self, seconds: float | None = None) -> None:
        """Hold the paints until `end`, `seconds` at most (HOLD); a hold already running
        keeps its own end (a letter is never drawn more than HOLD late)."""
        if self._timer is not None:
            return
        self.app._begin_batch()
        self._timer = self.app.set_timer(HOLD if seconds is None else seconds, self.end)

    def end(self) -> None:
        """Let the held changes be drawn (at the app's next frame)."""
        timer, self._timer = self._timer, None
        if timer is None:
            return
        timer.stop()
        self.app._end_batch()
        self.app.screen.check_idle()  # (the screen draws what is due when it is next idle)
