"""Pull, second half: write what was fetched into the store, in one batch.

Everything is fetched first (`fetch`), then written in one `store.batch()`: an interrupted
pull writes nothing and the next one starts again from the last complete one. Local work is
never overwritten: local replies (origin "local") keep their words (only the site's status
reaches them), a post edited here since the last pull becomes a conflict (both versions
kept), and working copies (drafts.json) are not touched. What the site no longer has is kept
here, said once, and marked (`source["wp_gone"]`) so that it is not asked for again.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment, Post
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.sync.fetch import Fetched, Known
from reeltui.services.sync.mapping import (
    POST_STATUS_FROM_WP,
    comment_status,
    post_hash,
    post_version,
    to_comment,
    to_post,
)
from reeltui.services.sync.state import Conflict, SyncState, now, remote_id
from reeltui.services.sync.state import save as save_state
from reeltui.services.sync.terms import TermNames
from reeltui.store import records
from reeltui.store import state as store_state


@dataclass
class PullCounts:
    new_posts: int = 0
    updated_posts: int = 0
    new_pages: int = 0
    updated_pages: int = 0
    new_comments: int = 0
    updated_comments: int = 0
    kept_local: int = 0  # remote copies of local replies / locally edited posts left alone
    gone_posts: list[str] = field(default_factory=list)  # local ids no longer on the site
    gone_comments: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # records the store's gate refused

    def count(self, post: Post, new: bool) -> None:
        name = f"{'new' if new else 'updated'}_{post.kind}s"
        setattr(self, name, getattr(self, name) + 1)


def known(blog: Blog, state: SyncState, clock: str = "") -> Known:
    """What the store holds from the site, for an incremental fetch."""
    found = Known()
    for post in blog.posts():
        rid = remote_id(post.source.get("wp"))
        if not rid or post.source.get("wp_gone"):
            continue
        found.posts[rid] = (post.kind, post.source.get("wp_modified", ""))
        if post.status == "scheduled" and (not clock or post.date[:19] <= clock[:19]):
            found.due[rid] = post.kind
    for comment in blog.all_comments():
        rid = comment.remote_id or remote_id(comment.source.get("wp"))
        if rid and not comment.source.get("wp_gone"):
            found.comments[rid] = comment.status
    found.comments.update(state.ignored)
    return found


def apply(blog: Blog, got: Fetched, state: SyncState, names: TermNames) -> PullCounts:
    """Write what was fetched and move the clock forward, in one commit: `state` changes
    only once it is on disk (a full disk leaves the clock where the data is)."""
    work = copy.deepcopy(state)
    counts = _apply(blog, got, work, names)
    state.__dict__.update(work.__dict__)
    return counts


def _apply(blog: Blog, got: Fetched, state: SyncState, names: TermNames) -> PullCounts:
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
            _apply_post(blog, wp, got, names, state, posts_by_remote, taken, counts, posts)
        _apply_comments(blog, got.comments, posts_by_remote, state, counts, comments)
        _find_gone(blog, got)
        counts.gone_posts = _mark_gone(blog.full_posts(), got.gone_posts, posts)
        counts.gone_comments = _mark_gone(blog.all_comments(), got.gone_comments, comments)
        _, rejected = records.put_many(blog.store, posts, comments)  # one atomic commit
        counts.refused += [str(r) for r in rejected]
        blog.invalidate()
        state.clock = got.clock or state.clock
        state.terms = names.known
        state.last_pull = now()
        save_state(blog, state)  # the clock lands with what it covers
    if posts or comments:
        blog.store.back_up()  # the newest backup holds what came in
    # Again once committed: a view that re-read the store on the first news (the app's list,
    # in a worker) read it before the batch's files were written.
    blog.invalidate()
    return counts


def _apply_post(
    blog: Blog,
    wp: dict[str, Any],
    got: Fetched,
    names: TermNames,
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
        post = to_post(wp, local_id, None, got.users, names)
        out.append(post)
        by_remote[rid] = post
        counts.count(post, new=True)
        return
    same_status = POST_STATUS_FROM_WP.get(str(wp.get("status"))) == existing.status
    if str(wp.get("modified_gmt") or "") == existing.source.get("wp_modified") and same_status:
        return  # unchanged on the site since our copy (e.g. our own push coming back)
    if not isinstance(existing, Post):
        existing = blog.post(existing.id)  # the summary of the index: read the whole post
    remote = to_post(wp, existing.id, existing, got.users, names)
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
    counts.count(remote, new=False)
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


def _find_gone(blog: Blog, got: Fetched) -> None:
    """After a full pull: what we have from the site that it no longer lists."""
    if got.every_post:
        listed = {str(p.get("id")) for p in got.posts}
        for post in blog.posts():
            rid = remote_id(post.source.get("wp"))
            if rid and rid not in listed:
                got.gone_posts.add(rid)
    if got.every_comment:
        listed = {str(c.get("id")) for c in got.comments}
        for comment in blog.all_comments():
            if comment.origin == "imported" and comment.remote_id not in ("", *listed):
                got.gone_comments.add(comment.remote_id)


def _mark_gone(items: Iterable[Any], gone: set[str], out: list[Any]) -> list[str]:
    """Posts or comments deleted on the site: kept here, said once (their local ids are
    returned), and marked so that later syncs stop asking for them."""
    said: list[str] = []
    if not gone:
        return said
    for item in items:
        rid = getattr(item, "remote_id", "") or remote_id(item.source.get("wp"))
        if (
            rid in gone
            and not item.source.get("wp_gone")
            and getattr(item, "origin", "") != "local"
        ):
            out.append(dataclasses.replace(item, source={**item.source, "wp_gone": "1"}))
            said.append(item.id)
    return sorted(said)


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
    state: SyncState,
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
        post = posts.get(str(wp.get("post") or ""))
        if post is None:  # on something sync does not keep (an attachment...)
            state.ignored[rid] = comment_status(wp)
            continue
        state.ignored.pop(rid, None)
        if existing is not None and (existing.origin == "local" or existing.id in moderated):
            counts.kept_local += 1  # our own reply coming back, or moderation still queued
            status = comment_status(wp)
            mine = existing.origin == "local" and existing.id not in moderated
            if mine and existing.status != status:  # moderated on the site: say so here
                out.append(dataclasses.replace(existing, status=status))
            continue
        parent = str(wp.get("parent") or 0)
        comment = to_comment(wp, ids[rid], post.id, ids.get(parent) if parent != "0" else None)
        if existing is not None:
            if existing == comment:
                continue
            counts.updated_comments += 1
        else:
            counts.new_comments += 1
        out.append(comment)
