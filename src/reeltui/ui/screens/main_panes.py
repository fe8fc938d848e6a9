"""The main screen's panes: the post list, the reader, the comment thread. Wide, all three
show and a pane is the one holding the focus; narrow (under `NARROW_WIDTH` columns), the
screen shows the chosen pane alone (its `-show-<pane>` class)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input

from reeltui.ui.widgets.inputs import focus_now
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.thread import Thread

if TYPE_CHECKING:
    from reeltui.ui.screens.main import MainScreen

NARROW_WIDTH = 100
PANES = ("list-pane", "reader", "thread")


class Panes:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.current = "list-pane"

    def go(self, name: str) -> None:
        """Show pane `name` and focus it (escape in the search box closes the search)."""
        screen = self.screen
        if name == "list-pane" and screen.query_one("#list-search", Input).has_focus:
            screen.action_close_search()
            return
        self.show(name)
        target: Widget = {
            "list-pane": screen.searching.shown_list,
            "reader": screen.query_one(Reader).scroller,
            "thread": screen.query_one(Thread),
        }[name]
        focus_now(target)

    def show(self, name: str) -> None:
        # Screen classes restyle every widget (costly with a long post): only narrow
        # layouts need them, so wide ones skip the change.
        screen = self.screen
        self.current = name
        if screen.has_class("-narrow"):
            screen.set_classes(
                {"-narrow", f"-show-{name}"} | (set(screen.classes) - {f"-show-{p}" for p in PANES})
            )

    def resized(self) -> None:
        screen = self.screen
        narrow = screen.size.width < NARROW_WIDTH
        if narrow != screen.has_class("-narrow"):
            screen.set_class(narrow, "-narrow")
            self.show(self.current)

    def focus_moved(self) -> None:
        """The pane follows the focus (a click, tab)."""
        focused = self.screen.focused
        for pane in PANES:
            if focused is not None and any(a.id == pane for a in focused.ancestors_with_self):
                if pane != self.current:
                    self.show(pane)
                return
