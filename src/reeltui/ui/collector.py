"""No collector pass while a save is under way and drawn.

A full pass of Python's cyclic collector walks every object it has not been told to leave
alone (`gc.freeze`): with a post open, its widgets and Textual's cached lines, 75,000-180,000
objects, 30-130 ms holding the interpreter. A save allocates enough (the change, its
announcements, the views it adds) to set one going every few replies, in the middle of the
redraw the user is looking at. So the collector is paused (`domain/memory.pause_gc`) from
the moment a save is asked for until the screen has drawn it: its report (`done`, `failed`)
has run and the screen it left has nothing left to lay out or paint; it is back on after
`HOLD_SECONDS` at the latest. A pause only defers: the objects made meanwhile are walked by
the first young pass after it (a few milliseconds), and a full pass, when due, comes at a
later allocation, outside the save.

The widgets themselves are not frozen: a post's widgets become cyclic garbage when another
post is opened (~25,000 objects), which a frozen heap would keep for the session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

from reeltui.domain.memory import pause_gc

HOLD_SECONDS = 2.0  # the collector is back on after this, drawn or not
MAX_LOOKS = 8  # repaints looked at after the report (the screen shown again, laid out, scrolled)


def hold(app: App[Any]) -> Callable[[], None]:
    """Pause the collector for a save; the returned function ends the pause (once: later
    calls do nothing). The pause ends after HOLD_SECONDS whatever happens."""
    release = pause_gc()
    try:
        app.set_timer(HOLD_SECONDS, release)
    except Exception:  # (no running app: nothing will draw the save)
        release()
    return release


def release_when_drawn(app: App[Any], release: Callable[[], None], looks: int = 0) -> None:
    """End the pause once the app's screen has drawn what the save set going: after each of
    its repaints, look again while it still has something to lay out, paint or handle."""
    try:
        screen = app.screen
    except Exception:  # the app is ending
        release()
        return
    if looks and (looks >= MAX_LOOKS or not _drawing(screen)):
        release()
        return
    screen.call_after_refresh(release_when_drawn, app, release, looks + 1)


def _drawing(screen: Screen[Any]) -> bool:
    """Has the screen a layout, a repaint, a message or a worker of its own still to come?"""
    pending = (
        screen._layout_required
        or screen._repaint_required
        or bool(screen._dirty_widgets)
        or screen._message_queue.qsize() > 0
    )
    return pending or any(w.node is screen and not w.is_finished for w in screen.app.workers)
