"""What a readers' comment is: the one definition every count of comments uses (the post
list's comments column and sort, `comments:` in a search, the reader's header, `posts --json`,
stats, the recap's most talked-about post, new comments since a post was read).

A readers' comment is an approved comment (not a pingback or trackback, not pending, spam or
trash) written by a reader: not by one of the blog's own people (its post authors, the writer's
`[identity]` name or email, the other names in the settings' `authors`), and not a reply written
here (a draft, queued, sent or failed reply is the writer's own, whatever name signs it).

It works on a `Comment` or on a stored comment document (a dict), so that an index built from
the raw store and a service holding objects count the same comments. Pure; stdlib only.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reeltui.domain.identity import Identity, name_key
from reeltui.domain.models import Comment

_key = functools.lru_cache(maxsize=65536)(name_key)  # commenters' names repeat
ReaderKey = tuple[str, str]  # (name key, email key) of a comment that counts unless it is own
CommentLike = Comment | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class OwnPeople:
    """The names (as `name_key` has them) and emails (casefolded) the blog's own people sign
    comments with."""

    names: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str] = (), writer: Identity | None = None) -> OwnPeople:
        keys = {name_key(n) for n in names}
        emails: set[str] = set()
        if writer is not None:
            keys.add(name_key(writer.name))
            emails.add(writer.email.strip().casefold())
        keys.discard("")
        emails.discard("")
        return cls(frozenset(keys), frozenset(emails))

    def with_names(self, names: Iterable[str]) -> OwnPeople:
        """These people and `names` too (the blog's post authors, `--author` names: one per
        post, a few people in all, so each name is keyed once)."""
        keys = self.names | {name_key(n) for n in set(names)}
        return OwnPeople(keys - {""}, self.emails)

    def union(self, other: OwnPeople) -> OwnPeople:
        return OwnPeople(self.names | other.names, self.emails | other.emails)

    def to_doc(self) -> dict[str, list[str]]:
        """The set as stored (sorted: the same people always give the same document)."""
        return {"names": sorted(self.names), "emails": sorted(self.emails)}

    @classmethod
    def from_doc(cls, doc: object) -> OwnPeople:
        """The set `to_doc` stored (nobody, for anything else)."""
        if not isinstance(doc, dict):
            return NOBODY
        names, emails = doc.get("names"), doc.get("emails")
        if not isinstance(names, list) or not isinstance(emails, list):
            return NOBODY
        return cls(
            frozenset(n for n in names if isinstance(n, str)),
            frozenset(e for e in emails if isinstance(e, str)),
        )

    def signed(self, key: ReaderKey) -> bool:
        """True when a comment with this reader key is signed by one of the blog's people."""
        return key[0] in self.names or (bool(key[1]) and key[1] in self.emails)


NOBODY = OwnPeople()


def _fields(comment: CommentLike) -> tuple[str, str, str, str, str]:
    if isinstance(comment, Comment):
        c = comment
        return c.kind, c.status, c.origin, c.author, c.email
    get = comment.get
    return (
        get("kind", "comment"),
        get("status", "approved"),
        get("origin", "imported"),
        get("author", "") or "",
        get("email", "") or "",
    )


def reader_key(comment: CommentLike) -> ReaderKey | None:
    """The (name, email) keys of an approved comment that came from the site (kind comment);
    None for anything that is never a readers' comment, whoever wrote it."""
    kind, status, origin, author, email = _fields(comment)
    if kind != "comment" or status != "approved" or origin == "local":
        return None
    return (_key(author), email.strip().casefold() if email else "")


def is_readers_comment(comment: CommentLike, own: OwnPeople) -> bool:
    """True for a readers' comment (see the module's docstring)."""
    key = reader_key(comment)
    return key is not None and not own.signed(key)


def count_readers(keys: Mapping[ReaderKey, int], own: OwnPeople) -> int:
    """How many readers' comments a tally of reader keys holds ({key: comments})."""
    return sum(n for key, n in keys.items() if not own.signed(key))


def count_label(readers: int, pending: int = 0, *, word: bool = True) -> str:
    """How every list and header shows a post's count: "4 comments +1 pending" (without
    `word`: "4 +1 pending")."""
    noun = f" comment{'' if readers == 1 else 's'}" if word else ""
    return f"{readers}{noun}{f' +{pending} pending' if pending else ''}"
