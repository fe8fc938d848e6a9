"""Tables and option lists that take vim keys like the post list and the thread: j/k move,
g/G go to the first/last row, Ctrl+D/Ctrl+U page (the arrows, Home/End and PgUp/PgDn too).

Textual's DataTable and OptionList know only the arrows, and a row table's Home/End scroll
sideways. Every list and table of reeltui (inbox, outbox, conflicts, diary, stats, the
revisions, the pickers, the reader's contents) is one of these.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList


class ReelTable(DataTable[Text | str]):
    """A table of rows (cursor_type "row" unless told otherwise)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="table.up"),
        Binding("g,home", "scroll_top", "First", show=False, id="table.first"),
        Binding("G,end", "scroll_bottom", "Last", show=False, id="table.last"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="table.page_down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="table.page_up"),
    ]

    def __init__(self, *, id: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra_stripes)


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
