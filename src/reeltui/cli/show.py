"""`reeltui show SLUG`: one post and its comment thread, as text or JSON.

Text: the post's facts, its body (Markdown), then each comment under the one it answers,
indented, wrapped lines keeping the indentation, with its id (what `reply` and `moderate`
take) and marks for what is not an approved reader's comment: [pending], [spam], [draft
reply], [queued], [failed: why]... A comment is shown up to MAX_SHOWN characters and a body
up to MAX_BODY, with a note where it was cut (`--json` prints everything).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import blog_for_reading, print_json
from reeltui.domain.plural import count
from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import cut_for_display, cut_note, display_depth, sanitize
from reeltui.domain.sanitize import sanitize_line as line
from reeltui.domain.titles import post_marks
from reeltui.domain.vocab import SyncState

if TYPE_CHECKING:  # rich and the store load when the command runs: --help stays light
    from rich.console import RenderableType

    from reeltui.domain.models import Comment, Post
    from reeltui.services import Blog

MAX_BODY = 100_000  # characters of a post body rendered as Markdown (more: plain, then cut)
MAX_PLAIN_BODY = 400_000
SYNC_MARKS: dict[SyncState, str] = {
    "local": "draft reply",
    "queued": "queued",
    "sent": "sent",
    "failed": "failed",
}


def register(sub: Any) -> None:
    show = sub.add_parser("show", help="show one post and its comments")
    show.add_argument("slug", help="the post's slug (see `reeltui posts`)")
    show.add_argument("--json", action="store_true", help="print a JSON object (docs/cli-json.md)")
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    from reeltui.cli.json_out import comment_json, post_json
    from reeltui.cli.printing import console, print_clean
    from reeltui.domain.readers import count_label
    from reeltui.services import PostRow
    from reeltui.services.people import thread_counts

    with blog_for_reading(args) as blog, _in_one_line():
        post = post_by_slug(blog, args.slug)
        thread = blog.thread(post.id)
        readers, pending = thread_counts(blog, thread)  # as the post list counts them
        row = PostRow(post, readers, blog.word_count(post), pending)
    if args.json:
        data = post_json(row, body=True)
        data["comments"] = [comment_json(c, depth) for c, depth in thread]
        print_json(data)
        return 0
    heading = f"{count_label(readers, pending)} · {len(thread)} in the thread"
    print_clean(console(), *post_text(post), *thread_text(thread, post.author, heading))
    return 0


@contextmanager
def _in_one_line() -> Iterator[None]:
    """A post that cannot be read is one line: why, then what to do (not a hint line)."""
    from reeltui.store import StoreError

    try:
        yield
    except StoreError as exc:
        if not exc.hint:
            raise
        raise StoreError(f"{exc}; {exc.hint}") from exc


def post_by_slug(blog: Blog, slug: str, find: Callable[[str], Post] | None = None) -> Post:
    """The post of `slug` (as `find` finds it: `Blog.post_by_slug` by default); one not
    listed because of the posts index (its row refused, its index file missing:
    services/unlisted.py) is an error saying so, in one line. `show`, `reply`, `edit` and
    `answers` agree: a post the list does not show is neither shown nor written to."""
    from reeltui.services.unlisted import unlisted_by_slug
    from reeltui.store import NotFound

    try:
        return (find or blog.post_by_slug)(slug)
    except NotFound:
        left = unlisted_by_slug(blog.store, blog.rowset.summaries, slug)
        if left is None:
            raise
    from reeltui.cli.common import said_already

    said_already(*left.refusals)
    raise NotFound(
        f"post {slug!r} is not listed ({left.first}: {left.why}); run `reeltui check --repair` "
        "to write the posts index again from the posts' files"
    )


def post_text(post: Post) -> list[RenderableType]:
    from rich.markdown import Markdown
    from rich.text import Text

    from reeltui.formats.display import readable

    facts = [line(post.author), post.date[:10], post.status, *post_marks(post)]
    facts.append(", ".join(map(line, post.categories)))
    if post.rating is not None:
        facts.append(format_reels(post.rating) + " reels")
    shown: list[RenderableType] = [
        Text(line(post.title), style="bold"),
        Text(" · ".join(f for f in facts if f), style="dim"),
    ]
    film = post.film
    if not film.is_empty():
        about = line(film.title) + (f" ({film.year})" if film.year else "")
        if film.director:
            about += f", directed by {line(film.director)}"
        if film.cast:
            about += f"; with {', '.join(map(line, film.cast))}"
        shown.append(Text(f"Film: {about.lstrip(', ')}", style="dim"))
    if post.tags:
        shown.append(Text(f"Tags: {', '.join(map(line, post.tags))}", style="dim"))
    shown.append(Text())
    body, left_out = cut_for_display(post.body, MAX_PLAIN_BODY)
    if len(body) <= MAX_BODY:
        shown.append(Markdown(sanitize(readable(body))))  # HTML kept from the site, readable
    else:  # Markdown costs ~14 µs a character: a huge body is shown as its plain text
        shown.append(Text(sanitize(body)))
    if left_out:
        shown.append(Text(cut_note(left_out) + " (reeltui show --json prints it all)", "dim"))
    return shown


def marks(comment: Comment, post_author: str) -> list[str]:
    found: list[str] = []
    if comment.status != "approved":
        found.append(comment.status)
    if comment.kind != "comment":
        found.append(comment.kind)
    if comment.origin == "local" and comment.sync_state:
        mark = SYNC_MARKS.get(comment.sync_state, comment.sync_state)
        if comment.sync_state == "failed" and comment.sync_error:
            mark += f": {line(comment.sync_error)[:80]}"
        found.append(mark)
    return found


def thread_text(
    thread: list[tuple[Comment, int]], post_author: str, heading: str = ""
) -> list[RenderableType]:
    """The thread, each comment under the one it answers; `heading` above it (by default
    how many comments it holds)."""
    from rich.padding import Padding
    from rich.text import Text

    if not thread:
        return []
    heading = heading or count(len(thread), "comment")
    shown: list[RenderableType] = [Text(), Text(heading, style="bold")]
    for comment, depth in thread:
        indent = 2 * (display_depth(depth) - 1)
        head = Text(line(comment.author) or "anonymous", style="bold")
        if post_author and comment.author == post_author:
            head.append(" (author)", "italic")
        head.append(f" · {comment.date[:16].replace('T', ' ')} · {comment.id}", "dim")
        for mark in marks(comment, post_author):
            head.append(f" [{mark}]", "bold")
        body, left_out = cut_for_display(comment.body)
        text = Text(sanitize(body).strip() or "(empty)")
        if left_out:
            text.append("\n" + cut_note(left_out), "dim")
        shown.append(Padding(head, (0, 0, 0, indent)))
        shown.append(Padding(text, (0, 0, 0, indent + 2)))
    return shown
