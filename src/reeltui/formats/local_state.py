"""What only reeltui knows about a blog, carried by its own exports so a round trip keeps it:
the outbox in its sending order (replies and moderation waiting for the blog), working copies
of posts being edited, saved revisions, read marks and the film diary.

Readers fill a `LocalState` with the ids the file uses; the importer maps them to the ids
the posts and comments get in the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.models import Post
from reeltui.domain.vocab import OutboxAction, OutboxKind, OutboxState, RevisionReason


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One outbox entry: a queued reply (`kind` "reply") or moderation ("moderate", with
    `action`), its state ("queued", "sent", "failed"), `error` and time `created`."""

    kind: OutboxKind
    comment_id: str
    action: OutboxAction = ""
    state: OutboxState = "queued"
    error: str = ""
    remote_id: str = ""
    created: str = ""


@dataclass(frozen=True, slots=True)
class RevisionItem:
    """A saved revision of the post `post.id`: why ("save", "autosave", "publish",
    "restore"), when, and the post as it was then."""

    post: Post
    reason: RevisionReason
    at: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReadItem:
    """The post was read when it had `comments` comments."""

    post_id: str
    comments: int
    at: str = ""


@dataclass
class LocalState:
    outbox: list[OutboxItem] = field(default_factory=list)  # in sending order
    working_copies: list[tuple[Post, str]] = field(default_factory=list)  # (post, saved at)
    revisions: list[RevisionItem] = field(default_factory=list)  # oldest first
    reads: list[ReadItem] = field(default_factory=list)
    diary: list[DiaryEntry] = field(default_factory=list)  # the film diary (diary.json)

    def __bool__(self) -> bool:
        return bool(
            self.outbox or self.working_copies or self.revisions or self.reads or self.diary
        )
