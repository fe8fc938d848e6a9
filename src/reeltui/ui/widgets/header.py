"""The main screen's header: Textual's, without the empty widget holding the clock's place.

Textual's header is four widgets (itself, the icon, the title and, without a clock, a blank
`HeaderClockSpace` docked right so the title is centred between the icon and that space).
Each widget is styled, laid out and drawn before the first frame; the title keeps its place
here by a right padding as wide as that space (app.tcss), the same look with one widget less.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header
from textual.widgets._header import HeaderIcon, HeaderTitle


class ReelHeader(Header):
    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
