"""The values of a query's number and date fields, read into what a term compares with:
rating, year and comments as a `Span` (4, >=4, 3..4, rating:none), a date as the ISO days
[from, before) of a year, month or day, an open or closed range of them (2013, >=2013-06,
2013-01..2013-06). A value that cannot be read is a one-line QueryError with an example.
"""

from __future__ import annotations

import datetime as dt

from reeltui.domain.patterns import lazy
from reeltui.domain.query_model import QueryError, Span, fold

EXAMPLES = {
    "rating": "rating:4.5, rating:>=4, rating:3..4 or rating:none",
    "year": "year:2013, year:>=2000 or year:1990..1999",
    "comments": "comments:>10, comments:0 or comments:5..20",
    "date": "date:2013, date:2013-11, date:2013-11-05, date:2013-01..2013-06 or date:>=2013-06",
}
_OPS = (">=", "<=", ">", "<", "=")
_DATE = lazy(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


# -- numbers: rating, year, comments ----------------------------------------------------


def _number(field: str, text: str, raw: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):  # not a number
        raise QueryError(f"{raw}: {field}: needs a number: {EXAMPLES[field]}")
    if field == "rating":
        if not 0 <= value <= 5:
            raise QueryError(f"{raw}: {text} is out of range: ratings are 0 to 5 reels")
    elif value != int(value) or not 0 <= value <= 10_000:
        raise QueryError(f"{raw}: {field}: needs a whole number from 0 to 10000: {EXAMPLES[field]}")
    return value


def number_span(field: str, value: str, raw: str) -> Span | None:
    if field == "rating" and fold(value) in ("none", "no", "unrated"):
        return None
    if ".." in value:
        lo_text, _, hi_text = value.partition("..")
        lo = _number(field, lo_text, raw) if lo_text else None
        hi = _number(field, hi_text, raw) if hi_text else None
        if lo is None and hi is None:
            raise QueryError(f"{raw}: {field}: needs a number: {EXAMPLES[field]}")
        if lo is not None and hi is not None and lo > hi:
            raise QueryError(f"{raw}: the range is empty ({lo:g} is more than {hi:g})")
        return Span(lo, hi)
    op = next((o for o in _OPS if value.startswith(o)), "=")
    number = _number(field, value[len(op) :] if value.startswith(op) else value, raw)
    return {
        "=": Span(number, number),
        ">=": Span(lo=number),
        "<=": Span(hi=number),
        ">": Span(lo=number, lo_open=True),
        "<": Span(hi=number, hi_open=True),
    }[op]


# -- dates ------------------------------------------------------------------------------


LOW, HIGH = "0000", "9999-99-99"  # below and above every "YYYY-MM-DD"


def _period(text: str, raw: str) -> tuple[str, str]:
    """The first day of the period `text` names (a year, month or day) and the day after."""
    match = _DATE.match(text.strip())
    if match is None:
        raise QueryError(f"{raw}: date: needs a year, month or day: {EXAMPLES['date']}")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        first = dt.date(year, month or 1, day or 1)
    except ValueError:
        raise QueryError(f"{raw}: there is no such date as {text.strip()}") from None
    if day:
        after = first + dt.timedelta(days=1) if first < dt.date.max else None
    elif month:
        after = dt.date(year + (month == 12), month % 12 + 1, 1) if year < dt.MAXYEAR else None
    else:
        after = dt.date(year + 1, 1, 1) if year < dt.MAXYEAR else None
    return first.isoformat(), after.isoformat() if after else HIGH


def date_range(value: str, raw: str) -> tuple[str, str]:
    """[from, before) as ISO days: comparing a post's "YYYY-MM-DD" with them is exact."""
    if ".." in value:
        lo_text, _, hi_text = value.partition("..")
        if not lo_text and not hi_text:
            raise QueryError(f"{raw}: date: needs a year, month or day: {EXAMPLES['date']}")
        lo = _period(lo_text, raw)[0] if lo_text else LOW
        hi = _period(hi_text, raw)[1] if hi_text else HIGH
        if lo >= hi:
            raise QueryError(f"{raw}: the range is empty ({lo_text} is after {hi_text})")
        return lo, hi
    op = next((o for o in _OPS if value.startswith(o)), "=")
    first, after = _period(value[len(op) :] if value.startswith(op) else value, raw)
    return {
        "=": (first, after),
        ">=": (first, HIGH),
        ">": (after, HIGH),
        "<=": (LOW, after),
        "<": (LOW, first),
    }[op]
