"""Ratings in reels: 0 to 5 in half steps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reeltui.domain.models import DomainError
from reeltui.domain.patterns import lazy

MAX_RATING = 5.0
FULL_REEL = "●"
HALF_REEL = "◐"
EMPTY_REEL = "○"

_OUT_OF = lazy(
    r"(?<![\d.])(\d+(?:[.,]\d+)?|\d*\s*½)\s*(?:/|out\s+of|of)\s*(\d+(?:[.,]\d+)?)"
    r"(?:\s*(?:reels?|stars?|popcorn|points?))?",
    re.IGNORECASE,
)
_CUE = lazy(r"[\d½]\s*(?:/|o[uf])", re.IGNORECASE)
_STARS = lazy(r"([★⭐]+)\s*(½)?")


def validate_rating(value: float | None) -> float | None:
    """Return the rating if it is None or 0..5 in half steps, else raise DomainError."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise DomainError(f"rating must be a number, got {value!r}") from exc
    if number != number or not 0 <= number <= MAX_RATING:
        raise DomainError(f"rating must be between 0 and 5, got {value!r}")
    if number * 2 != int(number * 2):
        raise DomainError(f"rating must be in half steps, got {value!r}")
    return number


def _number(text: str) -> float:
    text = text.replace(",", ".").replace(" ", "")
    if text.endswith("½"):
        whole = text[:-1]
        return (float(whole) if whole else 0.0) + 0.5
    return float(text)


def _in_number(char: str) -> bool:
    """Can `char` be inside the first number of `_OUT_OF` (re's \\d is isdecimal, \\s isspace)?"""
    return char.isdecimal() or char.isspace() or char in ".,½"


def _out_of_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_OUT_OF.finditer(text)` yields, found several times faster in long bodies.

    Every match has a "number or ½, spaces, then `/`, `of` or `ou(t)`" in it (`_CUE`, a
    pattern Python's regex engine scans quickly). From each cue we step back over the
    characters a number can hold and try `_OUT_OF` at those few positions only, leftmost
    first, so the matches and their order are finditer's.
    """
    pos = 0
    while cue := _CUE.search(text, pos):
        end = cue.start()
        start = end
        while start > pos and _in_number(text[start - 1]):
            start -= 1
        for at in range(start, end + 1):
            match = _OUT_OF.match(text, at)
            if match is not None:
                yield match
                pos = match.end()
                break
        else:
            pos = end + 1


def parse_rating(text: str) -> float | None:
    """Find a rating in free text: "4.5 out of 5 reels", "4/5", "8/10", "★★★★½".

    Scales other than 5 are converted to 5 and rounded to the nearest half.
    Returns None when there is no rating in the text.
    """
    for match in _out_of_matches(text):
        try:
            value, scale = _number(match.group(1)), _number(match.group(2))
        except ValueError:
            continue
        if scale <= 0 or value > scale or scale > 100:
            continue
        return round(value / scale * MAX_RATING * 2) / 2
    stars = _STARS.search(text)
    if stars:
        value = len(stars.group(1)) + (0.5 if stars.group(2) else 0.0)
        if value <= MAX_RATING:
            return value
    return None


def format_reels(rating: float | None, numeric: bool = True) -> str:
    """ "●●●●◐ 4.5" for 4.5; empty string for no rating."""
    if rating is None:
        return ""
    full = int(rating)
    half = rating - full >= 0.5
    glyphs = FULL_REEL * full + (HALF_REEL if half else "")
    glyphs += EMPTY_REEL * (int(MAX_RATING) - full - (1 if half else 0))
    if not numeric:
        return glyphs
    return f"{glyphs} {rating:g}"
