"""`in:comments` searches with comment fields (author:, date:, status:) and post fields
(tag:, rating:... : the comments of the posts they pick) give exactly what a straightforward
evaluation gives: every comment of a generated archive (a real store on disk) checked one by
one against every term, newest first. Whatever plan answers a query (the comment-field
index, the posts' scope kept between keystrokes, the text index driven by a word), the
answer is the same, and stays the same after the blog changes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from benchmarks import content
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reeltui.domain.identity import Identity
from reeltui.domain.models import Comment
from reeltui.domain.query import Query, QueryError, fold, parse
from reeltui.domain.query_eval import COMMENT_FIELDS, PostFacts, comment_filter, post_filter
from reeltui.services import Blog, comment_scope
from reeltui.services.opened import OpenedPosts
from reeltui.services.query import find_comments
from reeltui.services.session import open_blog
from reeltui.store import NotFound, Store, records

POSTS = 40
LAST = ("lindqvist", "moreno", "okafor", "tanaka", "silva", "novak", "lind*", "mor*")
WORDS = ("film", "haunting", "quiet", "the", "rain", "ha", "sc", "score", "night", "e")
TAGS = ("noir", "drama", "horror", "science fiction", "fiction", "sci*", "war", "comedy")
DATES = ("2012", "2013", "2014-03", "2012..2013", "2013-06..2014-02", "2011-05-01")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Blog]:
    """A generated archive (the benchmarks' synthetic film blog) written through the store,
    some comments made trash, then opened as a user would."""
    path = tmp_path_factory.mktemp("generated") / "store"
    rng = random.Random(19)
    posts, comments = [], []
    for entry in content.entries(POSTS, 12):
        posts.append(entry.post)
        for comment in entry.comments:
            trash = rng.random() < 0.03
            comments.append(replace(comment, status="trash") if trash else comment)
    with Store.open(path) as store:
        records.put_many(store, posts, comments)
    blog = open_blog(path)
    yield blog
    blog.close()


def straightforward(blog: Blog, text: str, limit: int | None = None) -> list[str]:
    """Every comment checked against every term, newest first (by date, then id: the order
    the archive's comments were indexed in)."""
    query = parse(text)
    post_terms = Query(tuple(t for t in query.terms if t.field and t.field not in COMMENT_FIELDS))
    picks = post_filter(post_terms, None)
    fields = comment_filter(query, None)
    hidden = () if query.fields("status") else ("spam", "trash")
    found = []
    for comment in blog.all_comments():
        try:
            post = blog.post(comment.post_id)
        except NotFound:
            continue
        said = fold(f"{comment.author}\x00{comment.body}")
        words = all((t.text in said) != t.negated for t in query.words)
        if (
            comment.status not in hidden
            and words
            and picks(post, PostFacts())
            and fields(comment.id, comment.author, comment.date, comment.status)
        ):
            found.append(comment)
    found.sort(key=lambda c: (c.date, c.id), reverse=True)
    return [c.id for c in found][:limit]


def searched(blog: Blog, text: str, limit: int | None = None) -> list[str]:
    return [h.comment.id for h in find_comments(blog, text, limit, writer=Identity())]


def _term(field: str, values: tuple[str, ...]) -> st.SearchStrategy[str]:
    def shown(value: str) -> str:
        return f'{field}:"{value}"' if " " in value else f"{field}:{value}"

    return st.builds(
        lambda neg, v: ("-" if neg else "") + shown(v), st.booleans(), st.sampled_from(values)
    )


TERMS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda w: f"-{w}"),
    _term("author", LAST),
    _term("date", DATES),
    _term("tag", TAGS),
    st.sampled_from(("rating:>=4", "rating:<2", "year:1960..1990", "category:review")),
    st.sampled_from(("status:approved", "status:pending", "status:spam", "status:trash")),
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    terms=st.lists(TERMS, min_size=1, max_size=4),
    limit=st.sampled_from((None, 1, 5, 40)),
)
def test_comment_searches_are_a_straightforward_evaluation(
    archive: Blog, terms: list[str], limit: int | None
) -> None:
    text = "in:comments " + " ".join(terms)
    try:
        expected = straightforward(archive, text, limit)
    except QueryError:
        assume(False)
    assert searched(archive, text, limit) == expected, text


def test_the_posts_scope_follows_changes(archive: Blog) -> None:
    """The posts a tag picks are kept between keystrokes; a post or comment saved since is
    seen by the next search all the same."""
    text = "in:comments tag:noir"
    assert searched(archive, text) == straightforward(archive, text)
    scope = comment_scope.of(archive, parse(text).terms, Identity(), list)  # (the one kept)
    assert comment_scope.of(archive, parse(text).terms, Identity(), list) is scope  # kept
    other = next(p for p in archive.posts() if "Noir" not in p.tags and archive.comment_ids(p.id))
    post = archive.post(other.id)
    archive.save_post(replace(post, tags=[*post.tags, "Noir"]))
    after = searched(archive, text, None)
    assert comment_scope.of(archive, parse(text).terms, Identity(), list) is not scope
    assert set(archive.comment_ids(other.id)) & set(after)
    assert after == straightforward(archive, text)
    new = Comment(
        id="c-late", post_id=other.id, author="Ann Lindqvist", date="2099-01-01T00:00:00",
        body="a haunting late word",
    )  # fmt: skip
    archive.save_comment(new)
    for query in (text, f"{text} haunting", "in:comments author:lindqvist tag:noir"):
        assert searched(archive, query)[0] == "c-late"
        assert searched(archive, query) == straightforward(archive, query)


def test_the_posts_side_reads_only_the_files_of_its_hits(
    archive: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comments of the posts `tag:` picks come from the comment documents in memory:
    a search opens the files of the posts its hits are in, not of every post picked."""
    text = "in:comments tag:drama"
    archive.search_index().comment_docs()  # (read once per session, by any comment search)
    archive.opened = OpenedPosts(archive.store)  # nothing opened yet
    opened: list[str] = []
    real = OpenedPosts.get

    def get(self: OpenedPosts, post_id: str) -> object:
        opened.append(post_id)
        return real(self, post_id)

    monkeypatch.setattr(OpenedPosts, "get", get)
    hits = find_comments(archive, text, 3, writer=Identity())
    picked = [p for p in archive.posts() if "Drama" in p.tags]
    assert len(picked) > 3 and len(hits) == 3
    assert set(opened) == {h.post.id for h in hits}


def test_the_generated_archive_is_what_the_searches_need(archive: Blog, tmp_path: Path) -> None:
    """(The property above is only as good as its archive: every kind of term finds some.)"""
    for text in ("in:comments author:lindqvist", "in:comments tag:noir", "in:comments date:2013",
                 "in:comments status:trash", "in:comments status:spam haunting"):  # fmt: skip
        assert straightforward(archive, text), text
