"""Posts and comments: dataclasses in, dataclasses out, through the validation gate.

A post and its comments live in the post's own file (`posts/<id>.json`); a change there also
rewrites the post's row of the index and, for a new or moved comment, the comment's entry in
the comment index (which post a comment id belongs to). Every record written passes the gate
(`domain.validate`); a refused one raises `Refused` naming the record and field (records as
documents and back: `record_docs.py`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment, Post
from reeltui.domain.validate import Problem
from reeltui.store import index
from reeltui.store.datafile import DataFile
from reeltui.store.errors import NotFound, StoreCorrupt
from reeltui.store.layout import (
    COMMENTS,
    LOCATOR,
    POST,
    POSTS_INDEX,
    hashed_file,
    per_post_file,
)
from reeltui.store.record_docs import (
    Refused,
    Rejected,
    build_comment,
    build_post,
    checked_doc,
)
from reeltui.store.store import Store

# -- reading -------------------------------------------------------------------------------


def post_file(store: Store, post_id: str) -> DataFile:
    return store.file(per_post_file(POST, post_id))


def get_post(store: Store, post_id: str) -> Post:
    found = post_file(store, post_id)
    refusal = found.refused.get((POST.name, post_id))
    if refusal is not None:
        raise StoreCorrupt(f"{store.path}/{refusal}")
    doc = found.data.get(POST.name, {}).get(post_id)
    if doc is None:
        raise NotFound(f"no post with id {post_id!r}")
    return build_post(post_id, doc)


def comments_of(store: Store, post_id: str) -> list[Comment]:
    """The accepted comments of a post, in stored order."""
    docs = post_file(store, post_id).good(COMMENTS.name)
    return [build_comment(cid, doc) for cid, doc in docs.items()]


def locate(store: Store, comment_id: str) -> str | None:
    """The id of the post comment `comment_id` belongs to, per the comment index."""
    doc = store.file(hashed_file(LOCATOR, comment_id)).good(LOCATOR.name).get(comment_id)
    return doc["post"] if isinstance(doc, dict) else None


def get_comment(store: Store, comment_id: str) -> Comment:
    post_id = locate(store, comment_id)
    if post_id is not None:
        doc = post_file(store, post_id).good(COMMENTS.name).get(comment_id)
        if doc is not None:
            return build_comment(comment_id, doc)
    raise NotFound(f"no comment with id {comment_id!r}")


def post_ids_on_disk(store: Store) -> list[str]:
    """The ids of every post file's posts (a whole-archive scan: check, repair)."""
    out: list[str] = []
    for name in store.listing(POST.path):
        out.extend(store.file(f"{POST.path}/{name}").data.get(POST.name, {}))
    return out


def all_posts(store: Store) -> list[Post]:
    """Every accepted post of the store, read from the posts' files (a whole-archive scan)."""
    return [
        build_post(pid, doc)
        for f in all_post_files(store)
        for pid, doc in f.good(POST.name).items()
    ]


def all_comments(store: Store) -> list[Comment]:
    """Every accepted comment of the store (a whole-archive scan)."""
    return [
        build_comment(cid, doc)
        for f in all_post_files(store)
        for cid, doc in f.good(COMMENTS.name).items()
    ]


