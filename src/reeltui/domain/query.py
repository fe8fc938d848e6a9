"""The search language of the post list, the palette and `reeltui search`: parsing.

    her "science fiction" -trailer rating:>=4 tag:drama date:2013-01..2013-06 in:comments

Free words and "exact phrases" must all be in a post's text (`-word` must not be); fields
narrow by what a post is (see FIELDS). `parse` turns any string into a `Query` or raises
`QueryError` with one line saying what is wrong and what would be right: never anything else.
Pure and standard library only; `query_eval` applies a Query to posts and comments.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from reeltui.domain.models import COMMENT_STATUSES, POST_STATUSES, DomainError
from reeltui.domain.patterns import lazy
from reeltui.domain.text import fold as fold_text

NAME_FIELDS = ("tag", "category", "author", "director", "cast", "title")
NUMBER_FIELDS = ("rating", "year", "comments")
CHOICES: dict[str, tuple[str, ...]] = {
    "status": tuple(dict.fromkeys(POST_STATUSES + COMMENT_STATUSES)),
    "is": (
        "unread",
        "read",
        "draft",
        "published",
        "pending",
        "scheduled",
        "private",
        "trash",
        "sticky",
        "review",
    ),
    "has": ("queued", "pending", "new", "rating", "film"),
    "in": ("posts", "comments"),
}
FIELDS = (*NAME_FIELDS, *NUMBER_FIELDS, "date", *CHOICES)
EXAMPLES = {
    "rating": "rating:4.5, rating:>=4, rating:3..4 or rating:none",
    "year": "year:2013, year:>=2000 or year:1990..1999",
    "comments": "comments:>10, comments:0 or comments:5..20",
    "date": "date:2013, date:2013-11, date:2013-11-05, date:2013-01..2013-06 or date:>=2013-06",
}
QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}
_OPS = (">=", "<=", ">", "<", "=")
_FIELD = lazy(r"([A-Za-z]+):")
_DATE = lazy(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class QueryError(DomainError):
    """A query that cannot be understood; the message is one line for the user (a line break
    typed or pasted into the query is shown as \\n, never breaks it)."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message.replace("\r", "\\r").replace("\n", "\\n"), hint=hint)


@dataclass(frozen=True, slots=True)
class Span:
    """A closed-or-open interval of numbers (None: unbounded)."""

    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, value: float) -> bool:
        if self.lo is not None and (value < self.lo or (self.lo_open and value == self.lo)):
            return False
        return not (
            self.hi is not None and (value > self.hi or (self.hi_open and value == self.hi))
        )


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a query. `field` is "" for free text; `text` is the folded word or phrase
    (free text), the name (name fields) or the keyword (status, is, has, in). `span` holds
    numbers (rating, year, comments: None for `rating:none`); `days` a date range as
    ("YYYY-MM-DD" from, "YYYY-MM-DD" before)."""

    field: str
    text: str = ""
    negated: bool = False
    prefix: bool = False  # a name ending in `*`
    span: Span | None = None
    days: tuple[str, str] | None = None
    raw: str = ""  # as typed, for messages


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...] = ()
    scope: str = "posts"  # or "comments" (in:comments)

    @property
    def words(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.field)

    def fields(self, *names: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.field in names)

    def __bool__(self) -> bool:
        return bool(self.terms) or self.scope != "posts"


def fold(text: str) -> str:
    """The form used on both sides of every comparison: the search index's (case, accents,
    curly quotes folded: `domain.text.fold`)."""
    return fold_text(text)


def parse(text: str) -> Query:
    """The Query of `text`; QueryError (one line) when it cannot be understood."""
    terms: list[Term] = []
    scope = "posts"
    text = text.replace("\x00", " ")  # no record's text holds a NUL (it separates fields)
    for raw, negated, field, value, quoted in _tokens(text):
        if not field:
            word = fold(value).strip() if quoted else fold(value)
            if word:
                terms.append(Term("", word, negated, raw=raw))
            continue
        term = _field_term(field, value, quoted, negated, raw)
        if term.field == "in":
            if negated:
                raise QueryError(f"{raw}: in: cannot be negated; use in:posts or in:comments")
            scope = term.text
            continue
        terms.append(term)
    return Query(tuple(terms), scope)


def _tokens(text: str) -> list[tuple[str, bool, str, str, bool]]:
    """(raw, negated, field, value, quoted) for each whitespace-separated part of `text`."""
    found = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        field = ""
        match = _FIELD.match(text, i)
        if match:
            field = match.group(1).lower()
            i = match.end()
        quoted = i < n and text[i] in QUOTES
        if quoted:
            end = _closing(text, i)
            value = text[i + 1 : end] if end >= 0 else text[i + 1 :]  # unclosed: to the end
            i = end + 1 if end >= 0 else n
        else:
            end = i
            while end < n and not text[end].isspace():
                end += 1
            value = text[i:end]
            i = end
        raw = text[start:i]
        if not field and not quoted and value in ("", "-"):
            continue  # a lone "-"
        found.append((raw, negated, field, value, quoted))
    return found


def _closing(text: str, at: int) -> int:
    """Where the quote opened at `at` closes (-1: it does not); ” also closes on a "."""
    closers = {QUOTES[text[at]]} | ({'"'} if text[at] == "”" else set())
    found = [e for e in (text.find(c, at + 1) for c in closers) if e >= 0]
    return min(found, default=-1)


def _field_term(field: str, value: str, quoted: bool, negated: bool, raw: str) -> Term:
    if field not in FIELDS:
        near = difflib.get_close_matches(field, FIELDS, n=1)
        hint = f"did you mean {near[0]}:? " if near else ""
        raise QueryError(
            f"unknown field {field}: ({hint}fields are {', '.join(f + ':' for f in FIELDS)}; "
            'put "quotes" around text with a colon)'
        )
    value = value.strip()
    if not value:
        raise QueryError(f"{field}: needs a value, like {_example(field)}")
    if field in NAME_FIELDS:
        prefix = not quoted and value.endswith("*")
        name = fold(value.rstrip("*") if prefix else value)
        if not any(ch.isalnum() for ch in name):
            raise QueryError(f"{raw}: {field}: needs a name, like {_example(field)}")
        return Term(field, name, negated, prefix=prefix, raw=raw)
    if field in CHOICES:
        word = fold(value)
        options = CHOICES[field]
        if word not in options:
            raise QueryError(f"{raw}: {field}: is one of {', '.join(options)}")
        return Term(field, word, negated, raw=raw)
    if field == "date":
        return Term(field, negated=negated, days=_date_range(value, raw), raw=raw)
    return Term(field, negated=negated, span=_number_span(field, value, raw), raw=raw)


def _example(field: str) -> str:
    if field in EXAMPLES:
        return EXAMPLES[field].split(",")[0]
    if field in CHOICES:
        return f"{field}:{CHOICES[field][0]}"
    return {"tag": "tag:Drama", "category": "category:Review", "author": "author:Ruth",
            "director": "director:Jonze", "cast": 'cast:"Amy Adams"',
            "title": "title:her"}[field]  # fmt: skip


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


def _number_span(field: str, value: str, raw: str) -> Span | None:
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


def _date_range(value: str, raw: str) -> tuple[str, str]:
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
