"""Pull: posts and comments from WordPress into the store, paged and incremental.

Everything is fetched first, then written in one `store.batch()`: an interrupted pull writes
nothing and the next one starts again from the last successful cursor. Local work is never
overwritten: local replies (origin "local") are left alone, a post edited here since the last
pull becomes a conflict (both versions kept), and working copies (drafts.json) are not touched.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment, Post
from reeltui.services import outbox, syncstate
from reeltui.services.blog import Blog
from reeltui.services.syncstate import Conflict, SyncState, cursor, now, remote_id
from reeltui.services.wpclient import Refused, WPClient
from reeltui.services.wpmap import WP_POST_STATUSES, post_hash, post_version, to_comment, to_post
from reeltui.store import records
from reeltui.store import state as store_state

Report = Callable[[str, int, int], None]


@dataclass
class Fetched:
    posts: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    users: dict[int, str] = field(default_factory=dict)
    categories: dict[int, str] = field(default_factory=dict)
    tags: dict[int, str] = field(default_factory=dict)
    every_post: bool = False  # a full pull by an editor: a post not listed is gone
    every_comment: bool = False  # a full pull by a moderator: likewise for comments
    gone: set[str] = field(default_factory=set)  # remote ids re-read and no longer there


@dataclass
class PullCounts:
    new_posts: int = 0
    updated_posts: int = 0
    new_comments: int = 0
    updated_comments: int = 0
    kept_local: int = 0  # remote copies of local replies / locally edited posts left alone
    gone_posts: list[str] = field(default_factory=list)  # local ids no longer on the site
    gone_comments: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # records the store's gate refused


def fetch(
    client: WPClient,
    state: SyncState,
    full: bool,
    report: Report,
    caps: dict[str, Any],
    known: Mapping[str, str] | None = None,
) -> Fetched:
    """Everything changed since the last pull (or everything when `full`).

    `caps` are the user's capabilities (users/me): an editor or admin reads every post with
    `context=edit`; an author or contributor gets only their own that way (WordPress leaves the
    others out), so their published ones are read too, with `context=view`.
    WordPress gives comments no modification date: an incremental pull reads new comments,
    and, for a moderator, catches moderation done on the site: `known` maps the remote ids of
    the comments we hold to their status here; the ids the site holds, spams or trashes are
    listed (ids only) and every comment whose status differs is read again.
    """
    got = Fetched()
    since_posts = None if full else state.posts_after or None
    since_comments = None if full else state.comments_after or None

    def step(stage: str) -> Callable[[int, int], None]:
        return lambda page, total: report(stage, page, total)

    mine = client.collect(
        "/wp/v2/posts",
        step("pulling posts"),
        context="edit",
        status=WP_POST_STATUSES,
        orderby="id",
        order="asc",
        modified_after=since_posts,
    )
    if not caps.get("edit_others_posts"):
        seen = {p.get("id") for p in mine}
        public = client.collect(
            "/wp/v2/posts",
            step("pulling published posts"),
            modified_after=since_posts,
            orderby="id",
            order="asc",
        )
        mine += [p for p in public if p.get("id") not in seen]
    got.posts = [p for p in mine if isinstance(p, dict) and "id" in p]
    got.every_post = full and bool(caps.get("edit_others_posts"))
    got.every_comment = full and bool(caps.get("moderate_comments"))
    if caps.get("moderate_comments"):
        for status in ("all", "spam", "trash"):
            got.comments += _moderator_comments(
                client, step(f"pulling comments ({status})"), status, after=since_comments
            )
        if since_comments and known:
            changed = _moderated_on_site(client, known, step)
            found = _recheck(client, sorted(changed, key=int))
            got.comments += found
            got.gone = changed - {str(c.get("id")) for c in found if isinstance(c, dict)}
    else:
        got.comments = client.collect(
            "/wp/v2/comments",
            step("pulling comments"),
            after=since_comments,
            orderby="id",
            order="asc",
        )
    got.comments = [c for c in got.comments if isinstance(c, dict) and "id" in c]
    got.users = _names(client, "/wp/v2/users", {int(p.get("author") or 0) for p in got.posts})
    got.categories = _names(client, "/wp/v2/categories", _ids(got.posts, "categories"))
    got.tags = _names(client, "/wp/v2/tags", _ids(got.posts, "tags"))
    return got


def _moderator_comments(
    client: WPClient, report: Callable[[int, int], None], status: str, **params: Any
) -> list[Any]:
    """Every comment of `status` (as a moderator sees them), in a stable order."""
    route = "/wp/v2/comments"
    return client.collect(
        route, report, context="edit", status=status, orderby="id", order="asc", **params
    )


def _moderated_on_site(
    client: WPClient, known: Mapping[str, str], step: Callable[[str], Callable[[int, int], None]]
) -> set[str]:
    """Remote ids of the comments whose status on the site is not their status here."""
    on_site: dict[str, str] = {}
    for wp_status, status in (("hold", "pending"), ("spam", "spam"), ("trash", "trash")):
        listed = _moderator_comments(
            client, step(f"checking moderation ({wp_status})"), wp_status, _fields="id"
        )
        on_site.update((str(c["id"]), status) for c in listed if isinstance(c, dict) and "id" in c)
    # Not listed: approved (or deleted; a full pull tells). Only comments we hold count.
    return {rid for rid, here in known.items() if on_site.get(rid, "approved") != here}


def _recheck(client: WPClient, ids: list[str]) -> list[Any]:
    """The current state of these comments, whatever their status now."""
    found: list[Any] = []
    for start in range(0, len(ids), 100):
        chunk = ",".join(ids[start : start + 100])
        for status in ("all", "spam", "trash"):
            found += client.collect("/wp/v2/comments", context="edit", status=status, include=chunk)
    return found


def _ids(posts: list[dict[str, Any]], key: str) -> set[int]:
    return {int(i) for p in posts for i in p.get(key) or []}


def _names(client: WPClient, route: str, ids: set[int]) -> dict[int, str]:
    """Names of users or terms by id (only those needed, 100 per call)."""
    wanted = sorted(i for i in ids if i > 0)
    names: dict[int, str] = {}
    for start in range(0, len(wanted), 100):
        chunk = wanted[start : start + 100]
        try:
            items = client.collect(route, include=",".join(map(str, chunk)), _fields="id,name")
        except Refused:
            continue  # names are a nicety: ids without a readable name stay blank
        for item in items:
            if isinstance(item, dict) and "id" in item:
                names[int(item["id"])] = str(item.get("name") or "")
    return names


def apply(blog: Blog, got: Fetched, state: SyncState) -> PullCounts:
    """Write what was fetched and move the cursors forward, in one commit: `state` changes
    only once it is on disk (a full disk leaves the cursors where the data is)."""
    work = copy.deepcopy(state)
    counts = _apply(blog, got, work)
    state.__dict__.update(work.__dict__)
    return counts


def _apply(blog: Blog, got: Fetched, state: SyncState) -> PullCounts:
    counts = PullCounts()
    posts_by_remote: dict[str, Post | PostSummary] = {
        remote_id(p.source.get("wp")): p for p in blog.posts()
    }
    posts_by_remote.pop("", None)
    taken = {p.id for p in blog.posts()}
    posts: list[Post] = []
    comments: list[Comment] = []
    with blog.store.batch():
        for wp in got.posts:
            _apply_post(blog, wp, got, state, posts_by_remote, taken, counts, posts)
        _apply_comments(blog, got.comments, posts_by_remote, counts, comments)
        _find_gone(blog, got, counts)
        _mark_gone(blog, got.gone, counts, comments)
        _, rejected = records.put_many(blog.store, posts, comments)  # one atomic commit
        counts.refused += [str(r) for r in rejected]
        blog.invalidate()
        state.posts_after = cursor([str(p.get("modified") or "") for p in got.posts]) or (
            state.posts_after
        )
        state.comments_after = cursor([str(c.get("date") or "") for c in got.comments]) or (
            state.comments_after
        )
        state.last_pull = now()
        syncstate.save(blog, state)  # the cursors land with what they cover
    return counts


def _apply_post(
    blog: Blog,
    wp: dict[str, Any],
    got: Fetched,
    state: SyncState,
    by_remote: dict[str, Post | PostSummary],
    taken: set[str],
    counts: PullCounts,
    out: list[Post],
) -> None:
    rid = str(wp["id"])
    existing = by_remote.get(rid)
    if existing is None:
        local_id = _free_id(f"p-wp-{rid}", taken)
        post = to_post(wp, local_id, None, got.users, got.categories, got.tags)
        out.append(post)
        by_remote[rid] = post
        counts.new_posts += 1
        return
    if str(wp.get("modified_gmt") or "") == existing.source.get("wp_modified"):
        return  # unchanged on the site since our copy (e.g. our own push coming back)
    if not isinstance(existing, Post):
        existing = blog.post(existing.id)  # the summary of the index: read the whole post
    remote = to_post(wp, existing.id, existing, got.users, got.categories, got.tags)
    working = store_state.get_draft(blog.store, existing.id)
    if existing.source.get("wp_hash") not in ("", None, post_hash(existing)):
        found = Conflict(
            id=f"post:{existing.id}",
            kind="post",
            local_id=existing.id,
            remote_id=rid,
            message=f"“{existing.title}” was edited here and on the site; both versions kept",
            local=post_version(existing),
            remote=post_version(remote),
            found=now(),
        )
        state.add_conflict(found)
        counts.conflicts.append(found)
        counts.kept_local += 1
        return
    out.append(remote)
    by_remote[rid] = remote
    counts.updated_posts += 1
    if working is not None:
        found = Conflict(
            id=f"draft:{existing.id}",
            kind="draft",
            local_id=existing.id,
            remote_id=rid,
            message=f"“{existing.title}” changed on the site while you have unsaved edits "
            "(your working copy is kept)",
            local=post_version(working[0]),
            remote=post_version(remote),
            found=now(),
        )
        state.add_conflict(found)
        counts.conflicts.append(found)


def _find_gone(blog: Blog, got: Fetched, counts: PullCounts) -> None:
    """After a full pull: what we have from the site that it no longer lists (kept here)."""
    if got.every_post:
        listed = {str(p.get("id")) for p in got.posts}
        counts.gone_posts = sorted(
            p.id for p in blog.posts() if remote_id(p.source.get("wp")) not in ("", *listed)
        )
    if got.every_comment:
        listed = {str(c.get("id")) for c in got.comments}
        counts.gone_comments = sorted(
            c.id
            for c in blog.all_comments()
            if c.origin == "imported" and c.remote_id and c.remote_id not in listed
        )


def _mark_gone(blog: Blog, gone: set[str], counts: PullCounts, out: list[Comment]) -> None:
    """Comments deleted on the site (a spam purge): kept here, said once, and marked so that
    later syncs stop asking for them."""
    if not gone:
        return
    for comment in blog.all_comments():
        if comment.origin == "imported" and comment.remote_id in gone:
            out.append(dataclasses.replace(comment, source={**comment.source, "wp_gone": "1"}))
            counts.gone_comments.append(comment.id)


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def _apply_comments(
    blog: Blog,
    items: list[dict[str, Any]],
    posts: Mapping[str, Post | PostSummary],
    counts: PullCounts,
    out: list[Comment],
) -> None:
    local: dict[str, Comment] = {}
    for comment in blog.all_comments():
        rid = comment.remote_id or remote_id(comment.source.get("wp"))
        if rid:
            local[rid] = comment
    taken = {c.id for c in blog.all_comments()}
    moderated = {  # local moderation not yet on the site: keep the local status
        e.comment_id for e in outbox.entries(blog) if e.kind == "moderate" and e.state != "sent"
    }
    # Pass 1: a local id for every fetched comment, so children can point at their parents.
    ids: dict[str, str] = {rid: c.id for rid, c in local.items()}
    unique = {str(wp["id"]): wp for wp in items if isinstance(wp, dict) and "id" in wp}
    for rid in unique:
        if rid not in ids:
            ids[rid] = _free_id(f"c-wp-{rid}", taken)
    for rid, wp in unique.items():
        existing = local.get(rid)
        if existing is not None and (existing.origin == "local" or existing.id in moderated):
            counts.kept_local += 1  # our own reply coming back, or moderation still queued
            continue
        post = posts.get(str(wp.get("post") or ""))
        if post is None:
            continue  # a comment on a post this user cannot see
        parent = str(wp.get("parent") or 0)
        comment = to_comment(wp, ids[rid], post.id, ids.get(parent) if parent != "0" else None)
        if existing is not None:
            if existing == comment:
                continue
            counts.updated_comments += 1
        else:
            counts.new_comments += 1
        out.append(comment)
