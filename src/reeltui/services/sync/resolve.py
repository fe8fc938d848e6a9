"""Settle a conflict sync found: keep your version (sent on the next sync) or the site's."""

from __future__ import annotations

import dataclasses

from reeltui.domain.models import POST_STATUSES, member
from reeltui.domain.vocab import KeepSide
from reeltui.errors import InputError
from reeltui.services import import_conflicts, outbox
from reeltui.services.blog import Blog
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.mapping import post_hash, with_source
from reeltui.services.sync.state import Conflict
from reeltui.store import NotFound


def resolve(blog: Blog, conflict_id: str, keep: KeepSide) -> str:
    """Settle a conflict: keep "local" (sent on the next sync) or "remote" (the site's version).

    Keeping the site's version of a post replaces the local text by the one stored in the
    conflict; keeping the site's side of a reply takes it out of the outbox but keeps it as a
    local draft reply (a reply is never deleted by sync). A conflict an import found keeps
    the post or the file's version of it ("remote").
    """
    state = syncstate.load(blog)
    conflict = state.conflict(conflict_id)
    if conflict is None:
        raise InputError(f"no conflict {conflict_id!r} (see `reeltui sync --conflicts`)")
    with blog.store.batch():
        if conflict.kind in (import_conflicts.KIND, import_conflicts.DRAFT):  # from an import
            message = import_conflicts.resolve(blog, conflict, keep)
        elif conflict.kind == "draft":
            message = "the saved post has the site's version; your working copy stays in the editor"
        elif keep == "local":
            if conflict_id not in state.forced:
                state.forced.append(conflict_id)
            message = "your version will be sent on the next sync"
        else:
            message = _keep_remote(blog, conflict)
        state.drop_conflict(conflict_id)
        syncstate.save(blog, state)
    return message


def _keep_remote(blog: Blog, conflict: Conflict) -> str:
    if conflict.kind == "reply":
        for entry in outbox.entries(blog):
            if entry.kind == "reply" and entry.comment_id == conflict.local_id:
                outbox.remove(blog, entry.id)
        try:
            reply = blog.comment(conflict.local_id)
        except NotFound:
            return "the reply is gone already"
        reply.sync_state, reply.sync_error = "local", ""
        blog.save_comment(reply)
        return "the reply is back to a local draft (not queued)"
    try:
        post = blog.post(conflict.local_id)
    except NotFound:
        return "the post is gone already"
    remote = conflict.remote
    if remote.get("status") == "deleted":
        return "kept as a local post (it is no longer on the site)"
    theirs = dataclasses.replace(
        post,
        title=remote.get("title", post.title),
        body=remote.get("body", post.body),
        excerpt=remote.get("excerpt", post.excerpt),
        html=remote.get("html", post.html),  # the site's HTML, exactly (not shown)
        excerpt_html=remote.get("excerpt_html", post.excerpt_html),
        status=member(POST_STATUSES, remote.get("status", post.status), "post status"),
        modified=remote.get("modified", post.modified),
    )
    theirs = with_source(
        theirs, wp_hash=post_hash(theirs), wp_modified=remote.get("modified", "")[:19]
    )
    blog.save_post(theirs)
    return "the site's version replaced yours (run sync to pick up any later change)"
