"""Misspelled words underlined: the editor's body (a TextArea) and its one-line fields.

The spans come from a worker (ui/spelling.py); each is kept with the text of its line, so a
line edited since it was checked is never marked at the wrong place.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.highlighter import Highlighter
from rich.style import Style
from rich.text import Text

from reeltui.ui.widgets.markdown_area import MarkdownArea

MISSPELLED = Style(underline=True, color="red")
Span = tuple[int, int]
Marks = dict[int, tuple[str, tuple[Span, ...]]]  # line index -> (its text, spans)


class SpellTextArea(MarkdownArea):
    """The Markdown text area, underlining the spans it is given (`show_misspelled`)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.marks: Marks = {}

    def show_misspelled(self, marks: Marks) -> None:
        if marks == self.marks:
            return
        self.marks = marks
        self._line_cache.clear()  # rendered lines are cached: drop them to show the marks
        self.refresh()

    def spans_of(self, row: int) -> tuple[Span, ...]:
        """The misspelled spans of line `row` as it reads now (none when it changed since)."""
        marked = self.marks.get(row)
        if marked is None or marked[0] != self.document.get_line(row):
            return ()
        return marked[1]

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        marked = self.marks.get(line_index)
        if marked is not None and marked[0] == line.plain:
            for start, end in marked[1]:
                line.stylize(MISSPELLED, start, end)
        return line


class SpellHighlighter(Highlighter):
    """For an Input: underlines what `check` finds in its value (nothing until it is set)."""

    def __init__(self) -> None:
        self.check: Callable[[str], list[Span]] | None = None

    def highlight(self, text: Text) -> None:
        if self.check is not None:
            for start, end in self.check(text.plain):
                text.stylize(MISSPELLED, start, end)
