"""Inputs of reeltui: a form field that keeps its words when focused, and an input that gives
focus back at once on enter/escape, so keys typed next never go astray."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input


def focus_now(widget: Widget) -> None:
    """Focus `widget` before the next queued key is handled (Widget.focus() defers it)."""
    widget.screen.set_focus(widget)


class FieldInput(Input):
    """A field of a form (the editor's details, the reply's signature, a path, a name).

    Textual's Input selects its whole value when focused, so the first key typed after Tab
    or F2 replaced it ("Ruth" became "2"). Here focus puts the cursor after the value and
    selects nothing: what is typed is added to the words (Ctrl+U clears the field)."""

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        kwargs["select_on_focus"] = False
        super().__init__(value, **kwargs)

    def on_focus(self, event: events.Focus) -> None:
        if not event.from_app_focus:  # (the terminal's window regaining focus moves nothing)
            self.cursor_position = len(self.value)


class ReturningInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="input.close"),
    ]

    class Closed(Message):
        """Escape: the owner clears what the input was doing."""

        def __init__(self, box: ReturningInput) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> ReturningInput:
            return self.box

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.return_focus: Widget | None = None  # set by the owner

    def _give_back(self) -> None:
        if self.return_focus is not None:
            focus_now(self.return_focus)

    async def action_submit(self) -> None:
        await super().action_submit()
        self._give_back()

    def action_close(self) -> None:
        self.remove_class("-visible")
        self._give_back()
        self.post_message(self.Closed(self))
