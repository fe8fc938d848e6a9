"""`reeltui new` and `reeltui edit SLUG`: open the app straight in the editor."""

from __future__ import annotations

import argparse
from typing import Any

from reeltui.cli.common import prepare_store, signer
from reeltui.services.templates import TEMPLATES


def register(sub: Any) -> None:
    new = sub.add_parser("new", help="write a new post in the editor")
    new.add_argument(
        "--template", choices=list(TEMPLATES), default="review", help="skeleton (default: review)"
    )
    new.add_argument("--title", default="", help="the post's title")
    new.add_argument(
        "--author", default="", help="the post's author (default: your [identity] name)"
    )
    new.set_defaults(func=run_new)
    edit = sub.add_parser("edit", help="edit a post in the editor")
    edit.add_argument("slug", help="the post's slug (see `reeltui posts`)")
    edit.set_defaults(func=run_edit)


def _run(args: argparse.Namespace, post_id: str | None) -> int:
    from reeltui.cli.tui import need_terminal, run_app
    from reeltui.services.drafts import find_for_edit
    from reeltui.services.session import open_blog
    from reeltui.ui.app import make_app  # imported late: the CLI commands stay light
    from reeltui.ui.screens.editor import EditorScreen

    if post_id is None:  # (`edit` looks its slug up first: a wrong one said as such)
        need_terminal()  # before a store is made
    prepare_store(args, create=post_id is None)  # `new` may make the store, `edit` never
    with open_blog(
        args.store, read_only=args.read_only, fallback_read_only=True, create=False
    ) as blog:
        if post_id is None:
            author = args.author or signer(blog).name
            screen = lambda: EditorScreen(  # noqa: E731
                blog, template=args.template, title=args.title, author=author
            )
        else:
            from functools import partial

            from reeltui.cli.show import post_by_slug

            found = post_by_slug(blog, post_id, partial(find_for_edit, blog))
            screen = lambda: EditorScreen(blog, found.id)  # noqa: E731
        return run_app(make_app(blog, initial_screen=screen, only_initial=True))


def run_new(args: argparse.Namespace) -> int:
    return _run(args, None)


def run_edit(args: argparse.Namespace) -> int:
    return _run(args, args.slug)
