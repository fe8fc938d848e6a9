"""Archives of many generated reviews, written through the store's own bulk path (as an
import does): for tests of what a big archive costs (memory, search while typing)."""

from __future__ import annotations

from pathlib import Path

from reeltui.domain.models import Post
from reeltui.services.session import open_blog
from reeltui.store import records

WORDS = ("harbor", "score", "quiet", "rain", "lighthouse", "fog", "winter", "sea")
WORDS += ("keeper", "night")


def reviews(count: int, words: int = 0) -> list[Post]:
    """`count` published reviews over the months of 2015, each body `words` words long
    (the words of WORDS in turn) ending with its own word `tag<i>x`."""
    return [
        Post(
            id=f"p{i}",
            slug=f"post-{i}",
            title=f"Review {i}: {WORDS[i % len(WORDS)].title()} {WORDS[(i * 7) % len(WORDS)]}",
            author="Ruth",
            date=f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}T00:00:00+00:00",
            status="published",
            categories=["Reviews"],
            tags=["harbor", "score"],
            body=" ".join([*(WORDS[(i + j) % len(WORDS)] for j in range(words)), f"tag{i}x"]),
        )
        for i in range(count)
    ]


def write(path: Path, count: int, words: int = 0, indexed: bool = False) -> None:
    """A store at `path` (the demo's posts and `count` reviews); `indexed`: its text index
    made too (as a first session does)."""
    blog = open_blog(path)
    records.put_many(blog.store, reviews(count, words), [])
    if indexed:
        blog.search_index().prepare()
    blog.close()


def index_in_steps(path: Path, batch: int = 20) -> None:
    """Make the store's text index `batch` posts a transaction (the app makes it 200 at a
    time): an index of several FTS5 segments on several levels from a small archive, as a
    large archive's is (20-30 at 50,000 posts)."""
    from reeltui.services import search as post_search

    usual, post_search.BATCH = post_search.BATCH, batch
    try:
        with open_blog(path) as blog:
            blog.search_index().prepare()
    finally:
        post_search.BATCH = usual
