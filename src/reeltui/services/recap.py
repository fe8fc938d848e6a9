"""The monthly recap: a draft post in the blog's own recap form for one month.

"<Month> Movie-Watching Recap and Movie of the Month": the month's posts (reviews with their
rating and a link, then the others), the most commented post, and a Movie of the Month the
writer picks from the month's films, best rated first. Nothing is saved or published here:
the draft opens in the editor (or is printed).

The films of the Letterboxd diary (services/diary.py) watched that month join the recap
("Also watched") and the Movie of the Month choices; without a diary the recap is made of
the month's reviews only.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reeltui.domain.diary import parse_month
from reeltui.domain.listing import Listed
from reeltui.domain.models import Post
from reeltui.domain.query_eval import is_review, name_words
from reeltui.domain.rating import format_reels
from reeltui.errors import InputError
from reeltui.services import diary
from reeltui.services.blog import Blog
from reeltui.services.exporting import post_link
from reeltui.services.people import own_people, readers_count
from reeltui.services.templates import new_post_id

SHOWN_STATUSES = ("published",)  # what readers have seen: what a recap may link to
DEFAULT_TITLE = "{month} Movie-Watching Recap and Movie of the Month"


@dataclass(frozen=True, slots=True)
class Watched:
    """A film seen in the month without a review here (from a diary)."""

    title: str
    year: int | None = None
    rating: float | None = None
    date: str = ""
    rewatch: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A choice for Movie of the Month: a review (post) or a film from the diary."""

    key: str  # the post id, or "diary:N"
    title: str
    year: int | None
    rating: float | None
    post: Listed | None = None

    def label(self) -> str:
        year = f" ({self.year})" if self.year else ""
        reels = format_reels(self.rating) or "no rating"
        return f"{reels:<13} {self.title}{year}"


@dataclass(frozen=True, slots=True)
class Month:
    month: str  # "2013-11"
    reviews: tuple[Listed, ...]
    others: tuple[Listed, ...]
    most_commented: tuple[Listed, int] | None
    watched: tuple[Watched, ...] = ()

    @property
    def name(self) -> str:
        return calendar.month_name[int(self.month[5:])]

    def candidates(self) -> list[Candidate]:
        """The month's films for Movie of the Month, best rated first."""
        found = [Candidate(p.id, film_title(p), p.film.year, p.rating, p) for p in self.reviews]
        reviewed = {name_words(c.title) for c in found}
        found += [
            Candidate(f"diary:{i}", w.title, w.year, w.rating)
            for i, w in enumerate(self.watched)
            if name_words(w.title) not in reviewed
        ]
        found.sort(key=lambda c: (-(c.rating if c.rating is not None else -1), c.title))
        return found


def diary_films(blog: Blog, month: str) -> list[Watched]:
    """The films of the Letterboxd diary watched in `month` (none without a diary)."""
    return [
        Watched(e.title, e.year, e.rating, e.watched, e.rewatch)
        for e in sorted(diary.month_entries(diary.entries(blog), month), key=lambda e: e.watched)
    ]


def film_title(post: Listed) -> str:
    return post.film.title or post.title


def month_of(blog: Blog, month: str) -> Month:
    """What the recap of `month` ("2013-11") is made of; InputError saying why when the
    month has nothing to recap (no published post but recaps, no diary viewing)."""
    month = parse_month(month)
    published = [p for p in blog.posts() if p.date.startswith(month) and p.status in SHOWN_STATUSES]
    posts = sorted((p for p in published if not is_recap(p)), key=lambda p: (p.date, p.title))
    watched = tuple(diary_films(blog, month))
    if not posts and not watched:
        raise InputError(_nothing_in(blog, month, published))
    own = own_people(blog)
    counts = {p.id: readers_count(blog, p.id, own) for p in posts}
    busiest = max(posts, key=lambda p: (counts[p.id], p.date), default=None)
    return Month(
        month,
        tuple(p for p in posts if is_review(p)),
        tuple(p for p in posts if not is_review(p)),
        (busiest, counts[busiest.id]) if busiest and counts[busiest.id] else None,
        watched,
    )


def _nothing_in(blog: Blog, month: str, published: Sequence[Listed]) -> str:
    """Why `month` has nothing to recap, in one line, with the months that have something."""
    name = f"{calendar.month_name[int(month[5:])]} {month[:4]}"
    if len(published) == 1:
        why = f"its only published post is the recap itself, “{published[0].title}”"
    elif published:
        why = f"its only published posts are recaps ({len(published)})"
    else:
        unpublished = sum(1 for p in blog.posts() if p.date.startswith(month))
        why = "no published post and no diary viewing is dated then"
        if unpublished:
            why += f" ({unpublished} not published)"
    months = months_to_recap(blog)
    offer = f"; months to recap: {', '.join(months[:6])}{', …' if len(months) > 6 else ''}"
    return f"nothing to recap in {name}: {why}{offer if months else ''}"


