"""Sync with a real WordPress: push the outbox and drafts, then pull posts and comments.

    result = sync(blog, Credentials(site, user, app_password), progress=callback)
    result.ok, result.error, result.lines(), result.conflicts

For the UI: `credentials.load()` (then ask for a missing password), `sync(...)` in a worker
with a `progress` callback, `status(blog).line()` for a status bar, `syncstate.conflicts(blog)`
to list conflicts (each with both versions) and `resolve(blog, id, "local" | "remote")`.

`sync` never raises for a network, authentication or server failure: the result carries
one clear line in `error`, everything already sent is recorded, the outbox keeps the rest and
the pull cursor only moves after a complete pull (the next sync resumes). `progress` receives
`SyncProgress` events (stage, done, total) — the UI can run `sync` in a worker and show them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.client import AuthFailed, NetworkDown, WPClient, WPError, normalise_site
from reeltui.services.sync.credentials import Credentials
from reeltui.services.sync.mapping import post_hash, with_source
from reeltui.services.sync.pull import PullCounts, apply, fetch
from reeltui.services.sync.push_outbox import PushCounts, push_outbox
from reeltui.services.sync.push_posts import drafts_to_push, push_drafts
from reeltui.services.sync.state import Conflict
from reeltui.store import NotFound


@dataclass(frozen=True, slots=True)
class SyncProgress:
    stage: str
    done: int = 0
    total: int = 0

    def __str__(self) -> str:
        return f"{self.stage} {self.done}/{self.total}" if self.total else self.stage


@dataclass
class SyncResult:
    site: str
    error: str = ""  # one line when the sync stopped early ("network: cannot reach ...")
    stopped_by: str = ""  # "network", "auth" or "server" when it did
    authenticated: bool = False  # the site accepted the user and application password
    pushed: PushCounts = field(default_factory=PushCounts)
    pulled: PullCounts = field(default_factory=PullCounts)
    conflicts: list[Conflict] = field(default_factory=list)  # every open conflict
    calls: int = 0

    @property
    def ok(self) -> bool:
        return not self.error and not self.pushed.failed

    def lines(self) -> list[str]:
        """A short human summary (CLI output, a notification in the UI)."""
        p, q = self.pushed, self.pulled
        out = [
            f"sent {p.replies} replies, {p.moderations} moderation actions, {p.posts} posts; "
            f"pulled {q.new_posts} new and {q.updated_posts} changed posts, "
            f"{q.new_comments} new and {q.updated_comments} changed comments"
        ]
        if q.gone_posts or q.gone_comments:
            out.append(
                f"{_count(len(q.gone_posts), 'post')} and "
                f"{_count(len(q.gone_comments), 'comment')} no longer on the site (kept here)"
            )
        out += [f"failed: {f}" for f in p.failed]
        out += [f"conflict: {c.message} (resolve with id {c.id})" for c in self.conflicts]
        if self.error:
            out.append(f"stopped: {self.error}; the outbox is intact, sync again to resume")
        return out


Progress = Callable[[SyncProgress], None]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def sync(
    blog: Blog,
    creds: Credentials,
    *,
    full: bool = False,
    push: bool = True,
    pull: bool = True,
    progress: Progress | None = None,
    timeout: float = 20.0,
    per_page: int = 100,
    insecure_http: bool = False,
) -> SyncResult:
    if blog.read_only:
        raise ValueError(f"{blog.path} is open read-only (another reeltui has it?); not syncing")
    if not creds.complete:
        raise ValueError("site, user and application password are all needed to sync")
    site = normalise_site(creds.site)
    result = SyncResult(site)
    state = syncstate.load(blog)
    if state.site and state.site != site:
        raise ValueError(
            f"this store is synced with {state.site}, not {site}; use another store "
            "(--store) for another site"
        )
    client = WPClient(
        site,
        creds.user,
        creds.app_password,
        timeout=timeout,
        per_page=per_page,
        insecure_http=insecure_http,
    )

    def report(stage: str, done: int = 0, total: int = 0) -> None:
        if progress is not None:
            progress(SyncProgress(stage, done, total))

    try:
        report(f"connecting to {site}")
        me = client.me()
        caps = me.get("capabilities") if isinstance(me.get("capabilities"), dict) else {}
        result.authenticated = True
        state.site = site
        if push:
            push_outbox(blog, client, state, result.pushed, report)
            push_drafts(blog, client, state, result.pushed, report)
        if pull:
            known = {  # the site's comments we hold (and it still has), their status here
                c.remote_id: c.status
                for c in blog.all_comments()
                if c.origin == "imported" and c.remote_id.isdigit() and not c.source.get("wp_gone")
            }
            got = fetch(client, state, full, report, caps or {}, known)
            report("saving")
            result.pulled = apply(blog, got, state)
        state.last_sync = syncstate.now()
    except WPError as exc:
        result.error = str(exc)
        result.stopped_by = (
            "network"
            if isinstance(exc, NetworkDown)
            else "auth"
            if isinstance(exc, AuthFailed)
            else "server"
        )
    finally:
        if state.site:
            syncstate.save(blog, state)
        result.conflicts = list(state.conflicts)
        result.calls = client.calls
        client.close()
    report("done")
    return result


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What is waiting, for a status line: "3 to send, 1 failed, 2 conflicts"."""

    site: str
    last_sync: str
    queued: int  # outbox entries not sent yet (queued or failed)
    failed: int
    drafts: int  # new drafts and edited posts the next sync sends
    conflicts: int

    def line(self) -> str:
        where = f"synced with {self.site} at {self.last_sync}" if self.site else "never synced"
        return (
            f"{where}; {self.queued} queued ({self.failed} failed), "
            f"{_count(self.drafts, 'post')} to send, {_count(self.conflicts, 'conflict')}"
        )


def status(blog: Blog) -> SyncStatus:
    state = syncstate.load(blog)
    waiting = [e for e in outbox.entries(blog) if e.state != "sent"]
    return SyncStatus(
        site=state.site,
        last_sync=state.last_sync,
        queued=len(waiting),
        failed=sum(1 for e in waiting if e.state == "failed"),
        drafts=len(drafts_to_push(blog)),
        conflicts=len(state.conflicts),
    )


def resolve(blog: Blog, conflict_id: str, keep: str) -> str:
    """Settle a conflict: keep "local" (sent on the next sync) or "remote" (the site's version).

    Keeping the site's version of a post replaces the local text by the one stored in the
    conflict; keeping the site's side of a reply takes it out of the outbox but keeps it as a
    local draft reply (a reply is never deleted by sync).
    """
    if keep not in ("local", "remote"):
        raise ValueError("keep must be 'local' or 'remote'")
    state = syncstate.load(blog)
    conflict = state.conflict(conflict_id)
    if conflict is None:
        raise ValueError(f"no conflict {conflict_id!r} (see `reeltui sync --conflicts`)")
    with blog.store.batch():
        if conflict.kind == "draft":
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
        status=remote.get("status", post.status),
        modified=remote.get("modified", post.modified),
    )
    theirs = with_source(
        theirs, wp_hash=post_hash(theirs), wp_modified=remote.get("modified", "")[:19]
    )
    blog.save_post(theirs)
    return "the site's version replaced yours (run sync to pick up any later change)"
