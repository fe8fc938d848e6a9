"""The status line: counts of the blog and what the list shows."""

from __future__ import annotations

from textual.widgets import Static

from reeltui.domain.plural import count
from reeltui.services import Counts


def status_text(counts: Counts, shown: int, sort: str, filters: str, comments: bool = False) -> str:
    """The blog's counts; while a search or filter narrows the list, what it shows comes
    first ("showing 12 of 1001 posts (search: her)"), so a narrow terminal, which cuts the
    line's end (with an ellipsis: app.tcss), keeps it. `comments`: `shown` counts the
    comments a search found ("3 comments found (search: in:comments her) · 4 posts...")."""
    posts = f"{counts.posts} post{'' if counts.posts == 1 else 's'}"
    if comments:
        found = [f"{count(shown, 'comment')} found ({filters})", posts]
    else:
        found = [f"showing {shown} of {posts} ({filters})" if filters else posts]
    parts = [
        *found,
        count(counts.drafts, "draft post"),  # (the outbox's drafts are reply drafts)
        f"{counts.pending_comments} pending comment{'' if counts.pending_comments == 1 else 's'}",
        f"{counts.queued_replies} queued repl{'y' if counts.queued_replies == 1 else 'ies'}",
    ]
    if counts.diary_entries:
        parts.append(f"{counts.diary_entries} in the diary (D)")
    return " · ".join(parts)


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.text = ""

    def set_status(
        self, counts: Counts, shown: int, sort: str, filters: str, comments: bool = False
    ) -> None:
        text = status_text(counts, shown, sort, filters, comments)
        if text != getattr(self, "text", None):  # an update repaints the line
            self.text = text
            self.update(self.text, layout=False)  # one line, whatever it says: no layout pass
