"""Push the outbox (replies, moderation) to WordPress, in order.

Each outbox entry ends `sent` (remote id recorded) or `failed` ("code: message" from
WordPress); failed entries are tried again on the next sync. A reply waits for the queued
reply it answers (it needs that reply's new remote id). Network, authentication and server
failures (`WPError` other than `Refused`) stop the push at once: what was sent is recorded,
the rest stays in the outbox.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.models import Comment
from reeltui.domain.vocab import ModerationAction
from reeltui.formats.html2md import html_to_markdown
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.sync.client import Refused, WPClient, id_of
from reeltui.services.sync.mapping import comment_status, gmt, markdown_to_html
from reeltui.services.sync.state import Conflict, SyncState, now, remote_id
from reeltui.store import NotFound

Report = Callable[[str, int, int], None]
# moderation action -> (status to send, status WordPress then reports)
MODERATION: dict[ModerationAction, tuple[str, str]] = {
    "approve": ("approved", "approved"),
    "unapprove": ("hold", "hold"),
    "spam": ("spam", "spam"),
    "trash": ("trash", "trash"),
    "restore": ("untrash", ""),
}


@dataclass
class PushCounts:
    replies: int = 0
    moderations: int = 0
    posts: int = 0
    failed: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


class _Skip(Exception):
    """This entry cannot go now; the reason is recorded as its error."""


def sending_order(blog: Blog) -> list[outbox.Entry]:
    """Queued and failed entries in position order, each reply after the reply it answers."""
    todo = [e for e in outbox.entries(blog) if e.state != "sent"]
    reply_entry = {e.comment_id: e for e in todo if e.kind == "reply"}
    ordered: list[outbox.Entry] = []
    placed: set[str] = set()

    def place(entry: outbox.Entry, trail: set[str]) -> None:
        if entry.id in placed or entry.id in trail:
            return
        if entry.kind == "reply":
            try:
                parent = blog.comment(entry.comment_id).parent_id
            except NotFound:
                parent = None
            ahead = reply_entry.get(parent or "")
            if ahead is not None:
                place(ahead, trail | {entry.id})
        placed.add(entry.id)
        ordered.append(entry)

    for entry in todo:
        place(entry, set())
    return ordered


def push_outbox(
    blog: Blog, client: WPClient, state: SyncState, counts: PushCounts, report: Report
) -> None:
    order = sending_order(blog)
    for done, entry in enumerate(order, 1):
        report("sending replies and moderation", done, len(order))
        try:
            if entry.kind == "reply":
                answer = _send_reply(blog, client, state, entry, counts)
                new_id = id_of(answer, "new comment")
                counts.replies += 1
            else:
                answer, new_id = {}, _moderate(blog, client, entry)
                counts.moderations += 1
        except (Refused, _Skip) as exc:
            message = str(exc)
            counts.failed.append(f"{_describe(blog, entry)}: {message}")
            try:
                outbox.mark_failed(blog, entry.id, message)
            except NotFound:  # the reply itself was deleted here: nothing left to send
                outbox.remove(blog, entry.id)
            continue
        with blog.store.batch():  # one write of each file
            outbox.mark_sent(blog, entry.id, new_id)
            if entry.kind == "reply":
                blog.save_comment(signed_by_the_site(blog.comment(entry.comment_id), answer))


def _describe(blog: Blog, entry: outbox.Entry) -> str:
    try:
        comment = blog.comment(entry.comment_id)
        words = " ".join(comment.body.split())
        what = f"“{words[:40]}{'…' if len(words) > 40 else ''}”"
    except NotFound:
        what = entry.comment_id
    return f"reply {what}" if entry.kind == "reply" else f"{entry.action} {what}"


def _remote_of_comment(comment: Comment) -> str:
    return comment.remote_id or remote_id(comment.source.get("wp"))


def _send_reply(
    blog: Blog, client: WPClient, state: SyncState, entry: outbox.Entry, counts: PushCounts
) -> dict[str, Any]:
    try:
        reply = blog.comment(entry.comment_id)
        post = blog.post(reply.post_id)
    except NotFound as exc:
        raise _Skip(f"missing: {exc}") from None
    post_rid = remote_id(post.source.get("wp"))
    if not post_rid:
        raise _Skip(f"not_on_site: the post “{post.title}” is not on the site (sync it first)")
    parent_rid = "0"
    conflict_id = f"reply:{reply.id}"
    forced = conflict_id in state.forced
    if reply.parent_id:
        try:
            parent = blog.comment(reply.parent_id)
        except NotFound:
            raise _Skip("missing: the comment it answers is gone from the store") from None
        parent_rid = _remote_of_comment(parent)
        if not parent_rid:
            raise _Skip("parent_not_sent: the reply it answers has not reached the site yet")
        gone, theirs = _parent_on_site(client, parent_rid)
        edited = (
            not gone
            and theirs is not None
            and parent.origin == "imported"
            and theirs != parent.body
        )
        if (gone or edited) and not forced:
            what = gone or "edited"
            found = Conflict(
                id=conflict_id,
                kind="reply",
                local_id=reply.id,
                remote_id=parent_rid,
                message=f"the comment by {parent.author or 'someone'} that this reply answers "
                f"was {what} on the site; your reply is kept",
                local={"body": reply.body, "parent": parent.body},
                remote={"parent_status": what, "parent": theirs or ""},
                found=now(),
            )
            state.add_conflict(found)
            counts.conflicts.append(found)
            raise _Skip(f"conflict: the comment it answers was {what} on the site")
        if gone:
            parent_rid = "0"  # the user chose to send it anyway: as a comment on the post
    html = markdown_to_html(reply.body)
    body = {"post": int(post_rid), "parent": int(parent_rid), "content": html}
    try:
        created = client.post("/wp/v2/comments", body)
    except Refused as exc:
        # Sent by an earlier sync that died before recording it? Then adopt that copy.
        adopted = _own_copy(blog, client, body) if exc.code == "comment_duplicate" else None
        if not adopted:
            raise
        created = adopted
    state.drop_conflict(conflict_id)
    if forced:
        state.forced.remove(conflict_id)
    return created if isinstance(created, dict) else {}


def _own_copy(blog: Blog, client: WPClient, body: dict[str, Any]) -> dict[str, Any] | None:
    """Our own identical comment on the site that no local comment claims, or None."""
    if not client.user_id:
        return None
    try:
        found = client.collect(
            "/wp/v2/comments",
            post=body["post"],
            parent=body["parent"],
            author=client.user_id,
            context="edit",
            status="all",
        )
    except Refused:
        return None
    claimed = {_remote_of_comment(c) for c in blog.all_comments()}
    wanted = " ".join(str(body["content"]).split())
    for item in found:
        raw = item.get("content", {}).get("raw", "") if isinstance(item, dict) else ""
        if " ".join(str(raw).split()) == wanted and str(item.get("id")) not in claimed:
            return dict(item)
    return None


def _parent_on_site(client: WPClient, parent_rid: str) -> tuple[str, str | None]:
    """('' or 'trashed'/'marked as spam'/'deleted', its text in Markdown or None if unknown)."""
    try:
        data = client.get(f"/wp/v2/comments/{parent_rid}", context="edit")
    except Refused as exc:
        if exc.status == 404:
            return "deleted", None
        return "", None  # cannot tell (no right to look): let WordPress decide
    if not isinstance(data, dict):
        return "", None
    gone = {"trash": "trashed", "spam": "marked as spam"}.get(str(data.get("status", "")), "")
    content = data.get("content")
    raw = content.get("raw") if isinstance(content, dict) else None
    return gone, html_to_markdown(raw) if isinstance(raw, str) else None


def _moderate(blog: Blog, client: WPClient, entry: outbox.Entry) -> str:
    try:
        comment = blog.comment(entry.comment_id)
    except NotFound:
        raise _Skip(f"missing: no comment {entry.comment_id!r} in the store") from None
    rid = _remote_of_comment(comment)
    if not rid:
        raise _Skip("not_on_site: this comment is not on the site yet")
    if not entry.action:  # the gate refuses a moderation without one: never so
        raise _Skip("invalid: a moderation entry without an action")
    send, expect = MODERATION[entry.action]
    current = client.get(f"/wp/v2/comments/{rid}", context="edit")
    status = str(current.get("status", "")) if isinstance(current, dict) else ""
    if (expect and status == expect) or (entry.action == "restore" and status != "trash"):
        return rid  # already so on the site (WordPress refuses a no-op change)
    client.post(f"/wp/v2/comments/{rid}", {"status": send})
    return rid


def signed_by_the_site(reply: Comment, answer: dict[str, Any]) -> Comment:
    """A sent reply as the site has it: posted by the application password's user (its name,
    email and address), at the site's time, with the status the site gave it (a reply may be
    held for moderation); the words stay ours."""
    if not answer:
        return reply
    return dataclasses.replace(
        reply,
        author=str(answer.get("author_name") or reply.author),
        email=str(answer.get("author_email") or reply.email),
        url=str(answer.get("author_url") or reply.url),
        date=gmt(answer, "date") or reply.date,
        status=comment_status(answer) if answer.get("status") else reply.status,
        source={
            **reply.source,
            "wp": str(answer["id"]),
            **({"wp_link": str(answer["link"])} if answer.get("link") else {}),
        },
    )
