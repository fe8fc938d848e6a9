"""The blog's closed sets of words, declared once: each a `Literal` type (so mypy --strict
refuses a misspelt status anywhere in the code) and the tuple of its values, in order (for
argparse choices, messages and the query language). The validation gate reads the `Literal`
of a dataclass field's annotation, so a stored or imported value outside the set is refused
with the field named. The values are the strings every store has always held.
"""

from __future__ import annotations

from typing import Literal, TypeAlias, get_args

PostStatus: TypeAlias = Literal["draft", "pending", "scheduled", "published", "private", "trash"]
PostKind: TypeAlias = Literal["post", "page"]  # a page: the site's About, Contact...
CommentStatus: TypeAlias = Literal["approved", "pending", "spam", "trash"]
CommentKind: TypeAlias = Literal["comment", "pingback", "trackback"]
CommentOrigin: TypeAlias = Literal["imported", "local"]
# local: a draft reply not yet sent to the outbox; queued: waiting in the outbox;
# sent: accepted by the remote blog; failed: the remote blog refused it (see sync_error).
SyncState: TypeAlias = Literal["local", "queued", "sent", "failed"]
ModerationAction: TypeAlias = Literal["approve", "unapprove", "spam", "trash", "restore"]
OutboxKind: TypeAlias = Literal["reply", "moderate"]
OutboxState: TypeAlias = Literal["queued", "sent", "failed"]  # of an outbox entry
# What the outbox list shows: an entry's state, or "draft" (a kept reply draft, never stored).
OutboxRowState: TypeAlias = Literal[OutboxState, "draft"]
# An outbox entry's action: a moderation's, or "" (a reply has none).
OutboxAction: TypeAlias = Literal[ModerationAction, ""]
RevisionReason: TypeAlias = Literal["save", "autosave", "publish", "restore", "original"]
DiarySource: TypeAlias = Literal["diary", "review", "watched", "csv"]  # the file it came from
SortKey: TypeAlias = Literal["date", "rating", "comments", "title"]  # the post list's orders
# Which side of a conflict (sync or import) is kept: yours, or the site's / the file's.
KeepSide: TypeAlias = Literal["local", "remote"]

POST_STATUSES: tuple[PostStatus, ...] = get_args(PostStatus)
POST_KINDS: tuple[PostKind, ...] = get_args(PostKind)
COMMENT_STATUSES: tuple[CommentStatus, ...] = get_args(CommentStatus)
COMMENT_KINDS: tuple[CommentKind, ...] = get_args(CommentKind)
COMMENT_ORIGINS: tuple[CommentOrigin, ...] = get_args(CommentOrigin)
SYNC_STATES: tuple[SyncState, ...] = get_args(SyncState)
MODERATION_ACTIONS: tuple[ModerationAction, ...] = get_args(ModerationAction)
OUTBOX_KINDS: tuple[OutboxKind, ...] = get_args(OutboxKind)
OUTBOX_STATES: tuple[OutboxState, ...] = get_args(OutboxState)
OUTBOX_ACTIONS: tuple[OutboxAction, ...] = get_args(OutboxAction)
REVISION_REASONS: tuple[RevisionReason, ...] = get_args(RevisionReason)
DIARY_SOURCES: tuple[DiarySource, ...] = get_args(DiarySource)
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
KEEP_SIDES: tuple[KeepSide, ...] = get_args(KeepSide)
