"""Templates for new posts: review, guest post, question post, recap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reeltui.domain.models import Film, Post
from reeltui.errors import InputError


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    label: str
    categories: tuple[str, ...]
    body: str
    film: bool = False


REVIEW_BODY = """\
## The film

What is it about, in two or three sentences (no spoilers)?

## What works

## What doesn't

## The verdict

"""

GUEST_BODY = """\
*Please welcome our guest writer{author_note}.*

## Introduction

## The films

## Final thoughts

"""

QUESTION_BODY = """\
This week's question:

> Ask it here in one sentence.

Why it matters, in a short paragraph.

**What do you think? Let me know in the comments!**
"""

RECAP_BODY = """\
## New to me

## Rewatches

## Movie of the month

"""

TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template("review", "Film review", ("Review",), REVIEW_BODY, film=True),
        Template("guest", "Guest post", ("Guest Post",), GUEST_BODY),
        Template("question", "Question post", ("Question",), QUESTION_BODY),
        Template("recap", "Monthly recap", ("Recap",), RECAP_BODY),
        Template("blank", "Blank post", (), ""),
    )
}


def new_post_id() -> str:
    import uuid  # here: importing the templates (for `reeltui --help`) stays light

    return f"p-{uuid.uuid4().hex[:12]}"


def post_from_template(
    name: str,
    *,
    title: str = "",
    author: str = "",
    film_title: str = "",
    new_id: Callable[[], str] = new_post_id,
) -> Post:
    """A fresh draft (not saved anywhere) from the template `name`."""
    try:
        template = TEMPLATES[name]
    except KeyError:
        raise InputError(
            f"unknown template {name!r}; choose one of {', '.join(TEMPLATES)}"
        ) from None
    film = Film()
    if template.film:
        film = Film(title=film_title or title)
    body = template.body.replace("{author_note}", f", {author}" if author else "")
    return Post(
        id=new_id(),
        slug="",
        title=title,
        author=author,
        status="draft",
        categories=list(template.categories),
        body=body,
        film=film,
    )
