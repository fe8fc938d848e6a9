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

from collections.abc import Callable
from dataclasses import dataclass, field

from reeltui.domain.plural import count
from reeltui.errors import InputError
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.session import read_only_reason
from reeltui.services.sync import identity
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.apply import PullCounts, apply, known
from reeltui.services.sync.client import AuthFailed, NetworkDown, WPClient, WPError, normalise_site
from reeltui.services.sync.credentials import Credentials
from reeltui.services.sync.fetch import fetch
from reeltui.services.sync.progress import Overall, SyncProgress
from reeltui.services.sync.push_outbox import PushCounts, push_outbox
from reeltui.services.sync.push_posts import drafts_to_push, push_drafts
from reeltui.services.sync.state import Conflict
from reeltui.services.sync.terms import TermNames


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
        pages = (
            f"{q.new_pages} new and {q.updated_pages} changed pages, "
            if q.new_pages or q.updated_pages
            else ""
        )
        out = [
            f"sent {count(p.replies, 'reply')}, {count(p.moderations, 'moderation action')}, "
            f"{count(p.posts, 'post')}; "
            f"pulled {q.new_posts} new and {q.updated_posts} changed posts, {pages}"
            f"{q.new_comments} new and {q.updated_comments} changed comments"
        ]
        if q.gone_posts or q.gone_comments:
            out.append(
                f"{count(len(q.gone_posts), 'post')} and "
                f"{count(len(q.gone_comments), 'comment')} no longer on the site (kept here)"
            )
        out += [f"failed: {f}" for f in p.failed]
        out += [f"conflict: {c.message} (resolve with id {c.id})" for c in self.conflicts]
        if self.error:
            out.append(f"stopped: {self.error}; the outbox is intact, sync again to resume")
        return out

    def stopped_line(self) -> str:
        """A sync that stopped, in one line: why, what went out before it, what to do."""
        p = self.pushed
        done = ((p.replies, "reply"), (p.moderations, "moderation action"), (p.posts, "post"))
        sent = [count(n, noun) for n, noun in done if n]
        if not sent:
            return f"sync stopped: {self.error}; nothing was sent or changed: sync again to retry"
        return (
            f"sync stopped: {self.error}; sent {', '.join(sent)} before it stopped, the rest "
            "stays queued: sync again to resume"
        )


def sync(
    blog: Blog,
    creds: Credentials,
    *,
    full: bool = False,
    push: bool = True,
    pull: bool = True,
    progress: Callable[[SyncProgress], None] | None = None,
    timeout: float = 20.0,
    per_page: int = 100,
    insecure_http: bool = False,
) -> SyncResult:
    if blog.read_only:
        raise InputError(f"{blog.path}: {read_only_reason(blog)}; not syncing")
    if not creds.complete:
        raise InputError("site, user and application password are all needed to sync")
    site = normalise_site(creds.site)
    result = SyncResult(site)
    state = syncstate.load(blog)
    if state.site and state.site != site:
        raise InputError(
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

    names = TermNames(state.terms)
    overall = Overall(progress)

    try:
        overall(f"connecting to {site}")
        caps = _who(blog, client, state, creds, full)
        if push:
            push_outbox(blog, client, state, result.pushed, overall)
            push_drafts(blog, client, state, result.pushed, overall, names)
        if pull:
            held = known(blog, state, client.server_date or syncstate.now())
            got = fetch(client, state, full, overall, caps, held, names)
            overall("saving")
            result.pulled = apply(blog, got, state, names)
        state.last_sync = syncstate.now()
    except WPError as exc:
        exc = _clearer(client, exc)
        result.error = str(exc)
        result.stopped_by = (
            "network"
            if isinstance(exc, NetworkDown)
            else "auth"
            if isinstance(exc, AuthFailed)
            else "server"
        )
    finally:
        result.authenticated = client.answered
        if client.answered:
            state.site = site
        if state.site:
            syncstate.save(blog, state)
        result.conflicts = list(state.conflicts)
        result.calls = client.calls
        client.close()
    if not result.error:
        overall("done")  # a sync that stopped is never "done"
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
            f"{count(self.drafts, 'post')} to send, {count(self.conflicts, 'conflict')}"
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


def _who(
    blog: Blog, client: WPClient, state: syncstate.SyncState, creds: Credentials, full: bool
) -> dict[str, bool]:
    """The user's capabilities; who they are is learned on the first sync (and on a full one,
    or when the user name changes) from /wp/v2/users/me, then remembered."""
    me = identity.known(blog)
    if full or me is None or not state.caps or state.learned_for != creds.user:
        answer = client.me()
        me = identity.learn(blog, answer)
        state.caps = identity.capabilities(answer)
        state.learned_for = creds.user
    client.user_id, client.user_name = int(me["id"]), str(me["name"])
    return state.caps


def _clearer(client: WPClient, exc: WPError) -> WPError:
    """A refusal met before users/me was asked (it is skipped once known) may only be the
    route's own words ("not allowed to edit comments"): ask users/me for the real reason."""
    if not isinstance(exc, AuthFailed) or client.answered or not client.user_id:
        return exc  # (no user id: users/me itself was refused)
    try:
        client.me()
    except WPError as clearer:
        return clearer
    return exc
