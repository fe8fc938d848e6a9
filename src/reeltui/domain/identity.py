"""Who the writer is: the name and email that sign new posts and replies, and how to tell
the writer's own posts and comments from readers' ones. Pure functions, stdlib only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reeltui.domain.models import Comment

if TYPE_CHECKING:
    from reeltui.domain.listing import Listed


@dataclass(frozen=True, slots=True)
class Identity:
    name: str = ""
    email: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name.strip())


def name_key(name: str) -> str:
    """A name as compared: spaces collapsed, case folded ("  marcy   LINDQVIST ")."""
    return " ".join(name.split()).casefold()


def wrote_comment(identity: Identity, comment: Comment) -> bool:
    """True for the writer's own comments: replies written here, and comments from the site
    signed with the writer's email or name."""
    if comment.origin == "local":
        return True
    email = identity.email.strip().casefold()
    if email and comment.email.strip().casefold() == email:
        return True
    return identity.known and name_key(comment.author) == name_key(identity.name)


def wrote_post(identity: Identity, post: Listed) -> bool:
    return identity.known and name_key(post.author) == name_key(identity.name)
