"""`reeltui posts`: the list of posts, as a table or JSON (`show` is in show.py)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import blog_for_reading, writer
from reeltui.domain.models import POST_STATUSES, member
from reeltui.domain.vocab import SORT_KEYS

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from rich.console import Console

    from reeltui.services import Blog, PostRow
    from reeltui.services.unlisted import Unlisted


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
    from reeltui.domain.memory import paused_gc

    sort = member(SORT_KEYS, args.sort, "sort")
    with paused_gc(), blog_for_reading(args) as blog:  # no cycles made: no collection passes
        if args.json and not args.search:  # every row printed once: no row objects
            from reeltui.cli.posts_json import write_posts

            printed = write_posts(blog, args.status, sort)
            if printed is not None:
                if printed[0]:
                    _warn_damaged(printed[1], printed[0])
                say_unlisted(printed[2])
                return 0
        from reeltui.services.query import find_posts

        status_filter = {"status": args.status} if args.status else {}
        rows = find_posts(
            blog,
            args.search or "",
            sort=sort,
            filters=status_filter,
            writer=writer(blog),
        )
        none = "no posts match" if args.search or args.status else "the store has no posts"
        print_rows(rows, args.json, none, blog)
        from reeltui.services.unlisted import unlisted_of

        say_unlisted(unlisted_of(blog))
    return 0


def say_unlisted(left: Unlisted | None) -> None:
    """One line on stderr when the index leaves posts out of the list (the gate's refusals
    of their rows said here are not said again among the damage skipped)."""
    if left is None:
        return
    from reeltui.cli.common import said_already
    from reeltui.domain.sanitize import sanitize_line

    said_already(*left.refusals)
    sys.stdout.flush()
    sys.stderr.write(sanitize_line(f"reeltui: warning: {left.warning()}") + "\n")


def print_rows(
    rows: list[PostRow],
    as_json: bool,
    none: str = "no posts match",
    blog: Blog | None = None,
) -> None:
    """Posts as a table (or a JSON array): `reeltui posts` and `reeltui search`; `none`
    is said instead of an empty table. A post whose file cannot be read (`blog` given:
    `services.damage`) is listed with the mark "damaged" (JSON: `damaged`, the reason,
    else null) and counted in a warning on stderr. (`posts --json` prints the same bytes
    from the stored rows: cli/posts_json.py.)"""
    damaged: dict[str, str] = {}
    if blog is not None:
        from reeltui.services.damage import damaged_posts

        damaged = damaged_posts(blog, (r.post.id for r in rows))
    if as_json:
        from reeltui.cli.json_out import post_json
        from reeltui.cli.jsonwrite import write_json_array

        found = (post_json(r, body=False) for r in rows)
        write_json_array({**item, "damaged": damaged.get(item["id"])} for item in found)
    elif not rows:
        sys.stdout.write(none + "\n")
    else:
        from reeltui.cli.printing import console

        out = console()
        print_posts(out, rows, set(damaged), whole=not out.is_terminal)
    if damaged:
        first = next(r.post for r in rows if r.post.id in damaged)
        _warn_damaged(first.slug, damaged)


def _warn_damaged(first_slug: str, damaged: dict[str, str]) -> None:
    """One line on stderr: how many listed posts are damaged, the first (by its slug) and
    why (`damaged`: post id -> why, in the list's order)."""
    from reeltui.domain.plural import count
    from reeltui.domain.sanitize import sanitize_line
    from reeltui.domain.titles import safe_slug

    why = f"{safe_slug(first_slug)}: {next(iter(damaged.values()))}"
    if len(damaged) == 1:
        said = f"1 post is listed as damaged, its file cannot be read ({why})"
    else:
        said = (
            f"{count(len(damaged), 'post')} are listed as damaged, their file cannot be read "
            f"(the first, {why})"
        )
    from reeltui.services.unlisted import MEND

    sys.stdout.flush()
    sys.stderr.write(sanitize_line(f"reeltui: warning: {said}; {MEND}") + "\n")


COLUMNS = ("date", "title", "author", "status", "rating", "comments", "slug")
SHORTEST = {"title": 12, "author": 8}  # what is left of them before the table gives up


def print_posts(
    out: Console, rows: list[PostRow], damaged: set[str] | None = None, whole: bool = False
) -> None:
    """The posts as a table; slugs are never cut (`show` and `edit` need them whole): the
    title, then the author, are shortened instead. When even that does not fit (a long slug
    in a narrow terminal), each post takes two lines: its slug whole, then the rest, title
    last (shortened). `whole` (standard output is no terminal: a pipe to grep or less, a
    file): one line a post, nothing cut, each column as wide as its longest cell."""
    from rich.cells import cell_len
    from rich.text import Text

    cells = [_cells(row, damaged or set()) for row in rows]
    widths = [max([cell_len(n), *(cell_len(c[i]) for c in cells)]) for i, n in enumerate(COLUMNS)]
    spare = 0 if whole else out.width - 2 * len(COLUMNS) - sum(widths)  # a cell a side
    for name, shortest in SHORTEST.items():
        at = COLUMNS.index(name)
        cut = min(max(0, -spare), max(0, widths[at] - shortest))
        widths[at] -= cut
        spare += cut
    if spare >= 0:
        from reeltui.cli.printing import print_table
        from reeltui.cli.tables import Column

        print_table(
            [Column(n, width=w) for n, w in zip(COLUMNS, widths, strict=True)], cells, widths
        )
        return
    from reeltui.domain.plural import count as plural_count

    with out.capture() as captured:
        for date, title, author, status, rating, comments, slug in cells:
            out.print(Text(slug, style="bold"), soft_wrap=True)  # one line, however long
            number, _, pending = comments.partition(" ")  # "3 +1 pending"
            said = " ".join([plural_count(int(number), "comment"), pending]).strip()
            facts = {"date": date, "author": author, "status": status}
            facts |= {"rating": rating.strip(), "comments": said}
            line = Text("  " + " · ".join(_facts_fitted(facts, title, out.width - 2)))
            line.truncate(out.width, overflow="ellipsis")  # the title shortened, last
            out.print(line)
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in captured.get().splitlines()))
    sys.stdout.flush()


