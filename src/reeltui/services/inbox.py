"""The needs-reply inbox: readers' comments, across all posts, not yet answered by the blog.

A comment needs a reply when it is a reader's comment (kind "comment", approved or pending,
not written by an author of the blog) and no author of the blog has replied anywhere below
it in its thread. A reply counts once it is in the outbox (queued, sent or failed); a kept
draft does not. The authors of the blog are its own people (`services.people`: the authors
of its posts, the writer, the settings' `authors`) plus any extra names given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reeltui.domain.identity import name_key
from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment
from reeltui.domain.query import Term
from reeltui.domain.query_eval import name_matches
from reeltui.domain.readers import OwnPeople
from reeltui.services.blog import Blog
from reeltui.services.people import own_people
from reeltui.store import StoreError, records
from reeltui.store.record_docs import build_comment

SHOWN_STATUSES = ("approved", "pending")


@dataclass(frozen=True, slots=True)
class InboxItem:
    comment: Comment
    post: PostSummary  # (the list's fields: no post's file is read for its title)
    parent: Comment | None


_key = functools.lru_cache(maxsize=4096)(name_key)


def blog_authors(blog: Blog, extra: Iterable[str] = ()) -> set[str]:
    """Normalised names of the blog's own people (`people.own_people`: post authors, the
    writer and the settings' `authors` as the app and the CLI tell the Blog, + `extra`)."""
    return set(own_people(blog, extra).names)


def _own(doc: Mapping[str, Any], own: OwnPeople) -> bool:
    email = doc.get("email") or ""
    return own.signed((_key(doc.get("author") or ""), email.strip().casefold()))


def _answers(doc: Mapping[str, Any], own: OwnPeople) -> bool:
    if doc.get("status", "approved") not in SHOWN_STATUSES:
        return False
    if doc.get("origin") == "local":  # the writer's own reply, whatever name signs it
        return doc.get("sync_state") != "local"  # once in the outbox: drafts don't count
    return _own(doc, own)


def waiting(
    docs: Mapping[str, Mapping[str, Any]], own: OwnPeople, *, ordered: bool = True
) -> list[str]:
    """The ids of the comments needing a reply among the stored comments `docs` (see the
    module's docstring; `own`: the blog's people), oldest first (unless not `ordered`:
    sorting 100,000 of them holds the interpreter, and a figure needs no order). Works on
    the stored documents: no Comment is made for the comments it leaves out."""
    docs = dict(docs)  # (a copy: the UI thread may save a comment meanwhile)
    answered: set[str] = set()
    for doc in docs.values():
        if not _answers(doc, own):
            continue
        seen: set[str] = set()  # guards against cycles in imported data
        parent_id = doc.get("parent_id")
        while parent_id and parent_id in docs and parent_id not in seen:
            seen.add(parent_id)
            answered.add(parent_id)
            parent_id = docs[parent_id].get("parent_id")
    found = [
        (doc.get("date") or "", cid)
        for cid, doc in docs.items()
        if cid not in answered
        and doc.get("kind", "comment") == "comment"
        and doc.get("status", "approved") in SHOWN_STATUSES
        and doc.get("origin") != "local"
        and not _own(doc, own)
    ]
    if ordered:
        found.sort()
    return [cid for _, cid in found]


@dataclass(frozen=True, slots=True)
class InboxView:
    """What the inbox screen shows: its items, and the comments having a kept reply draft."""

    items: list[InboxItem]
    drafts: frozenset[str]


def view(blog: Blog, extra_authors: Iterable[str] = (), *, pending: bool = False) -> InboxView:
    """The needs-reply inbox (`pending`: the comments waiting for moderation) and the
    comments with a kept draft under them, from one scan of the stored comments (a thread
    worker's read: on a big archive it takes seconds)."""
    docs = records.raw_comments(blog.store)
    if pending:
        ids = [c for c, d in docs.items() if d.get("status") == "pending"]
    else:
        ids = waiting(docs, own_people(blog, extra_authors))
    drafts = frozenset(
        str(d["parent_id"])
        for d in docs.values()
        if d.get("origin") == "local" and d.get("sync_state") == "local" and d.get("parent_id")
    )
    return InboxView(_items(blog, docs, ids), drafts)


def needs_reply(blog: Blog, extra_authors: Iterable[str] = ()) -> list[InboxItem]:
    """Readers' comments no author of the blog has answered yet, oldest first. One scan of
    the stored comment documents; objects are made for the comments listed and their
    parents only, and the posts named from the index (22,000 waiting comments took 5 s
    when every comment and every post was read whole)."""
    docs = records.raw_comments(blog.store)
    return _items(blog, docs, waiting(docs, own_people(blog, extra_authors)))


def written_by(items: list[InboxItem], names: Iterable[str]) -> list[InboxItem]:
    """The items whose comment one of `names` wrote, matched as the search's `author:`
    matches: case and accents ignored, whole words of the name (`marcy` finds "Marcy
    Lindqvist", `lindq*` too; `mar` does not)."""
    wanted = [
        Term("author", text=n.rstrip("*"), prefix=n.endswith("*"), raw=n)
        for n in names
        if n.strip()
    ]
    return [i for i in items if any(name_matches(t, i.comment.author) for t in wanted)]


def _items(blog: Blog, docs: Mapping[str, dict[str, Any]], ids: Iterable[str]) -> list[InboxItem]:
    """The comments `ids` of the stored documents `docs`, each with its post's summary and
    its parent; a comment whose post is not in the index (gone) is left out."""
    items = []
    for cid in ids:
        comment = build_comment(cid, docs[cid])
        try:
            post = blog.summary(comment.post_id)
        except StoreError:
            continue
        parent_id = comment.parent_id
        parent = None
        if parent_id is not None and parent_id in docs:
            parent = build_comment(parent_id, docs[parent_id])
        items.append(InboxItem(comment, post, parent))
    return items


def pending_items(blog: Blog) -> list[InboxItem]:
    """Comments waiting for moderation, across all posts, oldest first (by date, then id)."""
    return view(blog, pending=True).items
