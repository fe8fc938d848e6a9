"""The UI's end of the services' change announcements (services/events.py).

The app subscribes to its blog once and turns each announcement (made in whatever thread
changed the store) into a `StoreChanged` message; it then publishes the change on its
`store_changed` signal. A view calls `listen(self, apply)` in `on_mount`: `apply` gets the
changes announced since it last ran, in one list, once the view's queue reaches them (a
thousand announcements of an import make one redraw). A view that is closed stops hearing.

A view whose screen another one covers (the reply's composer, a dialog) hears the changes
once its screen is shown again, and is not woken meanwhile: a message handled by a covered
screen made Textual repaint the screen on top of it whole (the composer, 25-75 ms, right
after Ctrl+S). Shown again, the screen is first painted (whole: Textual repaints every line
of a screen a modal one dimmed, 15-40 ms), then the changes are drawn, a frame later (both
in one frame froze the screen 50-60 ms at 50,000 posts). `apply` may return an awaitable:
it is awaited before the view's screen is drawn again.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

from textual.dom import DOMNode
from textual.message import Message
from textual.signal import Signal

from reeltui.services.events import Change

Apply = Callable[[list[Change]], object]
BREATHE = 0.001  # seconds between a screen's paint, shown again, and its changes


class StoreChanged(Message):
    """Posted to the app for every change announced by the services."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


def listen(node: DOMNode, apply: Apply) -> None:
    """Call `apply(changes)` on `node` after the store changed (see the module docstring)."""
    signal = getattr(node.app, "store_changed", None)
    if not isinstance(signal, Signal):
        return  # an app without a store (a test harness): nothing will change
    pending: list[Change] = []
    due = [False]  # a run is queued on the node

    def shown() -> bool:
        return node.is_attached and node.screen is node.app.screen

    def schedule(_: object = None) -> None:
        if pending and not due[0] and shown():
            due[0] = True
            node.call_later(run)

    def shown_again(_: object = None) -> None:  # drawn once the screen has been painted
        if pending and not due[0] and shown():
            due[0] = True
            node.call_after_refresh(run, True)

    def heard(change: Change) -> None:  # (in the app's handling of the announcement)
        pending.append(change)
        schedule()

    async def run(painted: bool = False) -> None:
        if painted:  # keys and timers are answered between the paint and the changes
            await asyncio.sleep(BREATHE)  # (else both ran in one step of the event loop)
        due[0] = False
        changes = pending[:]
        pending.clear()
        if node.is_attached and changes:
            drawn = apply(changes)
            if inspect.isawaitable(drawn):
                await drawn

    signal.subscribe(node, heard, immediate=True)  # nothing posted to a covered view
    node.app.screen_change_signal.subscribe(node, shown_again, immediate=True)


def touches(changes: list[Change], kind: str, record_id: str | None = None) -> bool:
    """Did `changes` change records of `kind` (this one, when `record_id` is given)?"""
    return any(
        c.kind == "all" or (c.kind == kind and (record_id is None or record_id in c.ids))
        for c in changes
    )
