"""`reeltui search Q`, `reeltui stats [Q]`: the query language on the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import CliError, blog_for_reading, print_json, writer
from reeltui.domain.models import member
from reeltui.domain.vocab import SORT_KEYS

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from rich.console import Console

    from reeltui.services.comment_hit import CommentHit
    from reeltui.services.stats import Stats

BARS = " ▁▂▃▄▅▆▇█"


def register(sub: Any) -> None:
    search = sub.add_parser(
        "search",
        help="find posts (or comments: in:comments) with the query language",
        description='Words, "phrases", -word and fields: rating:>=4 tag:drama date:2013-11 '
        "comments:>10 is:unread in:comments ... (see README: Search). Quote the query for "
        "the shell: reeltui search 'rating:>=4 tag:drama'.",
    )
    search.add_argument("query", nargs="*", help="the search (several words are one query)")
    search.add_argument("--saved", metavar="NAME", help="run a saved search (settings file)")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.add_argument("--sort", choices=SORT_KEYS, default="date", help="posts' order")
    search.add_argument("--limit", type=int, default=200, help="comments shown (default 200)")
    search.set_defaults(func=run_search)
    stats = sub.add_parser("stats", help="the blog in figures (of the posts a search finds)")
    stats.add_argument("query", nargs="*", help="only the posts this search finds")
    stats.add_argument("--json", action="store_true", help="print a JSON object")
    stats.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="NAME",
        help="another name the blog's authors sign comments with (repeatable; the config "
        "file's `authors` count too)",
    )
    stats.set_defaults(func=run_stats)


def query_text(args: argparse.Namespace) -> str:
    from reeltui import saved_searches
    from reeltui.locations import config_file

    text = " ".join(args.query)
    if getattr(args, "saved", None):
        saved, _ = saved_searches.load(config_file())
        if args.saved not in saved:
            names = ", ".join(sorted(saved)) or "none yet"
            raise CliError(f"no saved search named {args.saved!r} (saved: {names})")
        text = f"{saved[args.saved]} {text}".strip()
    return text


def run_search(args: argparse.Namespace) -> int:
    from reeltui.cli.reading import print_rows, say_unlisted
    from reeltui.services.query import as_query, find_comments, find_posts
    from reeltui.services.unlisted import unlisted_of

    query = as_query(query_text(args))
    if args.limit < 1:
        raise CliError("--limit must be 1 or more")
    with blog_for_reading(args) as blog:
        me = writer(blog)  # is:unread and has:new are the writer's, as in the app
        if query.scope == "comments":
            hits = find_comments(blog, query, limit=args.limit, writer=me)
        else:
            found = find_posts(blog, query, sort=member(SORT_KEYS, args.sort, "sort"), writer=me)
            print_rows(found, args.json, blog=blog)
            say_unlisted(unlisted_of(blog))
            return 0
    if args.json:
        print_json([hit_json(h) for h in hits])
    elif not hits:
        print("no comments match")
    else:
        _print_hits(hits)
    return 0


HIT_COLUMNS = ("date", "author", "post", "matched")


def _print_hits(hits: list[CommentHit]) -> None:
    """The comments found as a table; piped (standard output no terminal), one line a
    comment, nothing cut, each column as wide as its longest cell (as `posts` does)."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from reeltui.cli.printing import console, print_clean, print_table
    from reeltui.cli.tables import Column
    from reeltui.domain.sanitize import sanitize_line

    out = console(wide_when_piped=True)
    cells = [
        [h.comment.date[:10], *map(sanitize_line, (h.comment.author, h.post.title, h.snippet))]
        for h in hits
    ]
    if not out.is_terminal:
        sizes = [max([len(n), *(cell_len(c[i]) for c in cells)]) for i, n in enumerate(HIT_COLUMNS)]
        print_table(
            [Column(n, width=w) for n, w in zip(HIT_COLUMNS, sizes, strict=True)], cells, sizes
        )
        return
    table = Table(box=None, header_style="bold")
    for name in HIT_COLUMNS:
        table.add_column(name, overflow="fold" if name == "matched" else "ellipsis")
    for row in cells:
        table.add_row(*map(Text, row))
    print_clean(out, table)


