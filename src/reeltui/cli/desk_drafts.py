"""`reeltui recap MONTH` and `reeltui answers SLUG`: drafts opened in the editor (or printed)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import CliError, with_people
from reeltui.domain.models import Post
from reeltui.domain.query_eval import name_words

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from reeltui.services.recap import Month


def register(sub: Any) -> None:
    rec = sub.add_parser(
        "recap",
        help="draft the monthly recap post of MONTH (e.g. 2013-11) in the editor",
        description="Drafts a recap in the blog's own form: the month's reviews with their "
        "rating and link, its other posts, the most commented one, and a Movie of the Month "
        "picked from the month's films (best rated first). Nothing is saved or published.",
    )
    rec.add_argument("month", help="the month, as 2013-11")
    rec.add_argument("--movie", metavar="TITLE", help="the Movie of the Month (else you pick)")
    rec.add_argument("--print", action="store_true", help="print the draft instead (Markdown)")
    rec.set_defaults(func=run_recap)
    ans = sub.add_parser(
        "answers",
        help="draft a post gathering the readers' answers to a question post",
    )
    ans.add_argument("slug", help="the question post's slug (see `reeltui posts`)")
    ans.add_argument("--print", action="store_true", help="print the draft instead (Markdown)")
    ans.set_defaults(func=run_answers)


def print_draft(post: Post) -> int:
    sys.stdout.write(f"# {post.title}\n\n{post.body}")
    sys.stdout.flush()
    return 0


def _movie(found: Month, wanted: str | None) -> str | None:
    if wanted is None:
        return None
    for candidate in found.candidates():
        if name_words(candidate.title) == name_words(wanted) or (
            candidate.post is not None and candidate.post.slug == wanted
        ):
            return candidate.key
    titles = ", ".join(c.title for c in found.candidates()) or "none"
    raise CliError(f"{wanted!r} is not one of {found.month}'s films ({titles})")


def run_recap(args: argparse.Namespace) -> int:
    from reeltui.cli.tui import run_app
    from reeltui.services import recap
    from reeltui.services.session import open_blog
    from reeltui.ui.app import make_app  # imported late: the CLI commands stay light
    from reeltui.ui.drafting import recap_flow

    with with_people(
        open_blog(args.store, read_only=args.read_only, fallback_read_only=True)
    ) as blog:
        found = recap.month_of(blog, args.month)  # ValueError: one line, exit 2
        movie = _movie(found, args.movie)
        if args.print:
            return print_draft(recap.draft(blog, found, movie, recap.default_author(blog)))
        app = make_app(blog)
        app.call_later(recap_flow, app, found.month, movie)
        return run_app(app)


def run_answers(args: argparse.Namespace) -> int:
    from reeltui.cli.tui import run_app
    from reeltui.services import answers
    from reeltui.services.session import open_blog
    from reeltui.ui.app import make_app
    from reeltui.ui.drafting import answers_flow

    with with_people(
        open_blog(args.store, read_only=args.read_only, fallback_read_only=True)
    ) as blog:
        from reeltui.cli.show import post_by_slug

        post = post_by_slug(blog, args.slug)
        found = answers.readers_answers(blog, post.id)
        if not found.answers:
            raise CliError(f"no reader has answered {args.slug!r} yet")
        if args.print:
            return print_draft(answers.draft(found))
        app = make_app(blog)
        app.call_later(answers_flow, app, post.id)
        return run_app(app)
