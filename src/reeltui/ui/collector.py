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
meanwhile comes at a later allocation, outside the save.

The widgets themselves are not frozen: a post's widgets become cyclic garbage when another
post is opened (~25,000 objects), which a frozen heap would keep for the session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

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
    """End the deferral AFTER_REPORT seconds from now (the save was just reported)."""
    try:
        app.set_timer(AFTER_REPORT, release)
    except Exception:  # the app is ending
        release()
