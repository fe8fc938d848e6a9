"""`reeltui outbox`, `reeltui inbox`, `reeltui reply` and `reeltui moderate`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import blog_for_reading, blog_for_writing, print_json, signer
from reeltui.domain.models import MODERATION_ACTIONS, OUTBOX_STATES
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import excerpt

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from rich.console import Console

    from reeltui.domain.models import Comment


def register(sub: Any) -> None:
    box = sub.add_parser("outbox", help="list queued, sent and failed replies and moderation")
    box.add_argument("--json", action="store_true", help="print a JSON array")
    box.add_argument("--state", choices=OUTBOX_STATES, help="only entries in this state")
    box.set_defaults(func=run_outbox)
    need = sub.add_parser("inbox", help="readers' comments not answered yet, oldest first")
    need.add_argument("--json", action="store_true", help="print a JSON array")
    need.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="NAME",
        help="another name of the blog's own authors (repeatable)",
    )
    need.set_defaults(func=run_inbox)
    rep = sub.add_parser("reply", help="reply to a comment (queued in the outbox)")
    rep.add_argument("slug", help="the post's slug (see `reeltui posts`)")
    rep.add_argument("comment_id", help="the comment to answer (see `reeltui show SLUG --json`)")
    text = rep.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help="the reply (Markdown)")
    text.add_argument("--file", type=argparse.FileType("r"), help="read the reply from a file (-)")
    rep.add_argument("--quote", action="store_true", help="quote the comment first")
    rep.add_argument("--draft", action="store_true", help="keep it as a draft, do not queue it")
    rep.add_argument(
        "--author", default="", help="sign as NAME (default: your [identity] name in the settings)"
    )
    rep.set_defaults(func=run_reply)
    mod = sub.add_parser("moderate", help="approve, unapprove, spam, trash or restore a comment")
    mod.add_argument("comment_id")
    mod.add_argument("action", choices=MODERATION_ACTIONS)
    mod.set_defaults(func=run_moderate)


def _comment_json(comment: Comment | None) -> dict[str, Any] | None:
    if comment is None:
        return None
    return {
        "id": comment.id,
        "author": comment.author,
        "date": comment.date,
        "body": comment.body,
        "status": comment.status,
        "sync_state": comment.sync_state,
    }


def run_outbox(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from reeltui.services import outbox

    with blog_for_reading(args) as blog:
        rows = outbox.rows(blog, args.state)
    if args.json:
        print_json(
            [
                {
                    "id": r.entry.id,
                    "kind": r.entry.kind,
                    "action": r.entry.action,
                    "state": r.entry.state,
                    "error": r.entry.error,
                    "remote_id": r.entry.remote_id,
                    "position": r.entry.position,
                    "created": r.entry.created,
                    "post": {"id": r.post.id, "slug": r.post.slug, "title": r.post.title}
                    if r.post
                    else None,
                    "comment": _comment_json(r.comment),
                    "parent": _comment_json(r.parent),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("The outbox is empty.")
        return 0
    table = Table(box=None, header_style="bold")
    for name in ("#", "what", "state", "post", "to", "text"):
        table.add_column(name, overflow="ellipsis", no_wrap=True, min_width=len(name))
    for r in rows:
        what = "reply" if r.entry.kind == "reply" else r.entry.action
        to = r.parent if r.entry.kind == "reply" else r.comment
        state = r.entry.state + (f": {r.entry.error}" if r.entry.error else "")
        text = r.comment.body if r.comment and r.entry.kind == "reply" else ""
        table.add_row(
            str(r.entry.position),
            what,
            Text(excerpt(sanitize_line(state), 40)),
            Text(excerpt(sanitize_line(r.post.title if r.post else "(missing)"), 36)),
            Text(sanitize_line(to.author) if to else ""),
            Text(excerpt(sanitize_line(text), 50)),
        )
    _console().print(table)
    return 0


def run_inbox(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from reeltui.services import inbox

    with blog_for_reading(args) as blog:
        items = inbox.needs_reply(blog, args.author)
    if args.json:
        print_json(
            [
                {
                    "post": {"id": i.post.id, "slug": i.post.slug, "title": i.post.title},
                    "comment": _comment_json(i.comment),
                    "parent": _comment_json(i.parent),
                }
                for i in items
            ]
        )
        return 0
    if not items:
        print("Nothing needs a reply.")
        return 0
    table = Table(box=None, header_style="bold")
    for name in ("date", "author", "post", "comment", "id"):
        table.add_column(name, overflow="ellipsis", no_wrap=True)
    for i in items:
        table.add_row(
            i.comment.date[:10],
            Text(sanitize_line(i.comment.author)),
            Text(excerpt(sanitize_line(i.post.title), 30)),
            Text(excerpt(sanitize_line(i.comment.body), 50)),
            i.comment.id,
        )
    _console().print(table)
    return 0


def run_reply(args: argparse.Namespace) -> int:
    from reeltui.services import replies

    text = args.text if args.text is not None else args.file.read()
    with blog_for_writing(args) as blog:
        args.author = args.author or signer(blog).name
        post = blog.post_by_slug(args.slug)
        parent = blog.comment(args.comment_id)
        if parent.post_id != post.id:
            raise replies.ReplyError(f"comment {parent.id!r} is not on post {args.slug!r}")
        if args.draft:
            draft = replies.start(blog, parent.id, author=args.author)
            body = (replies.quote(parent.body) if args.quote else "") + text
            kept = replies.keep_draft(blog, draft, body)
            if kept is None:
                raise replies.ReplyError("a reply cannot be empty")
            sys.stdout.write(f"draft {kept.id} kept under {parent.id}\n")
            return 0
        new = replies.reply(blog, parent.id, text, quote_parent=args.quote, author=args.author)
    sys.stdout.write(f"reply {new.id} queued in the outbox (to {parent.id})\n")
    return 0


def run_moderate(args: argparse.Namespace) -> int:
    from reeltui.services import moderation

    with blog_for_writing(args) as blog:
        comment = moderation.moderate(blog, args.comment_id, args.action)
    sys.stdout.write(f"{comment.id} is now {comment.status} (queued for the blog)\n")
    return 0


def _console() -> Console:
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 160)  # piped: do not squeeze the columns
    return console
