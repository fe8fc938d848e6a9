"""Query language latency at 10,000 posts / 200,000 comments: every keystroke of searches
typed letter by letter, through `services.query` (the list's posts + the comments found for
the same text), against the search of the release before it (`Blog.rows(search=q)` +
`search_comments`) typing the same words, measured in the same run."""

from __future__ import annotations

import time

from benchmarks.bench_search import QUERIES, _keystroke
from benchmarks.common import Config, Result, median
from benchmarks.generate import archive
from reeltui.domain.query import QueryError
from reeltui.services import Blog
from reeltui.services.query import find_comments, find_posts
from reeltui.services.session import open_blog
from reeltui.store import records

GOAL = 1.5  # same speed as the plain search, give or take
FIELD_QUERIES = (
    "tag:drama rating:>=4",
    'date:2012..2013 "quiet rain"',
    "comments:>30 -tag:horror harbor",
    "cast:lindqvist year:1990..2010",
    "in:comments author:lindqvist",
    "in:comments tag:noir haunting",
)


def typed(queries: tuple[str, ...]) -> list[str]:
    return [q[:n] for q in queries for n in range(1, len(q) + 1)]


def _query_keystroke(blog: Blog, text: str) -> float:
    started = time.perf_counter()
    try:
        if "in:comments" in text:
            find_comments(blog, text)
        else:
            find_posts(blog, text)
            find_comments(blog, f"{text} in:comments")
    except QueryError:
        pass  # a half-typed field ("tag:"): the box says why, the list stays
    return time.perf_counter() - started


def _spread(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(len(ordered) * 0.9)]
    return (
        f"p50 {median(values) * 1e3:.1f} ms, p90 {p90 * 1e3:.1f} ms, max {max(values) * 1e3:.1f} ms"
    )


def run(cfg: Config) -> list[Result]:
    blog = open_blog(archive(cfg.big, cfg.work), read_only=True)
    try:
        blog.rows()
        blog.search_index()
        ours: list[float] = []
        base: list[float] = []
        fields: list[float] = []
        for _ in range(cfg.runs):
            blog.search_index().forget()
            base.extend(_keystroke(blog, q) for q in typed(QUERIES))
            blog.search_index().forget()
            ours.extend(_query_keystroke(blog, q) for q in typed(QUERIES))
            blog.search_index().forget()
            fields.extend(_query_keystroke(blog, q) for q in typed(FIELD_QUERIES))
        n_comments = len(records.raw_comments(blog.store))
    finally:
        blog.close()
    what = f"{cfg.big} posts + {n_comments} comments"
    words = Result(f"query keystroke, words, {what}", median(ours), median(base), GOAL)
    words.notes.append(
        f"{len(ours)} keystrokes of {', '.join(repr(q) for q in QUERIES)} through "
        f"services.query (posts, then the comments of the same text): {_spread(ours)}; "
        f"the plain search typing the same: {_spread(base)}"
    )
    with_fields = Result(f"query keystroke, fields, {what}", median(fields), median(base), GOAL)
    with_fields.notes.append(
        f"{len(fields)} keystrokes of {', '.join(repr(q) for q in FIELD_QUERIES)}: "
        f"{_spread(fields)}"
    )
    return [words, with_fields]
