"""The search language of the post list, the palette and `reeltui search`: parsing.

    her "science fiction" -trailer rating:>=4 tag:drama date:2013-01..2013-06 in:comments

Free words and "exact phrases" must all be in a post's text (`-word` must not be); fields
narrow by what a post is (see FIELDS). `parse` turns any string into a `Query` or raises
`QueryError` with one line saying what is wrong and what would be right: never anything else.
Pure and standard library only; `query_eval` applies a Query to posts and comments.

This module holds the fields and the parsing of a query's words; what a parsed query is
(Query, Term, Span, QueryError, fold) is in query_model.py, reading a number or date value
(rating:>=4, date:2013-01..2013-06) in query_values.py.
"""

from __future__ import annotations

import difflib

from reeltui.domain.models import COMMENT_STATUSES, POST_STATUSES
from reeltui.domain.patterns import lazy
from reeltui.domain.query_model import Query, QueryError, Term, fold
from reeltui.domain.query_values import EXAMPLES, date_range, number_span

__all__ = [  # the parsed forms are imported from here by most of their users
    "CHOICES",
    "FIELDS",
    "NAME_FIELDS",
    "NUMBER_FIELDS",
    "QUOTES",
    "Query",
    "QueryError",
    "Term",
    "fold",
    "parse",
]

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
QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}
_FIELD = lazy(r"([A-Za-z]+):")


def parse(text: str) -> Query:
    """The Query of `text`; QueryError (one line) when it cannot be understood."""
    terms: list[Term] = []
    scope = "posts"
    text = text.replace("\x00", " ")  # no record's text holds a NUL (it separates fields)
    tokens = _tokens(text)
    # a comment search's status: is one of the comments' (said so when it is none of them)
    scopes = [fold(v.strip()) for _, _, f, v, _ in tokens if f == "in"]  # (the last counts)
    comments = scopes[-1:] == ["comments"]
    for raw, negated, field, value, quoted in tokens:
        if not field:
            word = fold(value).strip() if quoted else fold(value)
            if word:
                terms.append(Term("", word, negated, raw=raw))
            continue
        term = _field_term(field, value, quoted, negated, raw, comments)
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


def _field_term(
    field: str, value: str, quoted: bool, negated: bool, raw: str, comments: bool = False
) -> Term:
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
            said = COMMENT_STATUSES if comments and field == "status" else options
            raise QueryError(f"{raw}: {field}: is one of {', '.join(said)}")
        return Term(field, word, negated, raw=raw)
    if field == "date":
        return Term(field, negated=negated, days=date_range(value, raw), raw=raw)
    return Term(field, negated=negated, span=number_span(field, value, raw), raw=raw)


def _example(field: str) -> str:
    if field in EXAMPLES:
        return EXAMPLES[field].split(",")[0]
    if field in CHOICES:
        return f"{field}:{CHOICES[field][0]}"
    return {"tag": "tag:Drama", "category": "category:Review", "author": "author:Ruth",
            "director": "director:Jonze", "cast": 'cast:"Amy Adams"',
            "title": "title:her"}[field]  # fmt: skip
