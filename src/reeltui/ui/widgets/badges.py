"""Small labels for comments in a thread: reply drafts, replies not yet sent, moderation status.

All text that comes from a comment goes through `sanitize` before it reaches a Text.
"""

from __future__ import annotations

from rich.text import Text

from reeltui.domain.models import Comment
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import excerpt

SYNC_BADGES = {
    "local": ("✎ draft", "bold yellow"),
    "queued": ("⧗ not yet sent", "bold cyan"),
    "failed": ("✗ failed to send", "bold red"),
    "sent": ("✓ sent", "green"),
}
STATUS_BADGES = {
    "pending": ("● pending", "bold magenta"),
    "spam": ("spam", "red"),
    "trash": ("trash", "dim"),
}


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
    return Text("✎ reply draft", "yellow") if has_draft else Text()


def one_line(text: str, length: int = 0) -> Text:
    """Untrusted text as one safe line (optionally cut to an excerpt of `length`)."""
    clean = sanitize_line(text)
    return Text(excerpt(clean, length) if length else clean)