def hit_json(hit: CommentHit) -> dict[str, Any]:
    comment = hit.comment
    return {
        "id": comment.id,
        "post": {"id": hit.post.id, "slug": hit.post.slug, "title": hit.post.title},
        "author": comment.author,
        "date": comment.date,
        "status": comment.status,
        "matched": list(hit.words),
        "snippet": hit.snippet,
        "body": comment.body,
    }


def spark(values: list[int]) -> str:
    top = max(values, default=0)
    if not top:
        return " " * len(values)
    return "".join(BARS[round(v / top * (len(BARS) - 1))] if v else " " for v in values)


def run_stats(args: argparse.Namespace) -> int:
    from rich.text import Text

    from reeltui.cli.printing import console
    from reeltui.config import load_settings
    from reeltui.domain.rating import format_reels
    from reeltui.services import stats as stats_service

    settings, _ = load_settings()  # a bad config file never stops a command
    names = [*settings.authors, *args.author]
    from reeltui.cli.common import unlisted_at_end
    from reeltui.services.unlisted import unlisted_of

    with blog_for_reading(args) as blog:
        found = stats_service.compute(
            blog, query_text(args), writer=writer(blog), extra_authors=names
        )
        unlisted_at_end(unlisted_of(blog))  # (the figures leave those posts out)
    if args.json:
        print_json(found.to_json())
        return 0
    out = console(wide_when_piped=True)
    headline = found.headline(repr(found.query))
    out.print(Text(f"{headline[0]}: {headline[1]}, {headline[2]}", style="bold"))
    out.print()
    out.print(Text("Ratings (published reviews per half reel)", style="bold"))
    top = max((n for _, n in found.ratings), default=0) or 1
    for rating, n in found.ratings:
        bar = "█" * round(n / top * 40)
        out.print(f"  {format_reels(rating, numeric=False)} {rating:>3g}  {bar} {n}")
    out.print()
    out.print(Text("Per month (Jan..Dec): reviews | comments", style="bold"))
    years: dict[str, list[tuple[int, int]]] = {}
    for month, reviews, comments in found.months:
        years.setdefault(month[:4], [(0, 0)] * 12)[int(month[5:]) - 1] = (reviews, comments)
    for year, months in years.items():
        posted = [r for r, _ in months]
        said = [c for _, c in months]
        out.print(f"  {year}  {spark(posted)} {sum(posted):>5} | {spark(said)} {sum(said):>6}")
    _tops(out, found)
    return 0


def _tops(out: Console, found: Stats) -> None:
    from rich.text import Text

    from reeltui.domain.sanitize import sanitize_line
    from reeltui.services.stats import duration

    out.print()
    out.print(Text("Most discussed", style="bold"))
    for post, n in found.discussed:
        out.print(Text(f"  {n:>5}  {post.date[:10]}  {sanitize_line(post.title)}"))
    out.print()
    out.print(Text("Top commenters", style="bold"))
    for name, n in found.commenters:
        out.print(Text(f"  {n:>5}  {sanitize_line(name)}"))
    r = found.replies
    out.print()
    out.print(Text("Your replies", style="bold"))
    out.print(f"  {r.answered} readers answered; median time to answer: {duration(r.median_hours)}")
    wait = duration(None if r.median_wait_days is None else r.median_wait_days * 24)
    oldest = duration(None if r.oldest_wait_days is None else r.oldest_wait_days * 24)
    out.print(f"  {r.waiting} waiting in the inbox; median age {wait}, oldest {oldest}")
    for label, n in r.ages:
        out.print(f"    {label:<12} {n}")
