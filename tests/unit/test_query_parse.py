"""The query language: parsing (examples and properties), evaluation, completion."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.domain.models import Film, Post
from reeltui.domain.query import FIELDS, Query, QueryError, parse
from reeltui.domain.query_complete import complete
from reeltui.domain.query_eval import PostFacts, comment_filter, name_matches, post_filter
from tests.unit.strategies import parsed_posts

# Characters a query is made of, with the ones the grammar cares about over-represented.
PIECES = st.sampled_from(
    [*FIELDS, ":", '"', "“", "”", "-", "..", ">=", "<", ">", "=", "*", " ", "4.5", "2013",
     "-11", "none", "x", "É", "ß", "\x00", "\n", "😀", "unread", "comments", "1e309", "nan"]
)  # fmt: skip
QUERIES = st.one_of(st.text(max_size=40), st.lists(PIECES, max_size=12).map("".join))


def matches(text: str, post: Post, facts: PostFacts | None = None) -> bool:
    query = parse(text)
    blob = f"{post.title} {post.body}".casefold()
    return post_filter(query, lambda w: {post.id} if w in blob else set())(
        post, facts or PostFacts()
    )


HER = Post(
    id="p1",
    slug="her",
    title="FlixChatter Review: Spike Jonze’s HER",
    author="Ruth",
    date="2014-01-11T09:00:00+00:00",
    status="published",
    categories=["Review"],
    tags=["Science Fiction", "Spike Jonze"],
    body="A haunting love story with a sad score.",
    rating=4.5,
    film=Film("Her", 2013, "Spike Jonze", ["Joaquin Phoenix", "Amy Adams"]),
)


@settings(max_examples=1500, deadline=None)
@given(QUERIES)
def test_any_string_gives_a_query_or_one_clear_line(text: str) -> None:
    try:
        query = parse(text)
    except QueryError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 400
        return
    assert isinstance(query, Query)
    for term in query.terms:
        assert term.field in FIELDS or term.field == ""
        assert "\x00" not in term.text


@settings(max_examples=300, deadline=None)
@given(QUERIES, parsed_posts(), st.integers(0, 30), st.booleans())
def test_evaluating_never_raises_anything_but_a_clear_error(
    text: str, parsed: object, comments: int, unread: bool
) -> None:
    post = parsed.post  # type: ignore[attr-defined]
    try:
        query = parse(text)
        test = post_filter(query, lambda w: {post.id} if w in post.body.casefold() else set())
        ctest = comment_filter(query, lambda w: set())
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    assert test(post, PostFacts(comments=comments, unread=unread)) in (True, False)
    assert ctest("c1", "Marcy", post.date, "approved") in (True, False)


@settings(max_examples=300, deadline=None)
@given(parsed_posts(), st.sampled_from(
    ["tag:drama", "rating:>=4", "her", '"love story"', "date:2013", "year:1990..2000",
     "comments:>3", "is:unread", "has:rating", "author:ruth", "status:draft", "cast:amy"]
))  # fmt: skip
def test_a_term_and_its_negation_split_the_posts(parsed: object, term: str) -> None:
    post = parsed.post  # type: ignore[attr-defined]
    facts = PostFacts(comments=4, unread=True)
    assert matches(term, post, facts) != matches(f"-{term}", post, facts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her", True),
        ("HAUNTING score", True),
        ('"haunting love"', True),
        ('"love haunting"', False),
        ("-score", False),
        ("rating:4.5", True),
        ("rating:>=4", True),
        ("rating:>4.5", False),
        ("rating:4..5", True),
        ("rating:none", False),
        ("tag:fiction", True),
        ('tag:"science fiction"', True),
        ("tag:sci*", True),
        ("tag:her", False),
        ("category:review", True),
        ("author:RUTH", True),
        ("director:jonze", True),
        ('cast:"amy adams"', True),
        ("cast:adams amy", False),
        ("year:2013", True),
        ("year:<2000", False),
        ("date:2014-01", True),
        ("date:2013-11", False),
        ("date:2013-01..2014-01", True),
        ("date:2013-01..2013-12", False),
        ("date:>=2014-01-11", True),
        ("date:>2014-01-11", False),
        ("comments:>10", True),
        ("comments:>11", False),
        ("is:unread", True),
        ("is:published", True),
        ("is:draft", False),
        ("is:review", True),
        ("has:film", True),
        ("has:queued", False),
        ("title:her", True),
        ("status:published tag:fiction -tag:horror", True),
    ],
)
def test_each_field_means_what_the_readme_says(text: str, expected: bool) -> None:
    assert matches(text, HER, PostFacts(comments=11, unread=True)) is expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("raiting:4", "did you mean rating:?"),
        ("rating:abc", "rating: needs a number"),
        ("rating:7", "rating:7: 7 is out of range: ratings are 0 to 5 reels"),
        ("rating:5..4", "the range is empty"),
        ("date:2013-13", "no such date as 2013-13"),
        ("date:nov", "date: needs a year, month or day"),
        ("year:19.5", "year: needs a whole number"),
        ("tag:", "tag: needs a value"),
        ("is:lost", "is: is one of unread"),
        ("-in:comments", "in: cannot be negated"),
        ("https://example.com", 'put "quotes" around text with a colon'),
    ],
)
def test_bad_queries_get_one_line_saying_why(text: str, says: str) -> None:
    with pytest.raises(QueryError, match=None) as caught:
        parse(text)
    assert says in str(caught.value)


def test_a_comment_status_on_posts_says_to_search_comments() -> None:
    with pytest.raises(QueryError, match="add in:comments"):
        post_filter(parse("status:spam"), None)
    assert parse("in:comments status:spam").scope == "comments"


def test_names_match_whole_words_in_order() -> None:
    term = parse("tag:fiction").terms[0]
    assert name_matches(term, "Science Fiction")
    assert not name_matches(parse("tag:fict").terms[0], "Science Fiction")
    assert name_matches(parse("tag:fict*").terms[0], "Science Fiction")
    assert not name_matches(parse("tag:her").terms[0], "Heroes")


def test_unclosed_quotes_and_curly_quotes_are_phrases() -> None:
    assert parse('"haunting love').terms[0].text == "haunting love"
    assert parse("“haunting love”").terms[0].text == "haunting love"
    assert parse('tag:"Science Fiction"').terms[0].text == "science fiction"


VALUES = {"tag": ["Science Fiction", "Spike Jonze", "Her"], "author": ["Ruth", "Conor Holt"]}


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("ta", "tag:"),
        ("her au", "author:"),
        ("-ta", "-tag:"),
        ("tag:sc", 'tag:"Science Fiction"'),
        ("tag:fic", 'tag:"Science Fiction"'),
        ('tag:"Spi', 'tag:"Spike Jonze"'),
        ("author:co", 'author:"Conor Holt"'),
        ("is:un", "is:unread"),
        ("in:c", "in:comments"),
    ],
)
def test_completion_offers_fields_then_values(text: str, first: str) -> None:
    found = complete(text, VALUES)
    assert found.candidates[0] == first
    if not first.endswith(":"):
        assert parse(found.apply(text))  # a completed value is a valid query


def test_completion_explains_numbers_and_dates() -> None:
    assert "rating:>=4" in complete("rating:", VALUES).hint
    assert "2013-01..2013-06" in complete("x date:", VALUES).hint
    assert complete("", VALUES).candidates == ()


@settings(max_examples=500, deadline=None)
@given(QUERIES)
def test_completion_never_raises(text: str) -> None:
    found = complete(text, VALUES)
    assert 0 <= found.start <= len(text)
    for i in range(len(found.candidates)):
        assert found.apply(text, i).startswith(text[: found.start])


def test_queries_fold_as_the_search_index_does() -> None:
    """Accents and curly quotes fold like the indexed text (domain.text.fold)."""
    assert parse("Amélie").terms[0].text == "amelie"
    assert parse("tag:Iñárritu").terms[0].text == "inarritu"
    assert name_matches(parse("director:inarritu").terms[0], "Alejandro G. Iñárritu")


def test_a_line_break_in_a_bad_query_stays_on_one_line() -> None:
    # found by hypothesis: the message quoted the term as typed, line break included
    with pytest.raises(QueryError) as caught:
        parse('STATUS:"\n0')
    assert str(caught.value) == (
        'STATUS:"\\n0: status: is one of draft, pending, scheduled, published, private, trash, '
        "approved, spam"
    )


def test_a_bad_status_in_a_comment_search_lists_the_comments_statuses() -> None:
    """The new-user pass: `in:comments status:bogus` listed the posts' statuses too (draft,
    scheduled...), which a comment search then refuses."""
    for text in ("in:comments status:bogus", "status:bogus in:comments"):
        with pytest.raises(QueryError) as caught:
            parse(text)
        assert str(caught.value) == "status:bogus: status: is one of approved, pending, spam, trash"
    with pytest.raises(QueryError, match="draft, pending, scheduled"):  # posts: as before
        parse("status:bogus")
