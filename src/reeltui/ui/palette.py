"""The command palette (Ctrl+P) with its own footer: its keys, not those of the pane behind
it (Textual's palette leaves the screen beneath's footer showing: `/ Search`, `s Sort`...
keys that do nothing while it is open)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from reeltui.ui.widgets.footer import ReelFooter


class ReelPalette(CommandPalette):
    BINDINGS: ClassVar[list[BindingType]] = [
        # (a priority binding: the footer shows it above the search field's own Enter)
        Binding("enter", "run", "Run", priority=True, id="palette.run"),
        Binding("escape", "escape", "Close", id="palette.close"),
    ]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield ReelFooter()

    def action_run(self) -> None:
        """Enter: what the search field's Enter does (run the highlighted command)."""
        self._select_or_command()