TITLE_LEAST = 20  # cells of the title the two-line form keeps before the other facts
DROPPED = ("rating", "comments", "author", "date", "status")  # left out first (a mark last)


def _facts_fitted(facts: dict[str, str], title: str, room: int) -> list[str]:
    """A post's second line in `room` cells: its facts, then its title. The facts are left
    out (`DROPPED`'s order) until the title has `TITLE_LEAST` cells (or its whole length):
    at 60 columns the title was cut to an ellipsis."""
    from rich.cells import cell_len

    least = min(cell_len(title), TITLE_LEAST)
    kept = {name: fact for name, fact in facts.items() if fact}
    for name in DROPPED:
        if sum(cell_len(f) + 3 for f in kept.values()) + least <= room:  # each with " · "
            break
        kept.pop(name, None)
    return [*kept.values(), title]


def _cells(row: PostRow, damaged: set[str]) -> list[str]:
    from reeltui.domain.rating import format_reels
    from reeltui.domain.readers import count_label
    from reeltui.domain.sanitize import drop_invisible, sanitize_line
    from reeltui.domain.titles import post_marks, safe_slug

    post = row.post
    title, author = sanitize_line(post.title), sanitize_line(post.author)
    if not (title.isprintable() and author.isprintable()):  # (measured as a terminal shows
        title, author = drop_invisible(title), drop_invisible(author)  # them: zero-width)
    return [
        post.date[:10],
        title,
        author,
        " ".join([post.status, *post_marks(post), *(["damaged"] if post.id in damaged else [])]),
        format_reels(post.rating),
        count_label(row.comment_count, row.pending_count, word=False),  # readers' comments
        safe_slug(post.slug),  # as `show` and `edit` find it (a store may hold a raw one)
    ]
