"""The thread pane's jumps by the tree's shape: to the parent, the next or previous sibling,
the next or previous top-level comment (the `p`, `J`/`K` and `{`/`}` keys of `Thread`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reeltui.ui.widgets.thread_window import ThreadWindow

    _Base = ThreadWindow
else:  # (a plain mixin: a widget class in the pane's bases would change its CSS)
    _Base = object


class ThreadJumps(_Base):
    """A mixin of `Thread`, before its window class: moves `cursor` over `entries`."""

    def action_parent(self) -> None:
        if self.cursor < 0:
            return
        depth = self.entries[self.cursor].depth
        for i in range(self.cursor - 1, -1, -1):
            if self.entries[i].depth < depth:
                self.cursor = i
                return
        self.notify("this comment is a top-level comment")

    def action_sibling(self, step: int) -> None:
        if self.cursor < 0:
            return
        depth = self.entries[self.cursor].depth
        i = self.cursor + step
        while 0 <= i < len(self.entries):
            if self.entries[i].depth < depth:
                break
            if self.entries[i].depth == depth:
                self.cursor = i
                return
            i += step
        self.notify("no more replies at this level")

    def action_top_level(self, step: int) -> None:
        i = self.cursor + step
        while 0 <= i < len(self.entries):
            if self.entries[i].depth == 1:
                self.cursor = i
                return
            i += step
        self.notify("no more top-level comments")
