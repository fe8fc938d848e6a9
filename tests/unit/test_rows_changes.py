"""A saved post changes its row alone (services/rows.py): the list's counts shift by its
figures instead of being counted again over every post (at 50,000 posts that pass, made by
a worker while the screen painted a reply, slowed the paint), and an order is sorted again
only when the change can move a post in it."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from reeltui.domain.listing import PostSummary
from reeltui.domain.vocab import SORT_KEYS
from reeltui.services import Blog, replies
from reeltui.services.blog import Counts
from reeltui.services.rows import RowSet
from reeltui.services.session import open_blog


class Walked(dict[str, Any]):
    """A summaries table that counts the passes over it."""

    passes = 0

    def values(self) -> Any:
        Walked.passes += 1
        return super().values()


def _watched(rows: RowSet) -> None:
    rows.summaries = Walked(rows.summaries)
    Walked.passes = 0


def _reply(blog: Blog, post_id: str, text: str) -> None:
    parent = next(c for c in blog.comments(post_id) if c.origin == "imported")
    replies.send(blog, replies.start(blog, parent.id, author="Ruth"), text)


def test_a_reply_shifts_the_counts_without_a_pass_over_every_post(blog: Blog) -> None:
    blog.counts()  # (the index read)
    rows = blog.rowset
    post = next(s for s in rows.summaries.values() if s.readers)
    _reply(blog, post.id, "A first reply: Ruth signs for the first time.")  # (counted anew)
    before = blog.counts()  # made once (the status line)
    places = rows.choose("date", None, set(rows.summaries))  # positions made for an order
    made = dict(rows._places)
    _watched(rows)
    _reply(blog, post.id, "Thank you, a reply queued for the site.")
    after = blog.counts()
    assert Walked.passes == 0  # no pass over the summaries
    assert after.queued_replies == before.queued_replies + 1
    assert rows._places == made and all(rows._places[k] is made[k] for k in made)
    assert rows.choose("date", None, set(rows.summaries)) == places  # same order, kept
    with open_blog(blog.path, read_only=True) as fresh:  # a fresh count from the disk
        assert dataclasses.astuple(fresh.counts()) == dataclasses.astuple(after)


def _random_change(rng: random.Random, summary: PostSummary) -> PostSummary:
    field = rng.choice(["pending", "queued", "status", "readers", "date", "title", "tags"])
    value: Any = {
        "pending": rng.randint(0, 3),
        "queued": rng.randint(0, 2),
        "status": rng.choice(["draft", "published", "pending"]),
        "readers": rng.randint(0, 9),
        "date": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00+00:00",
        "title": rng.choice(["Alpha", "Beta", "Gamma", "Delta"]),
        "tags": [rng.choice(["noir", "score", "drama"])],
    }[field]
    return dataclasses.replace(summary, **{field: value})


def test_rows_changed_one_by_one_match_rows_made_afresh() -> None:
    rng = random.Random(22)
    posts = {
        f"p{i}": PostSummary(
            id=f"p{i}",
            title=rng.choice(["Alpha", "Beta", "Gamma"]),
            date=f"2023-0{rng.randint(1, 9)}-0{rng.randint(1, 9)}T10:00:00+00:00",
            status=rng.choice(["draft", "published"]),
            rating=rng.choice([None, 2.5, 4.0]),
            readers=rng.randint(0, 9),
            pending=rng.randint(0, 2),
        )
        for i in range(60)
    }
    rows = RowSet()
    rows.add(posts.values())
    for step in range(400):
        for sort in SORT_KEYS:  # every order, its positions and names made before a change
            rows.choose(sort, None, set(posts))
        rows.names("tag")
        rows.counts(Counts)
        pid = rng.choice(list(posts))
        posts[pid] = _random_change(rng, posts[pid])
        if step % 50 == 0:  # now and then a new post
            posts[f"n{step}"] = dataclasses.replace(posts[pid], id=f"n{step}")
            rows.add([posts[f"n{step}"]])
        rows.add([posts[pid]])
        fresh = RowSet()
        fresh.add(posts.values())
        assert rows.counts(Counts) == fresh.counts(Counts)
        assert rows.names("tag") == fresh.names("tag")
        for sort in SORT_KEYS:
            for reverse in (None, True):
                ours = [r.post.id for r in rows.choose(sort, reverse, set(posts))]
                theirs = [r.post.id for r in fresh.choose(sort, reverse, set(posts))]
                assert [_key(posts[i], sort) for i in ours] == [
                    _key(posts[i], sort) for i in theirs
                ]


def _key(summary: PostSummary, sort: str) -> Any:
    from reeltui.services.rows import SORTS, PostRow

    return SORTS[sort](PostRow(summary))  # type: ignore[index]
