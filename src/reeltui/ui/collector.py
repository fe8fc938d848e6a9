"""No full collector pass while a save is under way and drawn.

A full pass of Python's cyclic collector walks every object it has not been told to leave
alone (`gc.freeze`): with a post open, its widgets and Textual's cached lines, 75,000-180,000
objects, 30-130 ms holding the interpreter. A save allocates enough (the change, its
announcements, the views it adds) to set one going every few replies, in the middle of the
redraw the user is looking at. So full passes are deferred (`domain/memory.defer_full_passes`)
from the moment a save is asked for until `AFTER_REPORT` seconds after its report (`done`,
`failed`): the composer closed, the screen shown again, the new comment laid out and
scrolled to take a few hundred milliseconds on a loaded machine. (Ending it once the screen
looked idle was tried: a scroll asked for by a callback after the last look still met a
full pass now and then.) The passes over the middle generation (what ten young passes
kept: 3-15 ms, two or three a reply, in the frames that paint the screen shown again and
lay out the reply) are deferred with them. The youngest passes go on (under a millisecond
each): pausing the collector altogether left one young pass over everything the save and
its redraw made, 37-74 ms on a loaded machine, right at the end. A pass that falls due
meanwhile runs when the deferral ends (`catch_up`), in a step of its own.

The widgets themselves are not frozen: a post's widgets become cyclic garbage when another
post is opened (~25,000 objects), which a frozen heap would keep for the session.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.timer import Timer

from reeltui.domain.memory import defer_full_passes

AFTER_REPORT = 1.0  # seconds after a save's report until full passes may run again
HOLD_SECONDS = 30.0  # after the ask, whatever happens (a save is reported long before)


def hold(app: App[Any]) -> Callable[[], None]:
    """Defer full passes for a save; the returned function ends that (once: later calls do
    nothing). It ends after HOLD_SECONDS whatever happens."""
    release = defer_full_passes()
    try:
        app.set_timer(HOLD_SECONDS, release)
    except Exception:  # (no running app: nothing will draw the save)
        release()
    return release


def release_when_drawn(app: App[Any], release: Callable[[], None]) -> None:
    """End the deferral AFTER_REPORT seconds from now (the save was just reported), and run
    then the passes it held back (`catch_up`)."""
    try:
        app.set_timer(AFTER_REPORT, lambda: catch_up(release))
    except Exception:  # the app is ending
        release()


def catch_up(release: Callable[[], None]) -> None:
    """End a deferral; when the pass it held back is due (the middle generation's), run it
    now, in a step of its own, and the full one with it when the collector's own rule would
    start one after it (the oldest generation's count past its threshold): left to the
    collector, they ran at the next allocation that counted, and an idle app allocates next
    when a key comes, so a full pass (50-120 ms of CPU with a post open, measured at 1,000
    and 50,000 posts alike) landed in the handling of the user's next key (a cursor key in
    the reply benchmark's windows). (A full pass at every catch-up was tried: twice as many
    full passes.) A deferral still under way (another save) catches up when it ends."""
    release()
    count, threshold = gc.get_count(), gc.get_threshold()
    if count[1] > threshold[1]:
        gc.collect(2 if count[2] + 1 > threshold[2] else 1)


AFTER_KEYS = 1.0  # seconds after the last key typed in a search until full passes may run


class Typing:
    """No full collector pass while a search is typed: at 50,000 posts the objects not frozen
    once the list was ready (its rows, positions and ids: lists of ~360,000 items) made a
    full pass 8-30 ms on a quiet machine and 86-131 ms under load, inside the keystroke it
    fell in (the filter's slowest keys, measured). What is kept for the session is now
    frozen or in containers the collector does not walk (docs/architecture.md, Threads): a
    full pass after a search typed is 3-27 ms of thread CPU at load 8-10 (a bare Textual
    app's: 23-30 ms), but it still falls inside a key; so full passes are deferred from a
    key until AFTER_KEYS seconds after the last one, HOLD_SECONDS at most (a pass due comes
    then, at the user's pause); the youngest passes go on (domain/memory.defer_full_passes)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._release: Callable[[], None] | None = None
        self._since = 0.0
        self._timer: Timer | None = None

    @property
    def deferring(self) -> bool:
        return self._release is not None

    def key(self) -> None:
        """A key changed the search: no full pass until AFTER_KEYS from now."""
        now = time.monotonic()
        if self._release is not None and now - self._since > HOLD_SECONDS:
            self.end()  # typing for long: let a pass due run now, then defer again
        if self._release is None:
            self._release, self._since = defer_full_passes(), now
        if self._timer is not None:
            self._timer.stop()
        try:
            self._timer = self.app.set_timer(AFTER_KEYS, self.end)
        except Exception:  # the app is ending
            self.end()

    def end(self) -> None:
        release, self._release = self._release, None
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.stop()
        if release is not None:
            release()
