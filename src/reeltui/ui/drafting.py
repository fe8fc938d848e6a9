"""Drafts the app writes for the blogger: a monthly recap and a question post's readers'
answers. Each asks what it needs (month, Movie of the Month, which post) in a picker and
opens the editor on a new draft: nothing is saved until the writer saves it."""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import answers, recap
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.screens.editor import EditorScreen

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp

LATER = "later:"


def recap_flow(app: ReelApp, month: str | None = None, movie: str | None = None) -> None:
    """Pick a month (unless given), then the Movie of the Month, then edit the draft."""
    blog = app.blog
    if month is None:
        months = recap.months_to_recap(blog)
        if not months:
            app.notify(
                "nothing to recap: no published post (but recaps) and no diary viewing",
                severity="warning",
            )
            return
        choices = [(m, f"{calendar.month_name[int(m[5:])]} {m[:4]}") for m in months]
        app.push_screen(
            PickScreen("Recap of which month?", choices),
            lambda chosen: recap_flow(app, chosen, movie) if chosen else None,
        )
        return
    try:
        found = recap.month_of(blog, month)
    except ValueError as exc:
        app.notify(str(exc), severity="error")
        return
    candidates = found.candidates()
    if movie is not None or not candidates:
        _edit_recap(app, found, movie)
        return
    choices = [(c.key, sanitize_line(c.label())) for c in candidates]
    choices.append((LATER, "None yet: I will choose later"))
    app.push_screen(
        PickScreen(f"Movie of the Month, {found.name} {month[:4]} (best rated first)", choices),
        lambda key: _edit_recap(app, found, key) if key else None,
    )


def _edit_recap(app: ReelApp, found: recap.Month, movie: str | None) -> None:
    post = recap.draft(app.blog, found, movie, author=recap.default_author(app.blog))
    app.push_screen(EditorScreen(app.blog, draft=post))  # the views hear of a save
    app.notify(f"Recap of {found.name} {found.month[:4]} drafted: nothing is saved until you save")


def answers_flow(app: ReelApp, post_id: str | None = None) -> None:
    """The readers' answers to a question post (the open one if it asks, else pick one)."""
    blog = app.blog
    main = app.main_screen
    if post_id is None and main is not None and main.current_post is not None:
        current = next((p for p in blog.posts() if p.id == main.current_post), None)
        if current is not None and answers.is_question(current):
            post_id = current.id
    if post_id is None:
        posts = answers.question_posts(blog)
        if not posts:
            app.notify("no post asks readers a question (a title ending in ?)")
            return
        choices = [(p.id, f"{p.date[:10]}  {sanitize_line(p.title)}") for p in posts]
        app.push_screen(
            PickScreen("Readers' answers to which question?", choices),
            lambda chosen: answers_flow(app, chosen) if chosen else None,
        )
        return
    try:
        found = answers.readers_answers(blog, post_id)
    except answers.NotAQuestion as exc:
        app.notify(str(exc), severity="warning")
        return
    if not found.answers:
        app.notify("no reader has answered this post yet", severity="warning")
        return
    app.push_screen(EditorScreen(blog, draft=answers.draft(found)))  # views hear of a save
    app.notify(f"{count(len(found.answers), 'answer')} gathered: nothing is saved until you save")
