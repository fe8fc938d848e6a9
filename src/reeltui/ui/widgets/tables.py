"""The row tables of reeltui (inbox, outbox, conflicts, diary, stats, the revisions): vim keys
as in `lists.py`. Apart from the option lists, so that the first paint, which shows no table,
does not import Textual's DataTable."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

# The keys of every row table (this DataTable, the inbox's LazyTable): one binding each, so
# a keymap line moves the keys of them all.
TABLE_KEYS: tuple[Binding, ...] = (
    Binding("j,down", "cursor_down", "Down", show=False, id="table.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="table.up"),
    Binding("g,home", "scroll_top", "First", show=False, id="table.first"),
    Binding("G,end", "scroll_bottom", "Last", show=False, id="table.last"),
    Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="table.page_down"),
    Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="table.page_up"),
)


class ReelTable(DataTable[Text | str]):
    """A table of rows (cursor_type "row" unless told otherwise)."""

    BINDINGS: ClassVar[list[BindingType]] = list(TABLE_KEYS)

    def __init__(self, *, id: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra_stripes)
