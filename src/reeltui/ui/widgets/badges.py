"""Small shared bits of presentation: author labels, status badges."""

from __future__ import annotations

from rich.style import Style

from reeltui.domain.models import Comment, Post
from reeltui.domain.sanitize import sanitize_line
from reeltui.ui.widgets.reply_badges import SYNC_BADGES

GUEST_CATEGORY = "guest post"

_STATUS_STYLES = {
    "published": Style(color="green"),
    "draft": Style(color="yellow", bold=True),
    "pending": Style(color="magenta", bold=True),
    "scheduled": Style(color="cyan"),
    "private": Style(color="blue"),
    "trash": Style(color="red"),
    "approved": Style(color="green"),
    "spam": Style(color="red", bold=True),
    "queued": Style(color="cyan", bold=True),
    "local": Style(color="yellow", bold=True),
    "sent": Style(color="green"),
    "failed": Style(color="red", bold=True),
}


def status_style(status: str) -> Style:
    return _STATUS_STYLES.get(status, Style())


def is_guest(post: Post) -> bool:
    """A guest post: filed under "Guest Post" or titled so (the demo blog's convention)."""
    return any(c.casefold() == GUEST_CATEGORY for c in post.categories) or (
        post.title.casefold().startswith("guest post")
    )


def author_label(post: Post) -> str:
    name = sanitize_line(post.author) or "unknown author"
    return f"{name} (guest)" if is_guest(post) else name


SYNC_LABELS = {state: label for state, (label, _) in SYNC_BADGES.items()}


def comment_badges(comment: Comment) -> list[tuple[str, str]]:
    """(label, style key) of the badges worth showing on a comment: anything but an
    approved, imported comment."""
    badges = []
    if comment.status != "approved":
        badges.append((comment.status, comment.status))
    if comment.kind != "comment":
        badges.append((comment.kind, comment.kind))
    if comment.sync_state:
        label = SYNC_LABELS.get(comment.sync_state, comment.sync_state)
        if comment.sync_state == "failed" and comment.sync_error:
            label += f": {sanitize_line(comment.sync_error)[:60]}"
        badges.append((label, comment.sync_state))
    return badges
