"""Whether a widget's new content keeps its height: then its update needs no layout pass
(which arranges every widget of the screen again: a thread of thousands of comments took
seconds). Measured the way Textual measures it when it lays the widget out."""

from __future__ import annotations

from typing import cast

from textual.css.styles import RulesMap
from textual.visual import VisualType, visualize
from textual.widgets import Static


def keeps_height(widget: Static, new: VisualType) -> bool:
    """`new` takes as many lines as what `widget` shows, at its width (False when it has
    not been laid out yet)."""
    width = widget.content_region.width
    if width <= 0:
        return False
    rules = cast(RulesMap, widget.styles)  # (what Textual's layout passes: its styles)
    old = widget.visual.get_height(rules, width)
    return visualize(widget, new).get_height(rules, width) == old
