"""Ask for one line of text (a name for a saved search)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.inputs import FieldInput


class PromptScreen(ModalScreen[str | None]):
    """Returns the text typed (enter) or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, title: str, question: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter to keep · esc to cancel"
            yield Static(self.question, classes="dialog-question", markup=False)
            yield FieldInput(value=self.value, id="prompt-input")
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
