"""Completion of the search language while typing: field names, then their values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_CANDIDATES = 12
COMMENT_NAMED = ("author",)  # fields whose names are a comment's own in `in:comments`


@dataclass(frozen=True, slots=True)
class Completion:
    """What the last word being typed could become.

    `start` is where that word begins in the text; each candidate replaces text[start:].
    `hint` explains a field whose values are numbers or dates (nothing to list)."""

    start: int
    candidates: tuple[str, ...] = ()
    hint: str = ""

    def apply(self, text: str, index: int = 0) -> str:
        return text[: self.start] + self.candidates[index]


def _last_word(text: str) -> int:
    """Where the word under the cursor (the end of `text`) starts; quotes keep spaces in."""
    from reeltui.domain.query import QUOTES  # the language, read when completing (not at import)

    start, quote = 0, ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote or (quote == "”" and ch == '"'):
                quote = ""
        elif ch in QUOTES:
            quote = QUOTES[ch]
        elif ch.isspace():
            start = i + 1
    return start


def _quoted(value: str) -> str:
    from reeltui.domain.query import QUOTES

    return f'"{value}"' if any(ch.isspace() or ch in QUOTES for ch in value) or not value else value


def in_comments(text: str) -> bool:
    """Does `text` (the words before the one being typed) search comments (`in:comments`;
    the last `in:` says)?"""
    from reeltui.domain.query import fold

    scopes = [fold(w) for w in text.split() if fold(w).startswith("in:")]
    return bool(scopes) and scopes[-1] == "in:comments"


def complete(
    text: str,
    values: Mapping[str, Sequence[str]],
    comment_values: Mapping[str, Sequence[str]] | None = None,
) -> Completion:
    """Candidates for the word at the end of `text`. `values` lists the names a field may
    take on this blog (tag, category, author, director, cast), most used first: names that
    find posts. In a search of comments (`in:comments` before the word), a field of
    `comment_values` (author: the commenters' names) takes its names from there instead;
    None: not known yet (nothing offered for those fields)."""
    from reeltui.domain.query import CHOICES, FIELDS, QUOTES, fold
    from reeltui.domain.query_values import EXAMPLES
    from reeltui.domain.vocab import COMMENT_STATUSES, POST_STATUSES

    start = _last_word(text)
    comments = in_comments(text[:start])
    if comments:
        values = {**values, **(comment_values or dict.fromkeys(COMMENT_NAMED, ()))}
    word = text[start:]
    sign = "-" if word.startswith("-") else ""
    body = word[len(sign) :]
    if not body:
        return Completion(start)
    field, colon, partial = body.partition(":")
    if not colon:
        if any(ch in QUOTES for ch in body):
            return Completion(start)
        typed = fold(body)
        names = tuple(f"{sign}{f}:" for f in FIELDS if f.startswith(typed) and f != typed)
        exact = tuple(f"{sign}{f}:" for f in FIELDS if f == typed)
        return Completion(start, exact + names)
    field = field.lower()
    if field in EXAMPLES:
        return Completion(start, (), "" if partial else EXAMPLES[field])
    options: Sequence[str] = CHOICES.get(field) or values.get(field, ())
    if field == "status":  # the statuses the search takes (a post's are refused on comments)
        options = COMMENT_STATUSES if comments else POST_STATUSES
    typed = fold(partial.lstrip("".join(QUOTES)).rstrip('"”'))
    found: list[str] = []
    later: list[str] = []
    for option in options:
        folded = fold(option)
        if folded.startswith(typed):
            found.append(option)
        elif typed and f" {typed}" in f" {folded}":
            later.append(option)  # a later word of the name: "fiction" -> "Science Fiction"
        if len(found) >= MAX_CANDIDATES:
            break
    picked = (found + later)[:MAX_CANDIDATES]
    cands = tuple(f"{sign}{field}:{_quoted(o)}" for o in picked if fold(o) != typed or partial)
    return Completion(start, tuple(c for c in cands if c != word))
