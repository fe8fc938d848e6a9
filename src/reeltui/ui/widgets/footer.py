"""The footer: the keys of where focus is, never one cut in half, `? Keys` always on the right.

Textual's footer lines up every shown key and cuts the line at the terminal's edge (at 80
columns `? Keys` fell off; at 120 `o Outbox` was cut in two). This one keeps the help key
docked on the right, then as many keys as fit whole: the focused pane's first, then the
screen's, then the app's; the others are left out (they are all in `?`). The keys stay in
the footer's order.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = ("help", "app.help")
DOCKED = "-command-palette"  # Textual's class for the key docked on the right


def key_width(key: FooterKey, compact: bool) -> int:
    """Cells `key` takes in the footer (its padding and margin included)."""
    words = cell_len(key.key_display) + cell_len(key.description)
    return words + (2 if compact else 3)


class ReelFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        help_key = next((k for k in keys if k.action in HELP_ACTIONS), None)
        room = self.app.size.width - 1
        if help_key is not None:
            help_key.add_class(DOCKED)
            room -= key_width(help_key, self.compact) + 1
        owners = {key: node for key, (node, *_rest) in self.screen.active_bindings.items()}

        def rank(key: FooterKey) -> int:
            owner = owners.get(key.key)
            return 2 if isinstance(owner, App) else 1 if isinstance(owner, Screen) else 0

        kept: set[int] = set()
        for key in sorted((k for k in keys if k is not help_key), key=rank):
            width = key_width(key, self.compact)
            if width <= room:  # whole keys only: the others are in `?`
                kept.add(id(key))
                room -= width
        for widget in widgets:
            if widget is not help_key and (id(widget) in kept or not isinstance(widget, FooterKey)):
                yield widget
        if help_key is not None:
            yield help_key

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
