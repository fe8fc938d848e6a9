"""Tables and option lists that take vim keys like the post list and the thread: j/k move,
g/G go to the first/last row, Ctrl+D/Ctrl+U page (the arrows, Home/End and PgUp/PgDn too).

Textual's DataTable and OptionList know only the arrows, and a row table's Home/End scroll
sideways. Every list and table of reeltui (inbox, outbox, conflicts, diary, stats, the
revisions, the pickers, the reader's contents) is one of these. The tables are in
`tables.py` (Textual's DataTable is imported when a screen with a table first opens).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class ReelOptions(OptionList):
    """A list of options to choose from (Enter chooses)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="options.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="options.up"),
        Binding("g,home", "first", "First", show=False, id="options.first"),
        Binding("G,end", "last", "Last", show=False, id="options.last"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="options.page_down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="options.page_up"),
    ]

    def __init__(self, *options: Any, choose: str = "", **kwargs: Any) -> None:
        """`choose`: what Enter does, shown in the footer (a dialog's list: "Copy")."""
        super().__init__(*options, **kwargs)
        if choose:
            self._bindings.key_to_bindings["enter"] = [
                Binding("enter", "select", choose, id="options.choose")
            ]
