"""What a parsed query is: its terms (`Term`, numbers as a `Span`), the `Query` they make, the
`QueryError` a query that cannot be understood raises, and `fold`, the form both sides of
every comparison take. `query.parse` makes them; `query_eval` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reeltui.domain.models import DomainError
from reeltui.domain.text import fold as fold_text


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
