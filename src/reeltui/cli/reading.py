"""`reeltui posts` and `reeltui show SLUG`."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from reeltui.cli.common import blog_for_reading, print_json
from reeltui.domain.models import POST_STATUSES, Comment, Post
from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import display_depth, sanitize, sanitize_line
from reeltui.services import Blog, PostRow
from reeltui.services.blog import SORT_KEYS


def register(sub: Any) -> None:
    posts = sub.add_parser("posts", help="list posts")
    posts.add_argument("--json", action="store_true", help="print a JSON array")
    posts.add_argument("--status", choices=POST_STATUSES, help="only posts with this status")
    posts.add_argument("--search", metavar="Q", help="only posts containing this text")
    posts.add_argument("--sort", choices=SORT_KEYS, default="date", help="order (default: date)")
    posts.set_defaults(func=run_posts)
    show = sub.add_parser("show", help="show one post and its comments")
    show.add_argument("slug", help="the post's slug (see `reeltui posts`)")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(func=run_show)


def row_json(row: PostRow) -> dict[str, Any]:
    post = row.post
    return {
        "id": post.id,
        "slug": post.slug,
        "title": post.title,
        "author": post.author,
        "date": post.date,
        "status": post.status,
        "categories": post.categories,
        "tags": post.tags,
        "rating": post.rating,
        "comment_count": row.comment_count,
        "word_count": row.word_count,
    }


def comment_json(comment: Comment, depth: int) -> dict[str, Any]:
    return {
        "id": comment.id,
        "parent": comment.parent_id,
        "author": comment.author,
        "date": comment.date,
        "body": comment.body,
        "status": comment.status,
        "kind": comment.kind,
        "depth": depth,
    }


def run_posts(args: argparse.Namespace) -> int:
    with blog_for_reading(args) as blog:
        rows = blog.rows(status=args.status, search=args.search, sort=args.sort)
    if args.json:
        print_json([row_json(r) for r in rows])
        return 0
    table = Table(box=None, header_style="bold")
    for name in ("date", "title", "author", "status", "rating", "comments", "slug"):
        table.add_column(name, overflow="fold" if name == "title" else "ellipsis")
    for row in rows:
        post = row.post
        table.add_row(
            post.date[:10],
            Text(sanitize_line(post.title)),
            Text(sanitize_line(post.author)),
            post.status,
            format_reels(post.rating),
            str(row.comment_count),
            post.slug,
        )
    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 160)  # piped: do not squeeze titles
    console.print(table)
    return 0


def _find(blog: Blog, slug: str) -> Post:
    return blog.post_by_slug(slug)


def run_show(args: argparse.Namespace) -> int:
    with blog_for_reading(args) as blog:
        post = _find(blog, args.slug)
        thread = blog.thread(post.id)
        row = PostRow(blog.summary(post.id))
    if args.json:
        data = row_json(row)
        data["body"] = post.body
        data["comments"] = [comment_json(c, depth) for c, depth in thread]
        print_json(data)
        return 0
    console = Console()
    console.print(Text(sanitize_line(post.title), style="bold"))
    facts = [post.author, post.date[:10], post.status, ", ".join(post.categories)]
    if post.rating is not None:
        facts.append(format_reels(post.rating) + " reels")
    console.print(Text(" · ".join(f for f in facts if f), style="dim"))
    console.print()
    console.print(Markdown(sanitize(post.body)))
    if thread:
        console.print()
        console.print(Text(f"{len(thread)} comments", style="bold"))
        for comment, depth in thread:
            indent = "  " * (display_depth(depth) - 1)
            head = f"{indent}{sanitize_line(comment.author)} · {comment.date[:16]}"
            if comment.status != "approved":
                head += f" [{comment.status}]"
            console.print(Text(head, style="bold"))
            for line in sanitize(comment.body).splitlines():
                console.print(Text(f"{indent}  {line}"))
    return 0
