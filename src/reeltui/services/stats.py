"""The blog in figures: ratings in half reels, reviews and comments per month, the most
discussed posts, the top commenters, and how fast the blog's authors answer readers.

Everything may be narrowed by a query (`tag:"science fiction"`): its posts and their
comments. Reviews (their count, ratings and months) are the published ones: drafts, made
with `n` or from the diary with `w`, are not the blog's yet. Comments are readers' comments
(`domain.readers`, as the post list counts them). "Your" replies are comments of the blog's
own people (`services.people`: post authors, the writer, the settings' `authors`, any other
names given). The comments are counted from their stored documents (no object is made for
each of 200,000 comments; those the comment search keeps), yet it is a pass over all of
them: run it off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.identity import Identity
from reeltui.domain.listing import Listed
from reeltui.domain.memory import paused_gc
from reeltui.domain.plural import count
from reeltui.domain.query import QueryError
from reeltui.domain.query_eval import is_review
from reeltui.domain.readers import OwnPeople, is_readers_comment, reader_key
from reeltui.services import inbox
from reeltui.services.blog import Blog
from reeltui.services.people import own_people
from reeltui.services.query import as_query, find_posts

TOP = 10
Doc = Mapping[str, Any]  # a stored comment
HALF_REELS = tuple(n / 2 for n in range(11))
AGE_BUCKETS = ((1, "< 1 day"), (7, "1-7 days"), (30, "1-4 weeks"), (365, "1-12 months"))
COUNTED = ("approved", "pending")  # the comments a reply may answer


@dataclass(frozen=True, slots=True)
class Replies:
    answered: int = 0  # readers' comments one of the blog's authors answered
    median_hours: float | None = None  # from a reader's comment to the first answer
    waiting: int = 0  # readers' comments still waiting (the inbox)
    median_wait_days: float | None = None
    oldest_wait_days: float | None = None
    ages: tuple[tuple[str, int], ...] = ()  # waiting comments by age


@dataclass(frozen=True, slots=True)
class Stats:
    query: str
    posts: int
    reviews: int
    comments: int
    ratings: tuple[tuple[float, int], ...]  # (0.0, n), (0.5, n) ... (5.0, n)
    months: tuple[tuple[str, int, int], ...]  # ("2013-11", reviews, comments), no gaps
    discussed: tuple[tuple[Listed, int], ...]  # most readers' comments first
    commenters: tuple[tuple[str, int], ...]  # readers, most comments first
    replies: Replies = field(default_factory=Replies)
    unpublished: int = 0  # of `posts`: drafts, pending, scheduled, private, trash

    def headline(self, query: str) -> tuple[str, str, str]:
        """The posts (`query`: how to name the search), the reviews, the readers' comments."""
        scope = f" matching {query}" if self.query else ""
        drafts = f" ({self.unpublished} not published)" if self.unpublished else ""
        return (
            f"{count(self.posts, 'post')}{scope}{drafts}",
            f"{count(self.reviews, 'review')} published",
            count(self.comments, "reader's comment", "readers' comments"),
        )

    def to_json(self) -> dict[str, object]:
        r = self.replies
        return {
            "query": self.query,
            "posts": self.posts,
            "unpublished": self.unpublished,
            "reviews": self.reviews,
            "comments": self.comments,
            "ratings": [{"rating": k, "reviews": n} for k, n in self.ratings],
            "months": [{"month": m, "reviews": a, "comments": c} for m, a, c in self.months],
            "most_discussed": [
                {"slug": p.slug, "title": p.title, "date": p.date, "comments": n}
                for p, n in self.discussed
            ],
            "top_commenters": [{"name": a, "comments": n} for a, n in self.commenters],
            "replies": {
                "answered": r.answered,
                "median_hours_to_answer": r.median_hours,
                "waiting": r.waiting,
                "median_wait_days": r.median_wait_days,
                "oldest_wait_days": r.oldest_wait_days,
                "waiting_by_age": [{"age": a, "comments": n} for a, n in r.ages],
            },
        }


