"""`reeltui posts`: the list of posts, as a table or JSON (`show` is in show.py)."""

from __future__ import annotations

import argparse
from typing import Any

from rich.table import Table
from rich.text import Text

from reeltui.cli.common import blog_for_reading, print_json
from reeltui.cli.json_out import post_json
from reeltui.cli.printing import console, print_clean
from reeltui.domain.models import POST_STATUSES
from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.titles import post_marks
from reeltui.services import PostRow
from reeltui.services.blog import SORT_KEYS
from reeltui.services.query import find_posts


def register(sub: Any) -> None:
    posts = sub.add_parser("posts", help="list posts")
    posts.add_argument("--json", action="store_true", help="print a JSON array (docs/cli-json.md)")
    posts.add_argument(
        "--status",
        choices=(*POST_STATUSES, "pages"),
        help="only posts with this status (pages: the site's pages)",
    )
    posts.add_argument("--search", metavar="Q", help="only posts matching this search")
    posts.add_argument("--sort", choices=SORT_KEYS, default="date", help="order (default: date)")
    posts.set_defaults(func=run_posts)


def run_posts(args: argparse.Namespace) -> int:
    status_filter = {"status": args.status} if args.status else {}
    with blog_for_reading(args) as blog:
        rows = find_posts(blog, args.search or "", sort=args.sort, filters=status_filter)
        print_rows(rows, args.json)
    return 0


def print_rows(rows: list[PostRow], as_json: bool) -> None:
    """Posts as a table (or a JSON array): `reeltui posts` and `reeltui search`."""
    if as_json:
        print_json([post_json(r, body=False) for r in rows])  # word counts read bodies
        return
    table = Table(box=None, header_style="bold")
    for name in ("date", "title", "author", "status", "rating", "comments", "slug"):
        table.add_column(name, overflow="fold" if name == "title" else "ellipsis")
    for row in rows:
        post = row.post
        table.add_row(
            post.date[:10],
            Text(sanitize_line(post.title)),
            Text(sanitize_line(post.author)),
            " ".join([post.status, *post_marks(post)]),
            format_reels(post.rating),
            str(row.comment_count),
            post.slug,
        )
    print_clean(console(wide_when_piped=True), table)
