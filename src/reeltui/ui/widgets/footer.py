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


def _rank(owner: object) -> int:
    """The footer's order of a key's owner: the focused pane's, the screen's, the app's."""
    return 2 if isinstance(owner, App) else 1 if isinstance(owner, Screen) else 0


class ReelFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        self._shown: object = None  # what the keys on show were made from

    def _made_from(self) -> object:
        """Everything the footer's keys are made from: the same twice, the same keys."""
        if not self._bindings_ready:
            return None
        shown = self.app.get_key_display
        keys = tuple(
            (key, _rank(node), b.description, b.action, b.show, enabled, tip, shown(b))
            for key, (node, b, enabled, tip) in self.screen.active_bindings.items()
        )
        return (self.app.size.width, self.compact, keys)

    async def recompose(self) -> None:
        """Made again only when its keys changed: Textual asks after every focus or binding
        change, and making a footer (a dozen keys, each styled) cost a tenth of a second
        of the first paint, six times over."""
        if not self.is_attached:  # its screen was closed meanwhile (Textual's own check)
            return
        made_from = self._made_from()
        if made_from is not None and made_from == self._shown and self.children:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._made_from()
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        help_key = next((k for k in keys if k.action in HELP_ACTIONS), None)
        room = self.app.size.width - 1
        if help_key is not None:
            help_key.add_class(DOCKED)
            room -= key_width(help_key, self.compact) + 1
        owners = {key: node for key, (node, *_rest) in self.screen.active_bindings.items()}

        def rank(key: FooterKey) -> int:
            return _rank(owners.get(key.key))

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