def when(date: str) -> dt.datetime | None:
    """An ISO date as an aware datetime (naive ones taken as UTC); None if it is not one."""
    try:
        value = dt.datetime.fromisoformat(date)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def month_span(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from `first` to `last` included."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _month(date: str) -> str | None:
    return date[:7] if len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit() else None


def compute(
    blog: Blog,
    query: str = "",
    *,
    writer: Identity,
    now: dt.datetime | None = None,
    extra_authors: Iterable[str] = (),
) -> Stats:
    """The figures of the posts matching `query` (all posts when empty). `writer`: who the
    user is (`is:unread` in the query; their comments are never readers')."""
    # The first time, every post is read as an object and every comment's document (the
    # Blog keeps them): with the collector on, its passes re-walk them all while holding the
    # interpreter and the UI thread stalls. Paused, and frozen out of its sight before it is
    # back on (else its first pass walks all of them at once: `paused_gc`).
    with paused_gc(keep=True):
        return _compute(blog, query, writer, now, extra_authors)


def _compute(
    blog: Blog,
    query: str,
    writer: Identity,
    now: dt.datetime | None,
    extra_authors: Iterable[str],
) -> Stats:
    parsed = as_query(query)
    if parsed.scope == "comments":
        raise QueryError("stats are about posts and their comments: leave out in:comments")
    posts = [row.post for row in find_posts(blog, parsed, writer=writer)]
    chosen = {p.id for p in posts}
    own = own_people(blog, extra_authors, writer)
    # The stored documents (no 200,000 Comments to make), as the comment search keeps them:
    # read once per session, not again for each query, and never dropped here at once (a
    # second-long free of 200,000 documents, holding the interpreter while the UI thread
    # waits). A copy of their table (a save may change it meanwhile): a dict's copy is one
    # quick C call, where a list of its items was a long one.
    docs = dict(blog.search_index().comment_docs())
    thread = {
        cid: doc
        for cid, doc in docs.items()
        if doc.get("post_id") in chosen
        and doc.get("kind", "comment") == "comment"
        and doc.get("status", "approved") in COUNTED
    }
    comments = [doc for doc in thread.values() if is_readers_comment(doc, own)]
    reviews = [p for p in posts if is_review(p) and p.status == "published"]
    ratings = Counter(p.rating for p in reviews if p.rating is not None)
    per_post = Counter(doc["post_id"] for doc in comments)
    by_id = {p.id: p for p in posts}
    readers = Counter(_name(doc.get("author") or "") for doc in comments)
    return Stats(
        query=query,
        posts=len(posts),
        reviews=len(reviews),
        comments=len(comments),
        ratings=tuple((r, ratings.get(r, 0)) for r in HALF_REELS),
        months=_months(reviews, comments),
        discussed=tuple((by_id[pid], n) for pid, n in per_post.most_common(TOP)),
        commenters=tuple((a, n) for a, n in readers.most_common(TOP) if a),
        replies=_replies(docs, thread, chosen, own, now),
        unpublished=sum(1 for p in posts if p.status != "published"),
    )


_name = functools.lru_cache(maxsize=65536)(lambda name: " ".join(name.split()))


def _months(reviews: list[Listed], comments: Sequence[Doc]) -> tuple[tuple[str, int, int], ...]:
    posted = Counter(m for p in reviews if (m := _month(p.date)))
    said = Counter(m for c in comments if (m := _month(c.get("date") or "")))
    seen = sorted(set(posted) | set(said))
    if not seen:
        return ()
    return tuple((m, posted.get(m, 0), said.get(m, 0)) for m in month_span(seen[0], seen[-1]))


def _answers(reply: Doc, own: OwnPeople) -> bool:
    """A reply of the blog's own people that readers will see (drafts kept here do not)."""
    if reply.get("origin") == "local":
        return reply.get("sync_state") != "local"
    key = reader_key(reply)
    return key is not None and own.signed(key)


def _replies(
    docs: Mapping[str, Doc],
    thread: Mapping[str, Doc],
    chosen: set[str],
    own: OwnPeople,
    now: dt.datetime | None,
) -> Replies:
    first_answer: dict[str, float] = {}
    for reply in thread.values():
        parent_id = reply.get("parent_id") or ""
        parent = thread.get(parent_id)
        if parent is None or not _answers(reply, own) or not is_readers_comment(parent, own):
            continue
        asked, answered = when(parent.get("date", "")), when(reply.get("date", ""))
        if asked is None or answered is None or answered < asked:
            continue
        hours = (answered - asked).total_seconds() / 3600
        first_answer[parent_id] = min(hours, first_answer.get(parent_id, hours))
    now = now or dt.datetime.now(dt.UTC)
    ages = []
    for cid in inbox.waiting(docs, own, ordered=False):
        doc = docs.get(cid) or {}
        asked = when(doc.get("date", ""))
        if doc.get("post_id") in chosen and asked is not None:
            ages.append(max(0.0, (now - asked).total_seconds() / 86400))
    buckets = Counter(_bucket(a) for a in ages)
    labels = [label for _, label in AGE_BUCKETS] + ["over a year"]
    return Replies(
        answered=len(first_answer),
        median_hours=statistics.median(first_answer.values()) if first_answer else None,
        waiting=len(ages),
        median_wait_days=statistics.median(ages) if ages else None,
        oldest_wait_days=max(ages) if ages else None,
        ages=tuple((label, buckets.get(label, 0)) for label in labels),
    )


def _bucket(days: float) -> str:
    for limit, label in AGE_BUCKETS:
        if days < limit:
            return label
    return "over a year"


def duration(hours: float | None) -> str:
    """3.5 -> "3.5 hours", 50 -> "2.1 days"; "—" for None."""
    if hours is None:
        return "—"
    if hours < 1:
        return f"{hours * 60:.0f} minutes"
    if hours < 48:
        return f"{hours:.1f} hours"
    if hours < 24 * 730:
        return f"{hours / 24:.1f} days"
    return f"{hours / 24 / 365.25:.1f} years"
