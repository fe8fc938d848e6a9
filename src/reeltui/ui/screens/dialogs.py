"""Small modal choosers: what to do with an external link, which link, which filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Post
from reeltui.domain.sanitize import sanitize_line
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.lists import ReelOptions


def filter_choices(
    posts: Sequence[Post | PostSummary], kinds: tuple[str, ...]
) -> list[tuple[str, str]]:
    """("kind:value", "kind: value") for every category, tag, status and author in use."""
    choices: list[tuple[str, str]] = [("clear:", "All posts (clear filters)")]
    values: dict[str, set[str]] = {k: set() for k in kinds}
    for post in posts:
        values["category"].update(post.categories)
        values["tag"].update(post.tags)
        values["status"].add(post.status)
        if post.kind == "page":
            values["status"].add("pages")
        values["author"].add(post.author)
    for kind in kinds:
        choices += [
            (f"{kind}:{v}", f"{kind}: {sanitize_line(v)}") for v in sorted(values[kind]) if v
        ]
    return choices


class LinkActionScreen(ModalScreen[str | None]):
    """Ask: open an external link in the browser, or copy it. Returns "open", "copy" or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "choose('open')", "Open in browser", id="link.open"),
        Binding("c,y", "choose('copy')", "Copy", id="link.copy"),
        Binding("escape,q", "choose('')", "Cancel", id="link.cancel"),
    ]

    def __init__(self, href: str) -> None:
        super().__init__()
        self.href = href

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box", classes="dialog"):
            yield Static("This link leaves the blog:", classes="dialog-title")
            yield Static(Text(sanitize_line(self.href)), id="link-href")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open in browser (o)", id="open", variant="primary")
                yield Button("Copy (c)", id="copy")
                yield Button("Cancel (esc)", id="cancel")
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id if event.button.id != "cancel" else "")

    def action_choose(self, what: str | None) -> None:
        self.dismiss(what or None)


class PickScreen(ModalScreen[str | None]):
    """Pick one of `choices` ((id, label) pairs); returns the id or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel", id="pick.cancel"),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter to choose · esc to cancel"
            yield ReelOptions(
                *[Option(Text(label), id=key) for key, label in self.choices], id="pick-list"
            )
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