def raw_comments(store: Store, names: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every accepted comment's stored document by id, oldest first (a whole-archive scan:
    comment search and the names the spelling checker knows; no objects built). `names`:
    only the comments of those post files (in the listing's order), in the same order."""
    # Sorted a day at a time: one sort of 200,000 comments is one C call that holds the
    # interpreter, and the UI thread with it, for 0.1-0.2 s; the days' sorts are short, and
    # the loops between them let it run. (Nor dict(pairs): one long C call too.)
    days: dict[str, list[tuple[str, str, int, dict[str, Any]]]] = {}
    order = itertools.count()  # (a stable order: two docs are never compared)
    for f in all_post_files(store, names):
        for cid, doc in f.good(COMMENTS.name).items():
            date = str(doc.get("date", ""))
            days.setdefault(date[:10], []).append((date, cid, next(order), doc))
    return {cid: doc for day in sorted(days) for _, cid, _, doc in sorted(days[day])}


def all_post_files(store: Store, names: Iterable[str] | None = None) -> Iterator[DataFile]:
    """Every per-post file (or those `names` of them), one at a time (a whole-archive scan:
    inbox, stats, comment search). A file that cannot be read is skipped and noted in
    `store.skipped` (the commands warn, `reeltui check` lists it), as a refused record is."""
    for name in store.listing(POST.path) if names is None else names:
        try:
            yield store.peek(f"{POST.path}/{name}")
        except StoreCorrupt as exc:
            if str(exc) not in store.skipped:
                store.skipped.append(str(exc))


# -- writing (each function commits, unless called inside store.changing()) -----------------


def put_post(store: Store, post: Post) -> PostSummary:
    """Save a post; returns its new index row."""
    post_id, data, problems = checked_doc(post)
    if problems:
        raise Refused("post", post_id, problems)
    with store.changing():
        found = post_file(store, post_id)
        table = found.table(POST.name)
        old = table.get(post_id)
        old_date = old.get("date") if isinstance(old, dict) else None
        table[post_id] = data
        found.accept(POST.name, post_id)
        store.changed(found)
        _count_with_author(store, [post.author], again=True)
        summary = index.summary_of(post_id, found, None, store.own)
        assert summary is not None
        index.put_row(store, summary, old_date if isinstance(old_date, str) else None)
    return summary


def _count_with_author(store: Store, authors: list[str], again: bool) -> None:
    """A post author is one of the blog's own people: a new one is recorded (inside the
    change saving the post), and the other posts are counted again when `again`."""
    grown = store.own.with_names(authors)
    if grown != store.own:
        if again:
            store.recount(grown)
        else:
            store.record_own(grown)


def put_comment(store: Store, comment: Comment) -> list[PostSummary]:
    """Save a comment; returns the new rows of the posts whose figures changed."""
    comment_id, data, problems = checked_doc(comment)
    if problems:
        raise Refused("comment", comment_id, problems)
    with store.changing():
        touched = [comment.post_id]
        was = locate(store, comment_id)
        if was is not None and was != comment.post_id:
            _remove_comment(store, was, comment_id)
            touched.append(was)
        found = post_file(store, comment.post_id)
        found.table(COMMENTS.name)[comment_id] = data
        found.accept(COMMENTS.name, comment_id)
        store.changed(found)
        if was != comment.post_id:
            _locate(store, comment_id, comment.post_id)
        return [s for pid in touched if (s := _reindex(store, pid)) is not None]


def delete_comment(store: Store, comment_id: str) -> list[PostSummary]:
    with store.changing():
        post_id = locate(store, comment_id)
        if post_id is None:
            return []
        _remove_comment(store, post_id, comment_id)
        found = store.file(hashed_file(LOCATOR, comment_id))
        found.table(LOCATOR.name).pop(comment_id, None)
        store.changed(found)
        summary = _reindex(store, post_id)
        return [summary] if summary is not None else []


def _remove_comment(store: Store, post_id: str, comment_id: str) -> None:
    found = post_file(store, post_id)
    if found.table(COMMENTS.name).pop(comment_id, None) is not None:
        store.changed(found)


def _locate(store: Store, comment_id: str, post_id: str) -> None:
    found = store.file(hashed_file(LOCATOR, comment_id))
    found.table(LOCATOR.name)[comment_id] = {"post": post_id}
    found.accept(LOCATOR.name, comment_id)
    store.changed(found)


def _reindex(store: Store, post_id: str) -> PostSummary | None:
    """The post's row again after a change of its comments (its words are not counted again)."""
    found = post_file(store, post_id)
    doc = found.good(POST.name).get(post_id)
    date = doc.get("date", "") if isinstance(doc, dict) else ""
    summary = index.summary_of(post_id, found, index.words_of(store, post_id, date), store.own)
    if summary is not None:
        index.put_row(store, summary, summary.date)
    return summary


def put_many(
    store: Store, posts: Iterable[Post], comments: Iterable[Comment]
) -> tuple[list[PostSummary], list[Rejected]]:
    """Insert or replace many posts and comments (an import, a sync pull) in one commit.
    Records the gate refuses are left out and returned; the rest goes in. A comment whose
    post is neither in the store nor among `posts` is refused too."""
    rejected: list[Rejected] = []
    by_post: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    new_posts: dict[str, dict[str, Any]] = {}
    for post in posts:
        post_id, data, problems = checked_doc(post)
        if problems:
            rejected.append(Rejected("post", post_id, problems))
        else:
            new_posts[post_id] = data
    for comment in comments:
        comment_id, data, problems = checked_doc(comment)
        if problems:
            rejected.append(Rejected("comment", comment_id, problems))
        else:
            by_post[comment.post_id].append((comment_id, data))
    summaries = []
    with store.changing():
        authors = [str(doc.get("author") or "") for doc in new_posts.values()]
        again = bool(store.listing(POSTS_INDEX.path))  # an empty store: counted as written
        if not again:
            _count_with_author(store, authors, again=False)
        for post_id in [*new_posts, *(p for p in by_post if p not in new_posts)]:
            found = post_file(store, post_id)
            table = found.table(POST.name)
            old = table.get(post_id)
            if post_id in new_posts:
                table[post_id] = new_posts[post_id]
                found.accept(POST.name, post_id)
            elif not isinstance(old, dict):
                for comment_id, _ in by_post[post_id]:
                    problem = Problem(comment_id, "post_id", f"no post {post_id!r} in the store")
                    rejected.append(Rejected("comment", comment_id, [problem]))
                continue
            for comment_id, data in by_post.get(post_id, ()):
                was = locate(store, comment_id)
                if was is not None and was != post_id:
                    _remove_comment(store, was, comment_id)
                    if (moved := _reindex(store, was)) is not None:
                        summaries.append(moved)
                found.table(COMMENTS.name)[comment_id] = data
                found.accept(COMMENTS.name, comment_id)
                if was != post_id:
                    _locate(store, comment_id, post_id)
            store.changed(found)
            summary = index.summary_of(post_id, found, None, store.own)
            if summary is not None:
                old_date = old.get("date") if isinstance(old, dict) else None
                index.put_row(store, summary, old_date if isinstance(old_date, str) else None)
                summaries.append(summary)
        grown = store.own.with_names(authors)
        if again and grown != store.own:  # new authors: every post counted again
            summaries = store.recount(grown)
    return summaries, rejected
