"""Small shared bits of presentation: author labels, status badges."""

from __future__ import annotations

from rich.style import Style

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment, Post
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.vocab import PostStatus
from reeltui.ui.widgets.reply_badges import STATUS_BADGES, SYNC_BADGES

GUEST_CATEGORY = "guest post"

# a post's status (a comment's: reply_badges.STATUS_BADGES)
_STATUS_STYLES: dict[PostStatus, Style] = {
    "published": Style(color="green"),
    "draft": Style(color="yellow", bold=True),
    "pending": Style(color="magenta", bold=True),
    "scheduled": Style(color="cyan"),
    "private": Style(color="blue"),
    "trash": Style(color="red"),
}


def status_style(status: PostStatus) -> Style:
    """The colour of a post's status."""
    return _STATUS_STYLES.get(status, Style())


def is_guest(post: Post | PostSummary) -> bool:
    """A guest post: filed under "Guest Post" or titled so (the demo blog's convention)."""
    return any(c.casefold() == GUEST_CATEGORY for c in post.categories) or (
        post.title.casefold().startswith("guest post")
    )


def author_label(post: Post | PostSummary) -> str:
    name = sanitize_line(post.author) or "unknown author"
    return f"{name} (guest)" if is_guest(post) else name


def comment_badges(comment: Comment) -> list[tuple[str, str]]:
    """(label, style) of the badges worth showing on a comment: anything but an approved,
    imported comment. Same words and colours as the inbox's (reply_badges)."""
    badges: list[tuple[str, str]] = []
    if comment.status != "approved":
        badges.append((comment.status, STATUS_BADGES.get(comment.status, ("", ""))[1]))
    if comment.kind != "comment":
        badges.append((comment.kind, "italic"))
    if comment.sync_state:
        label, style = SYNC_BADGES.get(comment.sync_state, (comment.sync_state, ""))
        if comment.sync_state == "failed" and comment.sync_error:
            label += f": {sanitize_line(comment.sync_error)[:60]}"
        badges.append((label, style))
    return badges
