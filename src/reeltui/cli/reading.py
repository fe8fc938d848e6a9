"""`reeltui posts` and `reeltui show SLUG`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import blog_for_reading, print_json
from reeltui.config import SORTS
from reeltui.domain.models import POST_STATUSES

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from reeltui.domain.models import Comment, Post
    from reeltui.services import Blog, PostRow


def register(sub: Any) -> None:
    posts = sub.add_parser("posts", help="list posts")
    posts.add_argument("--json", action="store_true", help="print a JSON array")
    posts.add_argument("--status", choices=POST_STATUSES, help="only posts with this status")
    posts.add_argument("--search", metavar="Q", help="only posts containing this text")
    posts.add_argument("--sort", choices=SORTS, default="date", help="order (default: date)")
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
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 160)  # piped: do not squeeze titles
    print_posts(console, rows)
    return 0


COLUMNS = ("date", "title", "author", "status", "rating", "comments", "slug")
SHORTEST = {"title": 12, "author": 8}  # what is left of them before the table gives up


def print_posts(console: Any, rows: list[PostRow]) -> None:
    """The posts as a table; slugs are never cut (`show` and `edit` need them whole): the
    title, then the author, are shortened instead. When even that does not fit (a long slug
    in a narrow terminal), each post takes two lines: its slug whole, then the rest, title
    last (shortened)."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    cells = [_cells(row) for row in rows]
    widths = [max([cell_len(n), *(cell_len(c[i]) for c in cells)]) for i, n in enumerate(COLUMNS)]
    spare = console.width - 2 * len(COLUMNS) - sum(widths)  # a cell of padding a side
    for name, shortest in SHORTEST.items():
        at = COLUMNS.index(name)
        cut = min(max(0, -spare), max(0, widths[at] - shortest))
        widths[at] -= cut
        spare += cut
    if spare >= 0:
        table = Table(box=None, header_style="bold")
        for name, size in zip(COLUMNS, widths, strict=True):
            table.add_column(name, width=size, no_wrap=True, overflow="ellipsis")
        for row in cells:
            table.add_row(*(Text(c) for c in row))
        console.print(table)
        return
    for date, title, author, status, rating, comments, slug in cells:
        console.print(Text(slug, style="bold"), soft_wrap=True)  # one line, however long
        facts = [date, author, status, rating.strip(), f"{comments} comments", title]
        line = Text("  " + " · ".join(f for f in facts if f))  # the title shortened last
        line.truncate(console.width, overflow="ellipsis")
        console.print(line)


def _cells(row: PostRow) -> list[str]:
    from reeltui.domain.rating import format_reels
    from reeltui.domain.sanitize import sanitize_line

    post = row.post
    return [
        post.date[:10],
        sanitize_line(post.title),
        sanitize_line(post.author),
        post.status,
        format_reels(post.rating),
        str(row.comment_count),
        post.slug,
    ]


def _find(blog: Blog, slug: str) -> Post:
    return blog.post_by_slug(slug)


def run_show(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.text import Text

    from reeltui.domain.rating import format_reels
    from reeltui.domain.sanitize import display_depth, sanitize, sanitize_line
    from reeltui.services import PostRow

    with blog_for_reading(args) as blog:
        post = _find(blog, args.slug)
        thread = blog.thread(post.id)
        row = PostRow(post, len(thread), blog.word_count(post))
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
