"""The film diary as the UI and the CLI see it: entries, search, links to the blog's reviews,
and a review turned into a draft post.

Diary entries live in their own table; every access to it goes through `store.diary`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace

from reeltui.domain.diary import DiaryEntry, parse_month, title_key
from reeltui.domain.listing import Listed, PostSummary
from reeltui.domain.models import Film, Post
from reeltui.domain.rating import format_reels
from reeltui.domain.text import slugify, unique_slug
from reeltui.services.blog import Blog
from reeltui.services.drafts import EditSession
from reeltui.services.templates import post_from_template
from reeltui.store import diary as diary_records

SOURCE_KEY = "letterboxd"  # post.source[SOURCE_KEY]: the diary entry a draft was made from


@dataclass(frozen=True, slots=True)
class Link:
    """The blog's posts about an entry's film: `exact` share title and year; `maybe` share
    the title while one side has no year. One exact match is a link; anything else is
    shown as it is, never guessed."""

    exact: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()

    @property
    def post_id(self) -> str | None:
        return self.exact[0] if len(self.exact) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.exact) > 1 or (not self.exact and bool(self.maybe))

    @property
    def candidates(self) -> tuple[str, ...]:
        return self.exact or self.maybe


def entries(blog: Blog) -> list[DiaryEntry]:
    """Every entry, newest viewing first; films marked watched without a date last."""
    found = diary_records.all_entries(blog.store)
    found.sort(key=lambda e: (e.watched, e.logged, e.title.casefold()), reverse=True)
    dated = [e for e in found if e.watched]
    return dated + sorted((e for e in found if not e.watched), key=lambda e: e.title.casefold())


def count(blog: Blog) -> int:
    return diary_records.count(blog.store)


def fold(text: str) -> str:
    """Text for matching: case and accents ignored ("Amélie" matches "amelie")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def entry_text(entry: DiaryEntry) -> str:
    """What a search looks in: title, year, date, tags, directors, review."""
    parts = [entry.title, str(entry.year or ""), entry.watched, entry.directors, entry.review]
    return fold(" ".join([*parts, *entry.tags]))


def search(found: list[DiaryEntry], query: str) -> list[DiaryEntry]:
    """The entries holding every word of `query` (case and accents ignored), in order."""
    words = fold(query).split()
    if not words:
        return list(found)
    return [e for e in found if all(w in entry_text(e) for w in words)]


def film_of(post: Listed) -> tuple[str, int | None]:
    """The film a post is about: its film facts, else its title."""
    return (title_key(post.film.title or post.title), post.film.year)


def reviews(blog: Blog) -> list[PostSummary]:
    """Posts about a film (film facts filled in), trash left out (`blog.post` reads one
    whole)."""
    return [p for p in blog.posts() if p.status != "trash" and p.film.title.strip()]


def links(blog: Blog, found: list[DiaryEntry]) -> dict[str, Link]:
    """The link of each entry to the blog's posts about its film (entries with none left out)."""
    by_title: dict[str, list[PostSummary]] = {}
    for post in reviews(blog):
        by_title.setdefault(film_of(post)[0], []).append(post)
    result: dict[str, Link] = {}
    for entry in found:
        posts = by_title.get(title_key(entry.title), [])
        exact = tuple(p.id for p in posts if entry.year is not None and p.film.year == entry.year)
        maybe = tuple(p.id for p in posts if entry.year is None or p.film.year is None)
        if exact or maybe:
            result[entry.id] = Link(exact, maybe)
    return result


def draft_of(blog: Blog, entry: DiaryEntry) -> Post | None:
    """The draft already made from `entry`, if any."""
    for post in blog.posts():
        if post.source.get(SOURCE_KEY) == entry.id:
            return blog.post(post.id)
    return None


def review_body(entry: DiaryEntry) -> str:
    """The review template with the Letterboxd review as its verdict (Markdown)."""
    from reeltui.formats.html2md import html_to_markdown  # loaded only when a review is used

    body = post_from_template("review").body
    text = html_to_markdown(entry.review).strip() if entry.review.strip() else ""
    if not text:
        return body
    return body.replace("## The verdict\n", f"## The verdict\n\n{text}\n", 1)


@dataclass(frozen=True, slots=True)
class WriteUp:
    """What `w` on a diary entry leads to: the post to open (a draft made now or before, or
    the blog's review of the film), or the posts to choose from when several could be it."""

    post: Post | None = None
    made: bool = False  # a new draft was made from the entry
    choices: tuple[str, ...] = ()  # post ids: several could be the review (none opened)
    maybe: bool = False  # the choices share the title only (a year missing on one side)


def write_up(blog: Blog, entry: DiaryEntry, author: str = "", *, anyway: bool = False) -> WriteUp:
    """The entry written up: the draft made from it before, else the blog's post about its
    film (one exact match; several: `choices`), else a new draft review (film facts, rating,
    tags, its review as the verdict), signed by `author` and saved with a first revision.
    Never a second post about a film the blog has: a title-only match (`maybe`) is offered,
    and a new draft is made over it only when asked (`anyway`: another film of that name)."""
    existing = draft_of(blog, entry)
    if existing is not None:
        return WriteUp(existing)
    link = links(blog, [entry]).get(entry.id)
    if link is not None and link.post_id is not None:
        return WriteUp(blog.post(link.post_id))
    if link is not None and (link.exact or not anyway):
        return WriteUp(choices=link.candidates, maybe=not link.exact)
    return WriteUp(_new_draft(blog, entry, author), made=True)


def _new_draft(blog: Blog, entry: DiaryEntry, author: str) -> Post:
    post = post_from_template("review", title=entry.title, author=author)
    taken = {p.slug for p in blog.posts()}
    directors = entry.directors.split(",")[0].strip()
    post = replace(
        post,
        slug=unique_slug(slugify(entry.title), taken),
        body=review_body(entry),
        rating=entry.rating,
        tags=list(entry.tags),
        film=Film(title=entry.title, year=entry.year, director=directors),
        source={SOURCE_KEY: entry.id},
    )
    session = EditSession(blog, post, is_new=True)
    session.save(post, note="from a Letterboxd diary entry")
    return session.saved


def describe(entry: DiaryEntry) -> str:
    """One line: date, title (year), reels, rewatch."""
    when = entry.watched or "(no date)"
    year = f" ({entry.year})" if entry.year else ""
    parts = [f"{when}  {entry.title}{year}", format_reels(entry.rating, numeric=False)]
    if entry.rewatch:
        parts.append("rewatch")
    return "  ".join(p for p in parts if p)


def month_entries(found: list[DiaryEntry], month: str) -> list[DiaryEntry]:
    """The viewings of `month` ("2014-02"; DomainError for a month that is not one), in the
    order of `found` (`entries`: newest first)."""
    month = parse_month(month)
    return [e for e in found if e.watched.startswith(month + "-")]


def new_id(entry: DiaryEntry, taken: set[str]) -> str:
    """A stable id: from the Letterboxd URI, else from the film and the day."""
    key = entry.uri or "|".join(str(part) for part in entry.natural_key)
    wanted = "d-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    found = unique_slug(wanted, taken)
    taken.add(found)
    return found
