"""The needs-reply inbox: readers' comments, across all posts, not yet answered by the blog.

A comment needs a reply when it is a reader's comment (kind "comment", approved or pending,
not written by an author of the blog) and no author of the blog has replied anywhere below
it in its thread. A reply counts once it is in the outbox (queued, sent or failed); a kept
draft does not. The authors of the blog are the authors of its posts plus any extra names
(configured by the user: a blogger may sign comments with another name).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from reeltui.domain.identity import name_key
from reeltui.domain.models import Comment, Post
from reeltui.domain.query import Term
from reeltui.domain.query_eval import name_matches
from reeltui.services.blog import Blog
from reeltui.store import StoreError

SHOWN_STATUSES = ("approved", "pending")


@dataclass(frozen=True, slots=True)
class InboxItem:
    comment: Comment
    post: Post
    parent: Comment | None


_key = functools.lru_cache(maxsize=4096)(name_key)


def blog_authors(blog: Blog, extra: Iterable[str] = ()) -> set[str]:
    """Normalised names of the blog's own authors (post authors + `extra`)."""
    names = {_key(p.author) for p in blog.posts()} | {_key(n) for n in extra}
    names.discard("")
    return names


def _answers(comment: Comment, authors: set[str]) -> bool:
    if comment.status not in SHOWN_STATUSES:
        return False
    if comment.origin == "local":  # the writer's own reply, whatever name signs it
        return comment.sync_state != "local"  # once in the outbox: drafts don't count
    return _key(comment.author) in authors


def needs_reply(blog: Blog, extra_authors: Iterable[str] = ()) -> list[InboxItem]:
    """Readers' comments no author of the blog has answered yet, oldest first."""
    authors = blog_authors(blog, extra_authors)
    comments = blog.all_comments()
    by_id = {c.id: c for c in comments}
    answered: set[str] = set()
    for comment in comments:
        if not _answers(comment, authors):
            continue
        seen: set[str] = set()  # guards against cycles in imported data
        parent_id = comment.parent_id
        while parent_id and parent_id in by_id and parent_id not in seen:
            seen.add(parent_id)
            answered.add(parent_id)
            parent_id = by_id[parent_id].parent_id
    items = []
    for comment in comments:
        if (
            comment.id in answered
            or comment.kind != "comment"
            or comment.status not in SHOWN_STATUSES
            or comment.origin == "local"
            or _key(comment.author) in authors
        ):
            continue
        item = _item(blog, comment, by_id)
        if item is not None:
            items.append(item)
    items.sort(key=lambda i: (i.comment.date, i.comment.id))
    return items


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


def _item(blog: Blog, comment: Comment, by_id: dict[str, Comment]) -> InboxItem | None:
    """The comment with its post and parent; None when its post is gone."""
    try:
        post = blog.post(comment.post_id)
    except StoreError:  # gone, or damaged (`reeltui check` says so)
        return None
    parent = by_id.get(comment.parent_id) if comment.parent_id else None
    return InboxItem(comment, post, parent)


def pending_items(blog: Blog) -> list[InboxItem]:
    """Comments waiting for moderation, across all posts, oldest first."""
    comments = blog.all_comments()
    by_id = {c.id: c for c in comments}
    items = []
    for comment in sorted(comments, key=lambda c: (c.date, c.id)):
        if comment.status == "pending" and (item := _item(blog, comment, by_id)) is not None:
            items.append(item)
    return items
