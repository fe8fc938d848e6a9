"""A table whose cells are made when their row is drawn: the inbox of a big archive.

Textual's DataTable measures every cell of every row it is given (and we made every cell
first): 22,000 comments waiting for a reply took 18 s to show, and each moderation as long
again. This Line API table is told how many rows it has and how to make a row's cells
(`cells(index)`); it draws the rows on screen, with a header line that stays, and keeps the
lines it drew until told a row changed. Keys as ReelTable's (the same bindings: the
keymap moves both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reeltui.ui.widgets.tables import TABLE_KEYS

Cells = Callable[[int], Sequence[Text]]
KEPT = 500  # lines kept drawn


class LazyTable(ScrollView, can_focus=True):
    """Rows of one-line cells in columns of fixed widths; a cursor row."""

    BINDINGS: ClassVar[list[BindingType]] = list(TABLE_KEYS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"lazy-table--header", "lazy-table--cursor"}
    DEFAULT_CSS = """
    LazyTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        & > .lazy-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .lazy-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .lazy-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor is on another row (or the rows changed under it)."""

        def __init__(self, table: LazyTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> LazyTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[tuple[str, int]] = []  # (label, width in cells)
        self.row_count = 0
        self._cells: Cells = lambda index: ()
        self._drawn: dict[tuple[int, bool, bool, int], Strip] = {}

    # -- data ----------------------------------------------------------------------------

    def show(self, columns: list[tuple[str, int]], count: int, cells: Cells, cursor: int) -> None:
        """Show `count` rows in `columns`, row i's cells made by `cells(i)` when drawn; the
        cursor on row `cursor`."""
        self.columns, self.row_count, self._cells = columns, count, cells
        self._drawn.clear()
        self.virtual_size = Size(0, count + 1)  # (+ the header; no width: no horizontal bar)
        self.cursor_row = cursor
        self.refresh()

    def row_cells(self, index: int) -> Sequence[Text]:
        """Row `index`'s cells, as drawn."""
        return self._cells(index)

    def refresh_row(self, index: int) -> None:
        """Row `index` changed: draw it again."""
        for key in [k for k in self._drawn if k[0] == index]:
            del self._drawn[key]
        self._refresh_index(index)

    # -- cursor --------------------------------------------------------------------------

    def validate_cursor_row(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_index(old)
        self._refresh_index(new)
        rows = self._rows_shown()
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + rows:
            self.scroll_to(y=new - rows + 1, animate=False, immediate=True)
        self.post_message(self.Highlighted(self, new))

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = row

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_scroll_top(self) -> None:
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self.cursor_row = self.row_count - 1

    def action_page_down(self) -> None:
        self.cursor_row += self._rows_shown()

    def action_page_up(self) -> None:
        self.cursor_row -= self._rows_shown()

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            index = int(self.scroll_offset.y) + event.y - 1
            if 0 <= index < self.row_count:
                self.cursor_row = index

    def on_focus(self) -> None:
        self._drawn.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._drawn.clear()
        self.refresh()

    def _rows_shown(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _refresh_index(self, index: int) -> None:
        self.refresh_lines(1 + index)  # (virtual lines: the header's, then the rows')

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("lazy-table--header")
            return self._line([Text(label) for label, _ in self.columns], width, style)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.row_count:
            return Strip.blank(width, base)
        cursor = index == self.cursor_row
        key = (index, cursor, self.has_focus, width)
        found = self._drawn.get(key)
        if found is None:
            style = base + self.get_component_rich_style("lazy-table--cursor") if cursor else base
            found = self._drawn[key] = self._line(list(self._cells(index)), width, style)
            if len(self._drawn) > KEPT:
                for old in list(self._drawn)[: KEPT // 2]:
                    del self._drawn[old]
        return found

    def _line(self, cells: list[Text], width: int, style: Style) -> Strip:
        line = Text(no_wrap=True)
        for text, (_, size) in zip(cells, self.columns, strict=False):
            cell = text.copy()
            cell.truncate(size, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(cell)
            line.append(" ")
        line.truncate(width, pad=True)
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in line.render(self.app.console)
            if s.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, style)
