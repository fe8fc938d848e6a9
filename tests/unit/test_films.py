"""Film titles named in readers' comments (domain/films.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reeltui.domain.films import films_named, not_a_title

TITLES = ["Her", "The Wolf of Wall Street", "Inside Llewyn Davis", "Gravity", "12 Years a Slave"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("*12 Years a Slave*, no question.", ["12 Years a Slave"]),
        ("*The Wolf of Wall Street*. *Gravity*?", ["The Wolf of Wall Street", "Gravity"]),
        ("wolf of wall street was three hours", ["The Wolf of Wall Street"]),
        ("Agree on *Wolf*, Jenna. I'd add *Inside Llewyn Davis*", ["Inside Llewyn Davis"]),
        ("Her performance and her voice", []),  # a one-word title must look like a title
        ("I loved HER", ["Her"]),
        ('I saw "Her" twice, and _Gravity_ once', ["Her", "Gravity"]),
        ("the gravity of it all", []),
        ("Inside Llewyn Davises", []),  # whole words only
    ],
)
def test_titles_found_in_comments(text: str, named: list[str]) -> None:
    assert films_named(text, TITLES) == named


def test_genres_and_year_lists_are_not_titles() -> None:
    assert not_a_title("Science Fiction") and not_a_title("sci-fi") and not_a_title("2013 movies")
    assert not not_a_title("Elysium") and not not_a_title("The Wolf of Wall Street")


@given(st.text(max_size=200), st.lists(st.text(max_size=30), max_size=5))
def test_any_text_and_titles_never_raise(text: str, titles: list[str]) -> None:
    assert set(films_named(text, titles)) <= set(titles)
