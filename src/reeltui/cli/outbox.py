"""`reeltui outbox`, `reeltui inbox`, `reeltui reply` and `reeltui moderate`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import blog_for_reading, blog_for_writing, print_json, signer
from reeltui.domain.models import MODERATION_ACTIONS, OUTBOX_STATES
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import excerpt

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from reeltui.cli.tables import Column
    from reeltui.domain.models import Comment
    from reeltui.services.outbox import Row


def register(sub: Any) -> None:
    box = sub.add_parser(
        "outbox",
        help="list queued, sent and failed replies and moderation",
        description="The outbox in sending order, then the reply drafts kept on a comment "
        "(state draft: not in the sending order until sent), as the app's outbox lists them.",
    )
    box.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of the outbox's entries (the kept drafts are not entries)",
    )
    box.add_argument(
        "--state", choices=(*OUTBOX_STATES, "draft"), help="only entries in this state"
    )
    box.set_defaults(func=run_outbox)
    need = sub.add_parser(
        "inbox",
        help="readers' comments not answered yet, oldest first",
        description="Readers' comments no author of the blog has answered yet. The blog's "
        "authors are its posts' authors, the names in the config file's `authors` list, and "
        "any --as NAME.",
    )
    need.add_argument("--json", action="store_true", help="print a JSON array (docs/cli-json.md)")
    need.add_argument(
        "--from",
        dest="from_names",
        action="append",
        default=[],
        metavar="NAME",
        help="only the comments NAME wrote: any whole words of the name, case and accents "
        "ignored, as the search's author: (`--from marcy`, `--from lindq*`; repeatable)",
    )
    need.add_argument(
        "--as",
        dest="as_names",
        action="append",
        default=[],
        metavar="NAME",
        help="another name the blog's authors sign comments with (repeatable; see the "
        "config file's `authors` to keep it)",
    )
    need.add_argument(  # the old name of --as, which read like a filter
        "--author", dest="as_names", action="append", help=argparse.SUPPRESS
    )
    need.set_defaults(func=run_inbox)
    rep = sub.add_parser("reply", help="reply to a comment (queued in the outbox)")
    rep.add_argument("slug", help="the post's slug (see `reeltui posts`)")
    rep.add_argument("comment_id", help="the comment to answer (see `reeltui show SLUG --json`)")
    text = rep.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help="the reply (Markdown)")
    text.add_argument(
        "--file",
        type=Path,
        metavar="FILE",
        help="read the reply from a UTF-8 text file (- for stdin)",
    )
    rep.add_argument("--quote", action="store_true", help="quote the comment first")
    rep.add_argument("--draft", action="store_true", help="keep it as a draft, do not queue it")
    rep.add_argument(
        "--replace",
        action="store_true",
        help="put this text in place of the draft kept on that comment (refused without it)",
    )
    rep.add_argument(
        "--author", default="", help="sign as NAME (default: your [identity] name in the settings)"
    )
    rep.set_defaults(func=run_reply)
    mod = sub.add_parser("moderate", help="approve, unapprove, spam, trash or restore a comment")
    mod.add_argument("comment_id")
    mod.add_argument("action", choices=MODERATION_ACTIONS)
    mod.set_defaults(func=run_moderate)


def run_outbox(args: argparse.Namespace) -> int:
    from reeltui.cli.json_out import post_ref
    from reeltui.cli.printing import print_table
    from reeltui.services import outbox, replies

    with blog_for_reading(args) as blog:
        rows = [] if args.state == "draft" else outbox.rows(blog, args.state)
        if not args.json and args.state in (None, "draft"):  # as the app lists them: below
            rows += outbox.draft_rows(blog)
        others = len(outbox.entries(blog)) if args.state and not rows else 0
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
                    "post": post_ref(r.post),
                    "comment": _comment(r.comment),
                    "parent": _comment(r.parent),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        if not others:
            print("The outbox is empty.")
        else:
            print(
                f"Nothing in the outbox is {args.state}; {count(others, 'entry')} in other states."
            )
        return 0
    # The entry's number and what it does whole at any width; the rest share what is left.
    kinds = ["reply" if r.entry.kind == "reply" else r.entry.action for r in rows]
    columns = fitted_columns(
        {"#": max(len(_number(r)) for r in rows), "what": max(map(len, kinds))},
        {"state": 1, "post": 2, "to": 1, "text": 3},
        ("#", "what", "state", "post", "to", "text"),
    )

    def cells(r: Row) -> list[str]:
        to = r.parent if r.entry.kind == "reply" else r.comment
        state = r.entry.state + (f": {r.entry.error}" if r.entry.error else "")
        # the reply's own words, as the app's outbox shows them (a quote's lines left out)
        text = replies.own_words(r.comment.body) if r.comment and r.entry.kind == "reply" else ""
        return [
            _number(r),
            "reply" if r.entry.kind == "reply" else r.entry.action,
            excerpt(sanitize_line(state), 40),
            excerpt(sanitize_line(_post_title(r)), 36),
            sanitize_line(to.author) if to else "",
            excerpt(sanitize_line(text), 50),
        ]

    print_table(columns, map(cells, rows))
    return 0


def _post_title(row: Row) -> str:
    if row.post is not None:
        return row.post.title
    return "damaged (reeltui check)" if row.damaged else "(missing)"


def _number(row: Row) -> str:
    """The entry's place in the sending order ("-" for a kept draft: it has none yet)."""
    return "-" if row.entry.state == "draft" else str(row.entry.position)


