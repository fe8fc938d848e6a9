"""Small labels for comments in a thread: reply drafts, replies not yet sent, moderation status.

All text that comes from a comment goes through `sanitize` before it reaches a Text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from reeltui.domain.models import Comment
from reeltui.domain.patterns import lazy
from reeltui.domain.sanitize import MAX_SHOWN, sanitize_line
from reeltui.domain.vocab import CommentStatus, SyncState

if TYPE_CHECKING:  # (the first paint, whose list shows badges, has no table)
    from textual.widgets import DataTable

SYNC_BADGES: dict[SyncState, tuple[str, str]] = {
    "local": ("✎ draft", "bold yellow"),
    "queued": ("⧗ not yet sent", "bold cyan"),
    "failed": ("✗ failed to send", "bold red"),
    "sent": ("✓ sent", "green"),
}
# a comment's moderation status (a post's: badges.status_style)
STATUS_BADGES: dict[CommentStatus, tuple[str, str]] = {
    "pending": ("● pending", "bold magenta"),
    "spam": ("spam", "bold red"),
    "trash": ("trash", "dim"),
}
DRAFT_STYLE = "yellow"  # a comment with a kept reply draft under it


def sync_badge(comment: Comment) -> Text:
    """The badge of an own reply (draft / not yet sent / failed / sent); empty for others."""
    if comment.origin != "local" or comment.sync_state is None:
        return Text()
    label, style = SYNC_BADGES[comment.sync_state]
    return Text(label, style)


def status_badge(comment: Comment) -> Text:
    """The moderation status when it is not "approved"."""
    found = STATUS_BADGES.get(comment.status)
    return Text(found[0], found[1]) if found else Text()


def draft_badge(has_draft: bool) -> Text:
    """Shown on a comment that has a kept reply draft under it."""
    return Text("✎ reply draft", DRAFT_STYLE) if has_draft else Text()


_EMPHASIS = lazy(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")


def one_line(text: str, length: int = 0) -> Text:
    """Untrusted text as one safe line, Markdown emphasis dropped (cut to `length` cells)."""
    clean = _EMPHASIS.sub(r"\2", sanitize_line(text[:MAX_SHOWN]))
    if length and cell_len(clean) > length:
        clean = set_cell_size(clean, length - 1).rstrip() + "…"  # a cut wide char pads a space
    return Text(clean)


def column_widths(columns: list[tuple[str, int]], width: int, padding: int) -> dict[str, int]:
    """Every column's width in a table `width` cells wide whose cells' padding takes
    `padding` cells: the one of width 0 takes what is left. On a narrow terminal the widest
    fixed columns give up room first (down to 10 cells) so the flexible one keeps at least 20."""
    sizes = dict(columns)
    while width - sum(sizes.values()) - padding < 20:
        label = max(sizes, key=lambda k: sizes[k])
        if sizes[label] <= 10:
            break
        sizes[label] -= 1
    left = width - sum(sizes.values()) - padding
    return {label: sizes[label] or max(12, left) for label, _ in columns}


def fit_columns(table: DataTable[Text | str], columns: list[tuple[str, int]], width: int) -> None:
    """(Re)create the table's columns as `column_widths` fits them (the scroll bar's 2
    cells kept)."""
    sizes = column_widths(columns, width, 2 * table.cell_padding * len(columns) + 2)
    table.clear(columns=True)
    for label, _ in columns:
        table.add_column(label, width=sizes[label], key=label)
