"""The command palette (Ctrl+P) with its own footer: its keys, not those of the pane behind
it (Textual's palette leaves the screen beneath's footer showing: `/ Search`, `s Sort`...
keys that do nothing while it is open). Enter is the search field's own (not shown): a
priority binding for it, to show it, ran the list's first command when Enter came right
after the last letter typed, before the letters narrowed the list (tests/e2e/test_sync_tmux)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from reeltui.ui.widgets.footer import ReelFooter


class ReelPalette(CommandPalette):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape", "Close", id="palette.close"),
    ]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield ReelFooter()