def months_to_recap(blog: Blog) -> list[str]:
    """Months with something to recap (a published post that is not a recap, or a diary
    viewing), newest first (for a picker)."""
    found = {
        p.date[:7]
        for p in blog.posts()
        if p.status in SHOWN_STATUSES and len(p.date) >= 7 and not is_recap(p)
    }
    found.update(e.watched[:7] for e in diary.entries(blog) if e.watched)
    return sorted(found, reverse=True)


def default_author(blog: Blog) -> str:
    """Who writes recaps here: the author of the latest one, else the most frequent author.
    (Seam: the user's own identity, when configured, comes first.)"""
    recaps = sorted((p for p in blog.posts() if is_recap(p) and p.author), key=lambda p: p.date)
    if recaps:
        return recaps[-1].author
    authors = Counter(p.author for p in blog.posts() if p.author)
    return authors.most_common(1)[0][0] if authors else ""


def is_recap(post: Listed) -> bool:
    return any("recap" in name_words(c) for c in post.categories)


def _house_style(blog: Blog) -> tuple[str, str]:
    """The blog's recap category and title pattern ({month} where the month name goes)."""
    recaps = sorted((p for p in blog.posts() if is_recap(p)), key=lambda p: p.date)
    names = Counter(c for p in recaps for c in p.categories if "recap" in name_words(c))
    category = names.most_common(1)[0][0] if names else "Recap"
    for post in reversed(recaps):
        for name in calendar.month_name[1:]:
            if re.search(rf"\b{name}\b", post.title):
                return category, re.sub(rf"\b{name}\b", "{month}", post.title, count=1)
    return category, DEFAULT_TITLE


def _line(post: Listed, base_url: str) -> str:
    return f"[{post.title}]({post_link(post, base_url)})"


def draft(
    blog: Blog, month: Month, movie: str | None = None, author: str = "", base_url: str = ""
) -> Post:
    """A new draft recap post (not saved). `movie` is a Candidate key (None: pick later)."""
    category, title = _house_style(blog)
    body = ["*A few lines about your month.*", "", "Well, here are my posts this past month:"]
    if month.reviews:
        body += ["", "**Reviews**", ""]
        for post in month.reviews:
            year = f" ({post.film.year})" if post.film.year else ""
            reels = f" – {format_reels(post.rating)} reels" if post.rating is not None else ""
            body.append(f"- [{film_title(post)}]({post_link(post, base_url)}){year}{reels}")
    if month.others:
        body += ["", "**Other posts**", ""]
        body += [f"- {_line(post, base_url)}" for post in month.others]
    if month.watched:
        body += ["", "**Also watched**", ""]
        for film in month.watched:
            year = f" ({film.year})" if film.year else ""
            reels = f" – {format_reels(film.rating)} reels" if film.rating is not None else ""
            body.append(f"- *{film.title}*{year}{reels}{' (rewatch)' if film.rewatch else ''}")
    if month.most_commented:
        post, count = month.most_commented
        body += [
            "",
            f"The most talked-about post this month was {_line(post, base_url)}, "
            f"with {count} comment{'s' if count != 1 else ''}. Thanks for chiming in!",
        ]
    body += ["", "## Movie of the Month:", ""]
    chosen = next((c for c in month.candidates() if c.key == movie), None)
    if chosen is None:
        body.append("*Pick one of this month's films.*")
    else:
        named = (
            f"[{chosen.title}]({post_link(chosen.post, base_url)})"
            if chosen.post
            else (chosen.title)
        )
        year = f" ({chosen.year})" if chosen.year else ""
        reels = f" – {format_reels(chosen.rating)} reels" if chosen.rating is not None else ""
        body += [f"**{named}**{year}{reels}", "", "*Why it is your movie of the month.*"]
    body += [
        "",
        f"Well, that’s my monthly recap folks. What’s YOUR favorite film you saw in {month.name}?",
    ]
    tags = [film_title(p) for p in month.reviews]
    return Post(
        id=new_post_id(),
        slug="",
        title=title.replace("{month}", month.name),
        author=author,
        status="draft",
        categories=[category],
        tags=list(dict.fromkeys(t for t in tags if t)),
        body="\n".join(body) + "\n",
    )