def _comment(comment: Comment | None) -> dict[str, Any] | None:
    from reeltui.cli.json_out import comment_json

    return None if comment is None else comment_json(comment)


def run_inbox(args: argparse.Namespace) -> int:
    from reeltui.cli.json_out import comment_json, post_ref
    from reeltui.cli.printing import print_table
    from reeltui.config import load_settings
    from reeltui.services import inbox

    for name in args.from_names:  # (an empty one matched nothing: "Nothing from  needs...")
        if not any(ch.isalnum() for ch in name):
            from reeltui.cli.common import CliError

            raise CliError(f"--from {name!r}: needs a name, like --from marcy")
    settings, _ = load_settings()  # a bad config file never stops a command
    from reeltui.cli.common import unlisted_at_end
    from reeltui.services.unlisted import unlisted_of

    with blog_for_reading(args) as blog:
        items = inbox.needs_reply(blog, [*settings.authors, *args.as_names])
        unlisted_at_end(unlisted_of(blog))  # (their comments are not among these)
    if args.from_names:
        items = inbox.written_by(items, args.from_names)
    if args.json:
        print_json(
            [
                {
                    "post": post_ref(i.post),
                    "comment": comment_json(i.comment),
                    "parent": _comment(i.parent),
                }
                for i in items
            ]
        )
        return 0
    if not items:
        who = " from " + ", ".join(map(sanitize_line, args.from_names)) if args.from_names else ""
        print(f"Nothing{who} needs a reply.")
        return 0
    # The date and the id whole at any width (`reply` and `moderate` need the id); the
    # author, post and comment share what is left.
    columns = fitted_columns(
        {"date": 10, "id": max(len(i.comment.id) for i in items)},
        {"author": 1, "post": 2, "comment": 3},
        ("date", "author", "post", "comment", "id"),
    )
    rows = (
        [
            i.comment.date[:10],
            sanitize_line(i.comment.author),
            excerpt(sanitize_line(i.post.title), 30),
            excerpt(sanitize_line(i.comment.body), 50),
            sanitize_line(i.comment.id),
        ]
        for i in items
    )
    print_table(columns, rows)
    return 0


def run_reply(args: argparse.Namespace) -> int:
    from reeltui.services import replies

    text = args.text if args.text is not None else _read_text(args.file)
    with blog_for_writing(args) as blog:
        args.author = args.author or signer(blog).name
        from reeltui.cli.show import post_by_slug

        post = post_by_slug(blog, args.slug)  # (not listed: refused, as `show` says why)
        parent = blog.comment(args.comment_id)
        if parent.post_id != post.id:
            raise replies.ReplyError(f"comment {parent.id!r} is not on post {args.slug!r}")
        kept_draft = replies.draft_for(blog, parent.id)
        if kept_draft is not None and not args.replace:  # its words would be replaced unsaid
            from reeltui.cli.common import CliError, one_line

            words = one_line(replies.own_words(kept_draft.body))
            raise CliError(
                f"a draft reply to {parent.id} is kept ({words[:60]!r}); finish it in the app "
                "(r on the comment), or give --replace to put this text in its place"
            )
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


def _read_text(path: Path) -> str:
    """The reply in a file (`-`: standard input); CliError naming the file otherwise."""
    from reeltui.cli.common import CliError, one_line

    name = "standard input" if str(path) == "-" else one_line(str(path))
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.expanduser().read_bytes()
    except OSError as exc:
        raise CliError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name}: not UTF-8 text (byte {exc.start + 1} is not); give the reply as a text file"
        ) from None
    if "\x00" in text:
        raise CliError(f"{name}: a binary file, not text (it holds NUL bytes)")
    return text


def run_moderate(args: argparse.Namespace) -> int:
    from reeltui.services import moderation

    with blog_for_writing(args) as blog:
        comment = moderation.moderate(blog, args.comment_id, args.action)
    sys.stdout.write(f"{comment.id} is now {comment.status} (queued for the blog)\n")
    return 0


def fitted_columns(
    whole: dict[str, int], shares: dict[str, int], order: tuple[str, ...]
) -> list[Column]:
    """Columns for a table as wide as the terminal: those in `whole` keep that width (never
    cut, never dropped), the others share the rest by their `shares` (cut with an ellipsis).
    Rich left to itself dropped the last columns of a wide table at 80 columns."""
    from reeltui.cli.tables import Column

    return [Column(n, width=whole[n]) if n in whole else Column(n, share=shares[n]) for n in order]
