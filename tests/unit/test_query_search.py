"""Searching a real store with the query language: posts and comments, against plain
definitions (every post / comment checked one by one, no index)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.domain import query_eval
from reeltui.domain.identity import Identity
from reeltui.domain.models import Post
from reeltui.domain.query import Query, Term, parse
from reeltui.domain.query_eval import PostFacts, name_matches, post_filter
from reeltui.services import Blog, PostRow, reads
from reeltui.services import query as search
from reeltui.services.query import find_comments, find_posts, vocabulary
from reeltui.services.search import post_text
from reeltui.services.session import open_blog
from tests.ui.helpers import HER

NOBODY = Identity()  # no writer known: every post can be unread


def titles(rows: list[PostRow]) -> list[str]:
    return [r.post.slug for r in rows]


def test_field_searches_on_the_demo_blog(blog: Blog) -> None:
    assert titles(find_posts(blog, "rating:>=4", writer=NOBODY)) == [HER]
    assert titles(find_posts(blog, "director:jonze cast:phoenix", writer=NOBODY)) == [HER]
    assert len(find_posts(blog, "date:2014-01", writer=NOBODY)) == 3
    assert titles(find_posts(blog, "category:recap", writer=NOBODY)) == [
        "november-movie-watching-recap-and-movie-of-the-month"
    ]
    assert find_posts(blog, "her -her", writer=NOBODY) == []
    # is:unread follows the read marks
    assert len(find_posts(blog, "is:unread", writer=NOBODY)) == 4
    reads.mark_read(blog, blog.post_by_slug(HER).id)
    assert HER not in titles(find_posts(blog, "is:unread", writer=NOBODY))
    assert titles(find_posts(blog, "is:read", writer=NOBODY)) == [HER]


def test_comment_search_shows_post_author_date_and_words(blog: Blog) -> None:
    hits = find_comments(blog, 'in:comments "wall street"', writer=NOBODY)
    assert [h.comment.author for h in hits] == ["Jenna Park"]
    assert hits[0].post.slug.startswith("first-question-of-the-year")
    assert hits[0].words == ("wall street",)
    assert "Wolf of Wall Street" in hits[0].snippet
    # spam is left out unless asked for
    assert find_comments(blog, "in:comments hd movies", writer=NOBODY) == []
    assert [
        h.comment.status for h in find_comments(blog, "in:comments status:spam", writer=NOBODY)
    ] == ["spam"]
    # author: is the comment's author; other fields pick the posts
    ruth = find_comments(blog, "in:comments author:ruth category:review", writer=NOBODY)
    assert ruth and {h.post.slug for h in ruth} == {HER}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "store"
    write_archive(path, 60)
    return path


QUERIES = [
    "harbor",
    "quiet rain",
    '"the quiet"',
    "-film",
    "tag:drama rating:>=3",
    "comments:>25 -tag:horror",
    "date:2012..2014-06 author:ted",
    "cast:lindqvist",
    "year:1990..2010 has:rating",
    "status:draft",
    "tag:n",
    "tag:noi",
    "tag:noir -tag:drama",
    "tag:sci* category:review",
    "director:k",
    "author:ted cast:lind*",
]


def _brute_posts(blog: Blog, text: str) -> list[str]:
    query = parse(text)
    rows = blog.rows()
    out = []
    for row in rows:
        post = blog.post(row.post.id)  # the row holds the summary: the text is the post's
        blob = post_text(post).casefold()
        facts = PostFacts(comments=row.comment_count, unread=True)

        def text(word: str, post: Post = post, blob: str = blob) -> set[str]:
            return {post.id} if word in blob else set()

        if all(post_filter(Query((term,)), text)(post, facts) for term in query.terms):
            out.append(post.id)
    return out


@pytest.mark.parametrize("text", QUERIES)
def test_posts_found_are_those_of_a_plain_scan(big: Path, text: str) -> None:
    with open_blog(big, read_only=True) as blog:
        assert [r.post.id for r in find_posts(blog, text, writer=NOBODY)] == _brute_posts(
            blog, text
        )


COMMENT_QUERIES = [
    "in:comments film",
    "in:comments the quiet -rain",
    "in:comments author:ruth",
    "in:comments author:lindqvist tag:drama",
    "in:comments date:2013 rating:>=4",
    "in:comments status:pending",
    "in:comments comments:>30 story",
    "in:comments author:lind*",
    "in:comments author:l",
    "in:comments date:2013-05 -author:ruth",
    "in:comments date:2012..2013 author:lindqvist quiet",
]


def _brute_comments(blog: Blog, text: str) -> list[str]:
    query = parse(text)
    post_ok = {r.post.id: post_filter(query, None)(
        r.post, PostFacts(comments=r.comment_count)) for r in blog.rows()}  # fmt: skip
    named = bool(query.fields("status"))
    out = []
    # newest first, as the store keeps them (by date, then id)
    for comment in sorted(blog.all_comments(), key=lambda c: (c.date, c.id), reverse=True):
        blob = f"{comment.author}\x00{comment.body}".casefold()
        if not named and comment.status in ("spam", "trash"):
            continue
        if not post_ok.get(comment.post_id, False):
            continue
        ok = all((t.text in blob) != t.negated for t in query.words)
        for t in query.fields("author"):
            ok = ok and name_matches(t, comment.author) != t.negated
        for t in query.fields("status"):
            ok = ok and (comment.status == t.text) != t.negated
        for t in query.fields("date"):
            lo, hi = t.days or ("", "")
            ok = ok and (bool(comment.date) and lo <= comment.date[:10] < hi) != t.negated
        if ok:
            out.append(comment.id)
    return out


@pytest.mark.parametrize("text", COMMENT_QUERIES)
@pytest.mark.parametrize("batch", [7, 800])
def test_comments_found_are_those_of_a_plain_scan(
    big: Path, text: str, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "FIRST_BATCH", batch)  # small batches: many index rounds
    with open_blog(big, read_only=True) as blog:
        expected = _brute_comments(blog, text)
        assert [
            h.comment.id for h in find_comments(blog, text, limit=None, writer=NOBODY)
        ] == expected
        assert [
            h.comment.id for h in find_comments(blog, text, limit=5, writer=NOBODY)
        ] == expected[:5]


def test_vocabulary_lists_names_most_used_first(blog: Blog) -> None:
    names = vocabulary(blog)
    assert names["tag"][0] == "Spike Jonze"  # on three of the four demo posts
    assert "Conor Holt" in names["author"]
    assert names["director"] == ("Spike Jonze",)


def test_a_name_term_is_matched_against_each_name_once_and_follows_saves(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keystroke changing `tag:noi` matches the term against the blog's tags, each once,
    not against every post's tags (100-280 ms at 10,000 posts); a post's new tags count at
    once."""
    store = tmp_path / "store"
    shutil.copytree(big, store)
    with open_blog(store) as blog:
        tags = {t for p in blog.posts() for t in p.tags}
        found = find_posts(blog, "tag:drama", writer=NOBODY)  # (the index made)
        calls: list[str] = []
        real = query_eval.name_matches

        def counted(term: Term, name: str) -> bool:
            calls.append(name)
            return real(term, name)

        monkeypatch.setattr(query_eval, "name_matches", counted)
        for typed in ("tag:n", "tag:no", "tag:noi", "tag:noir"):
            calls.clear()
            assert [r.post.id for r in find_posts(blog, typed, writer=NOBODY)] == _brute_posts(
                blog, typed
            )
            assert sorted(calls[: len(tags)]) == sorted(tags), typed  # each tag once
        other = next(r.post for r in blog.rows() if "drama" not in r.post.tags)
        post = blog.post(other.id)
        post.tags = [*post.tags, "Drama"]
        blog.save_post(post)
        again = [r.post.id for r in find_posts(blog, "tag:drama", writer=NOBODY)]
        assert set(again) == {r.post.id for r in found} | {other.id}
