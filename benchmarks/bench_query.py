"""Query language latency at 10,000 posts / 200,000 comments, per keystroke of searches typed
letter by letter, against the search of the release before it on the same words in the same
run: the post list (`find_posts` vs `Blog.rows(search=q)`) and the comments
(`find_comments` of `in:comments q` vs `search_comments(q)`); then searches with fields,
posts and comments, against the same baselines."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from benchmarks.bench_tui import QUERIES
from benchmarks.common import Config, Result, median, spread
from benchmarks.generate import archive
from reeltui.domain.identity import Identity
from reeltui.domain.query import QueryError
from reeltui.services import Blog, commentfields
from reeltui.services.query import find_comments, find_posts
from reeltui.services.search import search_comments
from reeltui.services.session import open_blog

GOAL = 1.5  # same speed as the plain search, give or take
POST_FIELDS = (
    "tag:drama rating:>=4",
    'date:2012..2013 "quiet rain"',
    "comments:>30 -tag:horror harbor",
    "cast:lindqvist year:1990..2010",
)
COMMENT_FIELDS = (
    "in:comments author:lindqvist",
    "in:comments tag:noir haunting",
    "in:comments date:2014 -film score",
)


def typed(queries: tuple[str, ...], prefix: str = "") -> list[str]:
    return [prefix + q[:n] for q in queries for n in range(1, len(q) + 1)]


def _posts(blog: Blog, text: str) -> object:
    return find_posts(blog, text, writer=Identity())


def _comments(blog: Blog, text: str) -> object:
    return find_comments(blog, text, writer=Identity())


def _timed(blog: Blog, search: Callable[[Blog, str], object], text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(QueryError):  # a half-typed field ("tag:"): the box says why
        search(blog, text)
    return time.perf_counter() - started


def run(cfg: Config) -> list[Result]:
    blog = open_blog(archive(cfg.big, cfg.work), read_only=True)
    plans: dict[str, tuple[Callable[[Blog, str], object], list[str]]] = {
        "posts, before": (lambda b, q: b.rows(search=q), typed(QUERIES)),
        "posts": (_posts, typed(QUERIES)),
        "comments, before": (search_comments, typed(QUERIES)),
        "comments": (_comments, typed(QUERIES, "in:comments ")),
        "post fields": (_posts, typed(POST_FIELDS)),
        "comment fields": (_comments, typed(COMMENT_FIELDS)),
    }
    times: dict[str, list[float]] = {name: [] for name in plans}
    try:
        blog.rows()
        started = time.perf_counter()
        blog.search_index().prepare()  # the text index and every comment, read once
        blog.search_index().comment_docs()
        assert blog.search_index().comments is not None  # their text index (built lazily)
        text_build = time.perf_counter() - started
        started = time.perf_counter()
        commentfields.of(blog)  # built by the first author:/date: search of a session
        fields_build = time.perf_counter() - started
        for _ in range(cfg.runs):
            for name, (search, keystrokes) in plans.items():
                blog.search_index().forget()
                times[name].extend(_timed(blog, search, q) for q in keystrokes)
        n_comments = len(blog.search_index().comment_docs())
    finally:
        blog.close()
    what = f"{cfg.big} posts + {n_comments} comments"
    results = []
    for name, base in (
        ("posts", "posts, before"),
        ("comments", "comments, before"),
        ("post fields", "posts, before"),
        ("comment fields", "comments, before"),
    ):
        ours = times[name]
        result = Result(f"query keystroke, {name}, {what}", median(ours), median(times[base]), GOAL)
        result.notes.append(
            f"{len(ours)} keystrokes: {spread(ours, times[base])}; the search before "
            f"({base}): {spread(times[base])}"
        )
        results.append(result)
    results[0].notes.append(f"typing {', '.join(repr(q) for q in QUERIES)}")
    results[2].notes.append(f"typing {', '.join(repr(q) for q in POST_FIELDS)}")
    results[3].notes.append(f"typing {', '.join(repr(q) for q in COMMENT_FIELDS)}")
    build = Result(f"comment-field index build, {what}", fields_build, text_build, 1.0)
    build.notes.append(
        "once per session, by the first author:/date: search (in the app's search worker), "
        "against the text index every search builds first (`Blog.search_index`)"
    )
    return [*results, build]
