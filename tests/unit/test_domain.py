from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.domain import (
    Comment,
    Post,
    excerpt,
    format_reels,
    parse_rating,
    reading_time,
    slugify,
    validate_rating,
    word_count,
)
from reeltui.domain.models import DomainError, thread_order
from reeltui.domain.text import unique_slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.5 out of 5 reels", 4.5),
        ("I give it 4.5 Out Of 5 Reels!", 4.5),
        ("4/5", 4.0),
        ("3,5/5", 3.5),
        ("8/10", 4.0),
        ("7 out of 10 stars", 3.5),
        ("★★★★½", 4.5),
        ("★★", 2.0),
        ("2½ out of 5 reels", 2.5),
        ("½ out of 5", 0.5),
        ("no rating here", None),
        ("released 2013/2014", None),
        ("6 out of 5", None),
        ("", None),
    ],
)
def test_parse_rating(text: str, expected: float | None) -> None:
    assert parse_rating(text) == expected


def test_validate_rating() -> None:
    assert validate_rating(4.5) == 4.5
    assert validate_rating(None) is None
    for bad in (7, -0.5, 4.2, "x", float("nan")):
        with pytest.raises(DomainError):
            validate_rating(bad)  # type: ignore[arg-type]


def test_format_reels() -> None:
    assert format_reels(4.5) == "●●●●◐ 4.5"
    assert format_reels(3, numeric=False) == "●●●○○"
    assert format_reels(0) == "○○○○○ 0"
    assert format_reels(None) == ""


def test_word_count_and_reading_time() -> None:
    text = "# Her\n\nSpike Jonze’s *HER* is [a film](http://example.com/x-y) about love.\n"
    assert word_count(text) == 9  # Her Spike Jonze’s HER is a film about love
    assert reading_time("") == 0
    assert reading_time("word " * 10) == 1
    assert reading_time("word " * 2300) == 10


def test_slugify() -> None:
    assert slugify("FlixChatter Review: Spike Jonze’s HER") == "flixchatter-review-spike-jonzes-her"
    assert (
        slugify("Guest Post: Elysium, Her & The Nature of Science Fiction")
        == "guest-post-elysium-her-the-nature-of-science-fiction"
    )
    assert slugify("Amélie (2001)") == "amelie-2001"
    assert slugify("Which 2013 movie(s) do you appreciate") == "which-2013-movies-do-you-appreciate"
    assert slugify("Rated 4.5 / 5 — wow") == "rated-4-5-5-wow"
    assert slugify("!!!") == "untitled"
    assert unique_slug("her", {"her", "her-2"}) == "her-3"


def test_excerpt() -> None:
    assert excerpt("short") == "short"
    long = "word " * 100
    cut = excerpt(long, 30)
    assert cut.endswith("…") and len(cut) <= 31


def test_post_and_comment_validate() -> None:
    with pytest.raises(DomainError):
        Post(id="p", slug="s", title="t", status="published-ish")
    with pytest.raises(DomainError):
        Comment(id="c", post_id="p", status="maybe")
    post = Post(id="p", slug="s", title="t", rating=4.5)
    assert Post.from_dict(post.to_dict()) == post


def test_thread_order_depths_and_orphans() -> None:
    def c(cid: str, parent: str | None, date: str) -> Comment:
        return Comment(id=cid, post_id="p", parent_id=parent, date=date)

    comments = [
        c("b", None, "2"),
        c("a", None, "1"),
        c("a1", "a", "3"),
        c("a1x", "a1", "4"),
        c("orphan", "gone", "5"),
        c("loop1", "loop2", "6"),
        c("loop2", "loop1", "7"),
    ]
    order = [(x.id, d) for x, d in thread_order(comments)]
    assert order[:5] == [("a", 1), ("a1", 2), ("a1x", 3), ("b", 1), ("orphan", 1)]
    assert {cid for cid, _ in order} == {x.id for x in comments}  # nothing hidden


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab _-'’\n*#[]()1²½éß\u0301٣.")), max_size=60) | st.text())
def test_word_count_counts_runs_holding_a_letter_or_digit(text: str) -> None:
    """One regex match per word (counted in C) is the definition: runs of letters, digits,
    ’ ' - _ with at least one letter or digit, in the text without Markdown markup."""
    from reeltui.domain.text import plain_text

    runs = re.findall(r"[\w’'-]+", plain_text(text))
    assert word_count(text) == sum(1 for w in runs if any(ch.isalnum() for ch in w))
