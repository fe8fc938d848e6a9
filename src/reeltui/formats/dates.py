"""Dates as static site generators accept them in front matter, read into ISO 8601.

Jekyll reads dates with Ruby's lenient `Time.parse` and Hugo tries a long list of layouts, so
real `_posts/` folders hold all of these:

    2023-01-29T18:30:22-08:00      2023-01-29 18:30:22 -0800     2023-01-29 18:30:22 2023 -0800
    2023-01-29 18:30               2023-01-29                    2023/01/29 6:30 pm
    Sun, 29 Jan 2023 18:30:22 PST  Jan 29, 2023                  29 January 2023 18:30 UTC
    Sun Jan 29 18:30:22 -0800 2023 2023-01-29T18:30:22.123Z

A date without a zone stays without one (the site's local time, as the generator takes it).
Words a generator ignores (weekdays, "at", a repeated year) are ignored here too; a text
with no recognisable day is refused.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
ZONES = {
    "z": 0, "ut": 0, "utc": 0, "gmt": 0,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    "akst": -9, "akdt": -8, "hst": -10,
    "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "msk": 3, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s,_])")
_TOKEN = re.compile(
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)"
    r"|(?P<offset>[+-]\d{2}:?\d{2}|[+-]\d{1,2}(?![\d:]))"
    r"|(?P<number>\d+)(?:st|nd|rd|th)?"
    r"|(?P<word>[A-Za-z]+)\.?"
)
_MAX_TEXT = 100


def _offset(text: str) -> dt.timezone:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (
        (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    )
    if hours > 18 or minutes > 59:
        raise ValueError(f"{text} is not a time zone offset")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _iso(text: str) -> dt.datetime | None:
    candidate = text[:-1] + "+00:00" if text[-1:] in "zZ" else text
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        return None


def parse_date(text: str) -> str:
    """`text` as an ISO 8601 date ("" for an empty text). ValueError when no date is in it."""
    text = text.strip()
    if not text:
        return ""
    if len(text) > _MAX_TEXT:
        raise ValueError("too long to be a date")
    found = _iso(text)
    if found is not None:
        return found.isoformat()
    year = month = day = None
    rest = text
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        year, month, day = (int(g) for g in numeric.groups())
        rest = text[numeric.end() :].lstrip("T_ ,")
    clock: str | None = None
    zone: dt.timezone | None = None
    pm: bool | None = None
    for token in _TOKEN.finditer(rest):
        kind, value = token.lastgroup, token.group(token.lastgroup or 0)
        if kind == "time" and clock is None:
            clock = value
        elif kind == "offset" and zone is None and (clock is not None or day is not None):
            zone = _offset(value)
        elif kind == "number":
            number = int(value)
            if len(value) == 4 and year is None:
                year = number
            elif len(value) <= 2 and day is None and 1 <= number <= 31:
                day = number
        elif kind == "word":
            word = value.lower()
            if word in MONTHS and month is None:
                month = MONTHS[word]
            elif word in ("am", "pm", "a", "p"):
                pm = word.startswith("p")
            elif word in ZONES and zone is None:
                zone = dt.timezone(dt.timedelta(hours=ZONES[word]))
    if year is None or month is None or day is None:
        raise ValueError("no day, month and year in it")
    hour = minute = second = micro = 0
    if clock is not None:
        parts = clock.replace(",", ".").split(":")
        hour, minute = int(parts[0]), int(parts[1])
        if len(parts) > 2:
            whole, _, fraction = parts[2].partition(".")
            second, micro = int(whole), int((fraction + "000000")[:6])
        if pm is not None and 1 <= hour <= 12:
            hour = hour % 12 + (12 if pm else 0)
    return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=zone).isoformat()
