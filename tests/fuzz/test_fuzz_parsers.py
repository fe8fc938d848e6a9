"""Hostile input for the rating parser and the front-matter reader (hypothesis, 10,000 cases
each): the rating parser never raises and only returns ratings the domain accepts; the
front-matter reader lets nothing but FormatError out."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.domain.models import Post
from reeltui.domain.rating import _OUT_OF, _out_of_matches, parse_rating, validate_rating
from reeltui.formats import FormatError
from reeltui.formats.frontmatter import Parsed, post_from_text
from tests.fuzzing import examples

FUZZ = settings(
    max_examples=examples(10_000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)

# Cheap to generate (10,000 cases must fit in CI): token soups from pools of tricky pieces.
RATING_TOKENS = [
    *"0123456789",
    "½",
    "4.5",
    "4,5",
    "10",
    "100",
    "1000",
    "00",
    "1e309",
    "٣",
    "５",
    "-1",
    ".",
    ",",
    "/",
    " out of ",
    " of ",
    "out of",
    " OUT  OF ",
    "／",
    " ",
    "\t",
    "\n",
    " reels",
    " stars",
    " popcorn",
    " points",
    "reel",
    "★",
    "⭐",
    "☆",
    "½½",
    "x",
    "nan",
    "inf",
    "∞",
    "\u00a0",
    "\u2003",
    "ou",
    "Of",
    "o",
]
SEED = st.integers(0, 2**64)


def soup(pool: list[str], most: int) -> st.SearchStrategy[str]:
    """Strings of up to `most` pieces of `pool`, built from one drawn seed (cheap to draw)."""

    def build(seed: int) -> str:
        rng = random.Random(seed)
        return "".join(rng.choice(pool) for _ in range(rng.randint(0, most)))

    return SEED.map(build)


RATING_TEXT = st.one_of(st.text(max_size=40), soup(RATING_TOKENS, 12))


@FUZZ
@given(RATING_TEXT)
def test_parse_rating_never_raises_and_returns_valid_ratings(text: str) -> None:
    rating = parse_rating(text)
    if rating is not None:
        assert validate_rating(rating) == rating  # 0..5 in half steps


@FUZZ
@given(st.one_of(soup(RATING_TOKENS, 30), st.text(alphabet="1½ ./,ofutOF٣\u00a0", max_size=30)))
def test_rating_scan_finds_what_finditer_finds(text: str) -> None:
    """The fast scan in parse_rating yields exactly `_OUT_OF.finditer`'s matches, in order."""
    fast = [(m.span(), m.groups()) for m in _out_of_matches(text)]
    assert fast == [(m.span(), m.groups()) for m in _OUT_OF.finditer(text)]


KEYS = [
    "title",
    "slug",
    "author",
    "date",
    "modified",
    "lastmod",
    "status",
    "draft",
    "sticky",
    "categories",
    "tags",
    "excerpt",
    "summary",
    "rating",
    "film",
    "film_title",
    "film_year",
    "director",
    "cast",
    "id",
    "source",
    "params",
    "comments",
    "year",
    "body",
    "parent",
    "x",
]
VALUES = [
    "",
    "~",
    "null",
    "NO",
    "yes",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "4.5",
    "9",
    "1e9",
    "-1",
    "2013",
    "99999999999",
    "2014-01-11",
    "2014-13-45T99:00",
    "&a x",
    "*a",
    "!!python/object:x",
    "|",
    ">-",
    "'",
    '"',
    "[",
    "{",
    "- x",
    ": :",
    "? x",
    "%YAML 1.2",
    "@",
    "`",
    '"HER"',
    "published",
    "draft",
    "trash",
    "approved",
    "spam",
    "local",
    "queued",
    "pingback",
    "★★★★½",
    "4.5 out of 5 reels",
    "true",
    "[[[[",
    "{{",
    "'a''b'",
    "\t",
    "é",
    "\u202e",
    "\x1b[31m",
    "2023-01-29 18:30:22 2023 -0800",
    "Sun, 29 Jan 2023 18:30:22 PST",
    "Jan 29, 2023",
    "2023/01/29 6:30 pm",
    "29 February 2023",
    "&b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "&c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "*c",
]
LINES = [
    *(f"{k}: {v}" for k in KEYS for v in VALUES[::3]),
    *(f"  {k}: {v}" for k in KEYS[::2] for v in VALUES[1::3]),
    *(f"  - {k}: {v}" for k in KEYS[::3] for v in VALUES[2::3]),
    *(f'{k} = "{v}"' for k in KEYS[::2] for v in VALUES[::4]),
    *(f"{k} = {v}" for k in KEYS[1::2] for v in VALUES[1::4]),
    "film:",
    "comments:",
    "params:",
    "source:",
    "  -",
    "---",
    "+++",
    "...",
    "[film]",
    "[[comments]]",
    "#",
    "  #",
    "",
    "\t",
    "- - -",
    "? ",
    ": x",
    "a:\n  b:\n    c: d",
]


def front_matter(seed: int) -> str:
    rng = random.Random(seed)
    fence = rng.choice(["---", "+++"])
    head = "\n".join(rng.choice(LINES) for _ in range(rng.randint(0, 10)))
    newline = rng.choice(["\n", "\r\n"])
    body = "".join(rng.choice(["word ", "*", "#", "\n", ">", fence, "\x1b", "é"]) for _ in range(9))
    return newline.join([fence, head, fence, body])


FRONT_MATTER = SEED.map(front_matter)
DOCUMENT = st.one_of(
    FRONT_MATTER,
    st.text(max_size=60),
    st.tuples(st.sampled_from(["---\n", "+++\n", "\ufeff---\r\n"]), st.text(max_size=40)).map(
        "".join
    ),
)


NAME = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["2023-01-29-her.md", "2023-02-30-x.md", "2023-01-29-.md", "a/index.md", "_index.md"]
    ),
)


@FUZZ
@given(DOCUMENT, NAME)
def test_front_matter_reader_raises_only_format_error(text: str, name: str) -> None:
    try:
        parsed = post_from_text(text, name=name)
    except FormatError as exc:
        assert str(exc)  # a message for the user
        return
    assert isinstance(parsed, Parsed) and isinstance(parsed.post, Post)
    assert parsed.post.title and parsed.post.slug is not None


def test_front_matter_nested_very_deep_is_a_clear_error() -> None:
    for deep in ("[" * 10_000, "{a: " * 10_000, "- " * 10_000 + "x", "a: &x [*x]"):
        try:
            post_from_text(f"---\ntitle: {deep}\n---\nbody")
        except FormatError as exc:
            assert str(exc)
