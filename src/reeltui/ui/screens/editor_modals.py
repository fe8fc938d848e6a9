"""Small dialogs of the editor: leave with unsaved changes, recover, copy, revisions."""

from __future__ import annotations

from typing import ClassVar

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from reeltui.domain.dates import display_date
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import word_count
from reeltui.services.drafts import Recovery
from reeltui.services.revisions import Revision, unified_diff
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.lists import ReelOptions


class Choice(ModalScreen[str]):
    """A question with a few answers, each on a button and a key."""

    BINDINGS: ClassVar = [Binding("escape", "dismiss('cancel')", "Cancel", id="choice.cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers`: (value, label, key) in order; the first is focused. Each key is a
        binding of this dialog (the footer shows them, as the buttons do)."""
        super().__init__(classes="editor-dialog")
        self.question = question
        self.answers = answers
        for value, label, key in answers:
            self._bindings.bind(key, f"answer({value!r})", label)
        keys = self._bindings.key_to_bindings
        keys["escape"] = keys.pop("escape")  # the answers first in the footer, as on screen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for value, label, key in self.answers:
                    yield Button(f"{label} ({key})", id=f"answer-{value}")
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    def action_answer(self, value: str) -> None:
        self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))


def confirm_leave() -> Choice:
    return Choice(
        "This post has unsaved changes.",
        [
            ("save", "Save and close", "s"),
            ("discard", "Discard", "d"),
            ("cancel", "Keep editing", "k"),
        ],
    )


def confirm_quit(read_only: bool) -> Choice:
    """Ctrl+Q in the editor with unsaved changes."""
    if read_only:
        return Choice(
            "The store is open read-only: these changes cannot be kept (F8 copies the post).",
            [("lose", "Quit, lose them", "q"), ("cancel", "Keep editing", "k")],
        )
    return Choice(
        "This post has unsaved changes. Quit reeltui?",
        [
            ("save", "Save and quit", "s"),
            ("keep", "Quit, keep them", "q"),  # (three answers fit 80 columns)
            ("cancel", "Keep editing", "k"),
        ],
    )


def confirm_recover(saved_at: str) -> Choice:
    return Choice(
        f"A working copy autosaved {display_date(saved_at)} UTC was not saved. Restore it?",
        [("restore", "Restore it", "r"), ("discard", "Discard it", "d")],
    )


class CopyMenu(ModalScreen[str]):
    BINDINGS: ClassVar = [Binding("escape", "dismiss('')", "Cancel", id="copy.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Copy this post as…", classes="dialog-question")
            yield ReelOptions(
                Option("Markdown", id="markdown"),
                Option("HTML", id="html"),
                Option("Link", id="link"),
                id="copy-options",
                choose="Copy",
            )
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")


class RecoverList(ModalScreen[str]):
    """Working copies left by a crash: pick one to reopen (dismisses with its post id)."""

    BINDINGS: ClassVar = [Binding("escape", "later", "Later", id="recover.later")]

    def __init__(self, found: list[Recovery]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "Working copies not saved to their post were found (kept when you quit "
                "the editor, or left when the app closed first). Open one to go on with "
                "it; Esc: later.",
                classes="dialog-question",
            )
            yield ReelOptions(
                *[
                    Option(
                        f"{sanitize_line(r.post.title) or '(untitled)'} · autosaved "
                        f"{display_date(r.saved_at)} · {count(word_count(r.post.body), 'word')}"
                        + (" · never saved" if r.is_new else ""),
                        id=r.post.id,
                    )
                    for r in self.found
                ],
                id="recover-options",
                choose="Open",
            )
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss_with(event.option.id or "")

    def action_later(self) -> None:
        self.dismiss_with("")

    def dismiss_with(self, post_id: str) -> None:
        self.dismiss(post_id)


class RevisionsScreen(ModalScreen[Revision | None]):
    """The post's revisions; the highlighted one is diffed against the current text."""

    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", "Close", id="revisions.close")]

    def __init__(self, history: list[Revision], current: str) -> None:
        super().__init__()
        self.history = history
        self.current = current
        self.diff_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog revisions"):
            yield Label(
                "Revisions (newest first) · Enter: restore as a new revision · Esc: close",
                classes="dialog-question",
            )
            with Horizontal():
                yield ReelOptions(
                    *[
                        Option(
                            f"{display_date(r.at)}  {r.reason:<8} {word_count(r.post.body):>5} w",
                            id=r.id,
                        )
                        for r in self.history
                    ],
                    id="revision-list",
                    choose="Restore",
                )
                with VerticalScroll(id="revision-diff-scroll"):
                    yield Static(id="revision-diff")
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    def on_mount(self) -> None:
        if not self.history:
            self.query_one("#revision-diff", Static).update("No revisions yet: save first.")
        else:
            self.show_diff(0)

    def show_diff(self, index: int) -> None:
        rev = self.history[index]
        diff = unified_diff(rev.post.body, self.current, f"{rev.reason} {rev.at}", "current text")
        self.diff_text = diff
        target = self.query_one("#revision-diff", Static)
        if not diff:
            target.update(Text("Same text as now.", style="dim"))
        else:
            target.update(Syntax(diff, "diff", theme="ansi_dark", word_wrap=True))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None and self.history:
            self.show_diff(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.history[event.option_index])
