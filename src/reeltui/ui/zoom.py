"""Zoom: the focused pane fills the screen (Textual's maximize), and back."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget


def toggle_zoom(screen: Screen[Any]) -> bool:
    """Maximize the outermost pane around the focused widget that allows it (the reader
    rather than its text), or put a maximized one back. False: nothing to zoom here."""
    if screen.maximized is not None:
        screen.minimize()
        return True
    focused = screen.focused
    panes = [
        node
        for node in (focused.ancestors_with_self if focused is not None else [])
        if isinstance(node, Widget) and not isinstance(node, Screen) and node.allow_maximize
    ]
    return bool(panes) and screen.maximize(panes[-1], container=False)
