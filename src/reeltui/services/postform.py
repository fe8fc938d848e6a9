"""The editor's metadata form as typed text, checked field by field.

`build()` turns the form into a Post. A field with an invalid value (a bad date, a rating of 7,
a slug already taken) gets a message and keeps its last good value: it alone is not saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from reeltui.domain.dates import display_date
from reeltui.domain.models import POST_STATUSES, DomainError, Film, Post
from reeltui.domain.patterns import lazy
from reeltui.domain.rating import parse_rating, validate_rating
from reeltui.domain.text import slug_from_wire, slugify, unique_slug
from reeltui.domain.titles import safe_slug

EDITABLE_STATUSES = tuple(s for s in POST_STATUSES if s != "trash")
FIELDS = (
    "title",
    "slug",
    "author",
    "status",
    "date",
    "categories",
    "tags",
    "excerpt",
    "rating",
    "film_title",
    "film_year",
    "film_director",
    "film_cast",
)


@dataclass(frozen=True, slots=True)
class Form:
    """Every metadata field as the user typed it."""

    title: str = ""
    slug: str = ""
    author: str = ""
    status: str = "draft"
    date: str = ""
    categories: str = ""
    tags: str = ""
    excerpt: str = ""
    rating: str = ""
    film_title: str = ""
    film_year: str = ""
    film_director: str = ""
    film_cast: str = ""

    def replace(self, **changes: str) -> Form:
        return dataclasses.replace(self, **changes)


def split_list(text: str) -> list[str]:
    """ "a, b ,, c" -> ["a", "b", "c"] (order kept, duplicates dropped)."""
    seen: dict[str, None] = {}
    for item in text.split(","):
        item = " ".join(item.split())
        if item and item.casefold() not in (s.casefold() for s in seen):
            seen[item] = None
    return list(seen)


SITE_KEYS = ("wp", "wxr", "wxr_guid")  # post.source: the post is (or was) on a site
_PLACEHOLDER = lazy(r"untitled(-\d+)?")


def placeholder_slug(post: Post) -> bool:
    """The post's slug only says it had no title when saved ("untitled", "untitled-2"), and
    no URL has it yet: never published, never synced nor imported from a site. Such a slug
    follows the first real title; any other is kept (a published post's slug is its URL)."""
    return (
        not post.title.strip()
        and _PLACEHOLDER.fullmatch(post.slug) is not None
        and post.status in ("draft", "pending")
        and not any(post.source.get(key) for key in SITE_KEYS)
    )


def form_of(post: Post) -> Form:
    return Form(
        title=post.title,
        slug="" if placeholder_slug(post) else safe_slug(post.slug),  # "": from the title
        author=post.author,
        status=post.status if post.status in EDITABLE_STATUSES else "draft",
        date=display_date(post.date),
        categories=", ".join(post.categories),
        tags=", ".join(post.tags),
        excerpt=post.excerpt,
        rating="" if post.rating is None else f"{post.rating:g}",
        film_title=post.film.title,
        film_year="" if post.film.year is None else str(post.film.year),
        film_director=post.film.director,
        film_cast=", ".join(post.film.cast),
    )


def parse_date(text: str) -> str:
    """ "2026-12-01" or "2026-12-01 18:30" (UTC unless an offset is given) -> ISO 8601."""
    text = text.strip()
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{text!r} is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat(timespec="seconds")


def parse_rating_field(text: str) -> float | None:
    """The rating field: a number ("4.5", "4,5", "4½") or what a review says ("4.5/5",
    "4.5 out of 5 reels", "★★★★½": the importer's parser); None when empty."""
    typed = text.strip()
    if not typed:
        return None
    plain = typed.replace(",", ".").replace("½", ".5")
    try:
        number = float("0" + plain if plain.startswith(".") else plain)
    except ValueError:
        found = parse_rating(typed)
        if found is None:
            raise DomainError(
                f"{typed!r} is not a rating: use 0 to 5 in half reels (4.5, 4½, 4.5/5)"
            ) from None
        number = found
    try:
        return validate_rating(number)
    except DomainError:
        raise DomainError(f"{typed} is not a rating: use 0 to 5 in half reels") from None


def parse_year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1870 <= int(text) <= 2200:
        raise DomainError(f"{text!r} is not a film year (1870 to 2200)")
    return int(text)


def derived_slug(title: str, taken: set[str]) -> str:
    return unique_slug(slugify(title), taken)


def build(
    base: Post, form: Form, body: str, *, taken_slugs: set[str], now: dt.datetime
) -> tuple[Post, dict[str, str]]:
    """The post the form describes, and a message per invalid field (which keeps its old value)."""
    errors: dict[str, str] = {}
    title = " ".join(form.title.split())
    typed = slug_from_wire(form.slug.strip())
    if title and typed == base.slug and placeholder_slug(base):
        typed = ""  # "untitled", as the form was filled: the first real title makes it
    slug = typed or derived_slug(title or "untitled", taken_slugs)
    if base.slug and safe_slug(slug) == safe_slug(base.slug):
        slug = safe_slug(slug)  # the post's own slug (the site's, emoji and all), made safe
    elif slugify(slug) != slug:  # letters of any script, digits, single hyphens (as WordPress)
        errors["slug"] = (
            f"{slug!r}: use lowercase letters, digits and single hyphens ({slugify(slug)!r}?)"
        )
        slug = base.slug
    elif slug in taken_slugs:
        errors["slug"] = f"{slug!r} is already used by another post"
        slug = base.slug
    status = form.status if form.status in EDITABLE_STATUSES else base.status
    if form.status not in EDITABLE_STATUSES:
        errors["status"] = f"unknown status {form.status!r}"
    date = base.date
    if form.date.strip():
        try:
            date = parse_date(form.date)
        except DomainError as exc:
            errors["date"] = str(exc)
        else:
            if status == "scheduled" and dt.datetime.fromisoformat(date) <= now:
                errors["date"] = "a scheduled post needs a date in the future"
                date = base.date
    elif status == "scheduled":
        errors["date"] = "a scheduled post needs a date"
    elif status == "published":
        date = now.isoformat(timespec="seconds")
    rating = base.rating
    try:
        rating = parse_rating_field(form.rating)
    except DomainError as exc:
        errors["rating"] = str(exc)
    year = base.film.year
    try:
        year = parse_year(form.film_year)
    except DomainError as exc:
        errors["film_year"] = str(exc)
    film = Film(
        title=form.film_title.strip(),
        year=year,
        director=form.film_director.strip(),
        cast=split_list(form.film_cast),
    )
    post = dataclasses.replace(
        base,
        title=title,
        slug=slug or base.slug,
        author=form.author.strip(),
        status=status,
        date=date,
        categories=split_list(form.categories),
        tags=split_list(form.tags),
        excerpt=form.excerpt.strip(),
        rating=rating,
        film=film,
        body=body,
    )
    return post, errors
