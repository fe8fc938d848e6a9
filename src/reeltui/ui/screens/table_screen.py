"""The shape shared by the inbox, the outbox, the diary and the conflicts list: a title line, a
table of rows (one per item), and the highlighted item's detail below it. `DetailScreen` is
the shape whatever the table; `TableScreen` has a DataTable (the inbox: a LazyTable, for its
tens of thousands of rows)."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static

from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.tables import ReelTable

Item = TypeVar("Item")
Result = TypeVar("Result")


class DetailScreen(Screen[Result], Generic[Item, Result]):
    """Subclasses set `PREFIX` (ids `#<prefix>-title`, `-table`, `-detail`, `-detail-text`,
    styled in app.tcss), keep their rows in `self.items`, make their table (`make_table`),
    say where its cursor is (`cursor_index`) and implement `show_detail`."""

    PREFIX: ClassVar[str] = "table"

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Item] = []

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.PREFIX}-title", markup=False)
        yield self.make_table()
        with VerticalScroll(id=f"{self.PREFIX}-detail"):
            yield Static(id=f"{self.PREFIX}-detail-text")
        yield ReelFooter()

    def make_table(self) -> Widget:
        raise NotImplementedError

    def cursor_index(self) -> int:
        raise NotImplementedError

    @property
    def current(self) -> Item | None:
        """The highlighted item (None when the table is empty)."""
        row = self.cursor_index()
        return self.items[row] if 0 <= row < len(self.items) else None

    def set_title(self, title: str) -> None:
        self.query_one(f"#{self.PREFIX}-title", Static).update(title)

    def set_detail(self, detail: Text | str) -> None:
        self.query_one(f"#{self.PREFIX}-detail-text", Static).update(detail)

    def show_detail(self) -> None:
        """Show the highlighted item's detail (`set_detail`)."""
        raise NotImplementedError


class TableScreen(DetailScreen[Item, Result]):
    """A DetailScreen whose table is a DataTable (ReelTable)."""

    def make_table(self) -> Widget:
        return ReelTable(id=f"{self.PREFIX}-table")

    @property
    def table(self) -> DataTable[Text | str]:
        return self.query_one(f"#{self.PREFIX}-table", DataTable)

    def cursor_index(self) -> int:
        return self.table.cursor_row

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()
