"""3. Search as you type over the large archive: the post filter (`Blog.rows(search=q)`) and
the comment search (`services.search.search_comments`) per keystroke, vs a plain Python
substring scan of the same (already casefolded) text."""

from __future__ import annotations

import time
from collections.abc import Callable

from benchmarks.common import Config, Result, median
from benchmarks.generate import archive
from reeltui.services import Blog
from reeltui.services.search import comment_text, post_text, search_comments
from reeltui.services.session import open_blog
from reeltui.store import records

GOAL = 5.0
LIMIT = 0.050  # seconds, median
# Typed letter by letter: a film-title word, a surname (posts' cast, comments' authors),
# a phrase, mixed case, and a word found nowhere.
QUERIES = ("harbor", "lindqvist", "haunting score", "Quiet Rain", "kubrick")


def _keystrokes() -> list[str]:
    return [q[:n] for q in QUERIES for n in range(1, len(q) + 1)]


def _scan_baseline(blog: Blog) -> Callable[[str], int]:
    posts = [post_text(p).casefold() for p in blog.posts()]
    comments = [comment_text(d).casefold() for d in records.raw_comments(blog.store).values()]

    def scan(query: str) -> int:
        needle = query.casefold()
        hits = [i for i, text in enumerate(posts) if needle in text]
        found = [i for i, text in enumerate(comments) if needle in text]
        return len(hits) + len(found)

    return scan


def _keystroke(blog: Blog, query: str) -> float:
    started = time.perf_counter()
    blog.rows(search=query)
    search_comments(blog, query)
    return time.perf_counter() - started


def run(cfg: Config) -> list[Result]:
    blog = open_blog(archive(cfg.big, cfg.work), read_only=True)
    try:
        blog.rows()
        started = time.perf_counter()
        index = blog.search_index()
        build = time.perf_counter() - started
        scan = _scan_baseline(blog)
        typing: list[float] = []
        cold: list[float] = []
        base: list[float] = []
        base_cold: list[float] = []
        for _ in range(cfg.runs):
            index.forget()
            typing.extend(_keystroke(blog, q) for q in _keystrokes())
            for q in QUERIES:
                index.forget()
                cold.append(_keystroke(blog, q))
            for q in _keystrokes():
                started = time.perf_counter()
                scan(q)
                (base_cold if q in QUERIES else base).append(time.perf_counter() - started)
        n_comments = len(records.raw_comments(blog.store))
    finally:
        blog.close()
    what = f"{cfg.big} posts + {n_comments} comments"
    base += base_cold
    first = Result(f"search keystroke while typing, {what}", median(typing), median(base), GOAL)
    first.limit = LIMIT
    first.notes.append(
        f"{len(typing)} keystrokes typing {', '.join(repr(q) for q in QUERIES)}; "
        f"p90 {sorted(typing)[int(len(typing) * 0.9)] * 1e3:.1f} ms, "
        f"max {max(typing) * 1e3:.1f} ms; the index is built on the first search: {build:.2f} s"
    )
    second = Result(
        f"search, whole query with nothing remembered, {what}",
        median(cold),
        median(base_cold),
        GOAL,
    )
    second.limit = LIMIT
    second.notes.append("each query after forgetting remembered results (one full scan)")
    return [first, second]
