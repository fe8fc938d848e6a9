"""The UI's end of the services' change announcements (services/events.py).

The app subscribes to its blog once and turns each announcement (made in whatever thread
changed the store) into a `StoreChanged` message; it then publishes the change on its
`store_changed` signal. A view calls `listen(self, apply)` in `on_mount`: `apply` gets the
changes announced since it last ran, in one list, once the view's queue reaches them (a
thousand announcements of an import make one redraw). A view that is closed stops hearing.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.message import Message
from textual.signal import Signal

from reeltui.services.events import Change

Apply = Callable[[list[Change]], object]


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

    def heard(change: Change) -> None:
        pending.append(change)
        if len(pending) == 1:
            node.call_later(run)

    def run() -> None:
        changes = pending[:]
        pending.clear()
        if node.is_attached:
            apply(changes)

    signal.subscribe(node, heard)


def touches(changes: list[Change], kind: str, record_id: str | None = None) -> bool:
    """Did `changes` change records of `kind` (this one, when `record_id` is given)?"""
    return any(
        c.kind == "all" or (c.kind == kind and (record_id is None or record_id in c.ids))
        for c in changes
    )
