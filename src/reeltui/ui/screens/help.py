"""`?`: reeltui's keys where focus is: the focused pane's, then the screen's and the app's
(Textual's own, such as a scroll view's ctrl+pageup, are not listed). A key taken by an
inner pane is not listed again for the outer one that no longer gets it."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from reeltui.ui.keys import key_label
from reeltui.ui.widgets.footer import ReelFooter

SECTION_NAMES = {
    "PostList": "Post list",
    "CommentHitList": "Comments found",
    "Reader": "Reader",
    "Thread": "Comments",
    "MainScreen": "Everywhere on this screen",
    "ReelApp": "Everywhere",
    "SearchInput": "Search box",
    "ListSearch": "Filter box",
    "ReelTable": "List",
    "ReelOptions": "List",
}


def _node_name(node: DOMNode) -> str:
    if node.id == "reader-scroll":
        return "Reader text"
    if node.id == "reader-toc":
        return "Contents"
    name = type(node).__name__
    return SECTION_NAMES.get(name, name.removesuffix("Screen") or name)


Row = tuple[str, str, str, str]


def key_rows(chain: list[tuple[DOMNode, list[tuple[str, Binding]]]], ours: set[str]) -> list[Row]:
    """(section, keys, description, binding id) for every binding of reeltui (an id in
    `ours`) along the chain, focused node first; keys taken by an earlier node are left out."""
    rows: list[Row] = []
    taken: set[str] = set()
    for node, bindings in chain:
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for key, binding in bindings:
            if binding.id not in ours or (key in taken and not binding.priority):
                continue
            label = binding.description or binding.action
            named = key_label(key, binding.key_display or "")
            grouped.setdefault((binding.action, label, binding.id or ""), []).append(named)
        for (_action, label, binding_id), keys in grouped.items():
            shown = " / ".join(dict.fromkeys(keys))
            rows.append((_node_name(node), shown, label, binding_id))
        taken.update(key for key, _ in bindings)
    return rows


def section_table(rows: list[Row], keys_width: int, what_width: int) -> Table:
    """Keys, what they do, their ids; every section's columns as wide as the widest of all
    (they line up). A narrow screen cuts the ids first, never a description."""
    table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
    table.add_column("key", style="bold", no_wrap=True, min_width=keys_width)
    table.add_column("what", no_wrap=True, min_width=what_width)
    table.add_column("id ([keymap])", style="dim", overflow="ellipsis", ratio=1)
    for _, keys, label, binding_id in rows:
        table.add_row(Text(keys), Text(label), Text(binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("g,home", "scroll_to(0)", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll_to(-1)", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, rows: list[Row], title: str) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        keys_width = max((cell_len(keys) for _, keys, _, _ in self.rows), default=8)
        what_width = max((cell_len(label) for _, _, label, _ in self.rows), default=8)
        parts: list[RenderableType] = []
        for name, rows in groupby(self.rows, key=lambda row: row[0]):
            if parts:
                parts.append(Text(""))
            parts.append(Text(f" {name}", style="underline"))
            parts.append(section_table(list(rows), keys_width, what_width))
        with VerticalScroll(id="help-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "esc to close"
            yield Static(Group(*parts), id="help-table")
        yield ReelFooter()  # its own keys (the screen beneath showed its footer)

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_scroll_to(self, where: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_to(y=box.max_scroll_y if where < 0 else 0, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
