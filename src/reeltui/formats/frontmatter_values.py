"""A front matter value as the type its field wants. YAML arrives as strings (BaseLoader) and
TOML typed, so each reader takes either: text, a list (or comma-separated text), a boolean
(yes/no, on/off...), a rating (a number or stars), a film year, a date (as leniently as Jekyll
and Hugo read them: `dates`), a nullable id, a word of a vocabulary. A value that is none of
these is a FormatError naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from reeltui.domain.models import DomainError, member
from reeltui.domain.rating import parse_rating, validate_rating
from reeltui.formats import FormatError, brief
from reeltui.formats.dates import parse_date

T = TypeVar("T", bound=str)
_TRUE = {"true", "yes", "on", "1", "y"}
_FALSE = {"false", "no", "off", "0", "n", ""}


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        raise FormatError(f"expected text, got {brief(value)}")
    return str(value)


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [as_text(v) for v in value if as_text(v)]
    return [part.strip() for part in as_text(value).split(",") if part.strip()]


def as_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FormatError(f"{key}: expected true or false, got {brief(value)}")


def as_rating(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "~")):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number_or_none = parse_rating(as_text(value))
        if number_or_none is None:
            raise FormatError(f"rating: not a rating: {brief(value)}") from None
        number = number_or_none
    try:
        return validate_rating(number)
    except DomainError as exc:
        raise FormatError(f"rating: {exc}") from exc


def as_year(value: Any) -> int | None:
    if value is None or as_text(value).strip().lower() in ("", "null", "~"):
        return None
    try:
        return int(as_text(value).strip())
    except ValueError:
        raise FormatError(f"film year: not a year: {brief(value)}") from None


def as_nullable(value: Any) -> str | None:
    text = as_text(value).strip()
    return None if text.lower() in ("", "null", "~", "none", "0") else text


def as_date(value: Any, key: str) -> str:
    text = as_text(value)
    try:
        return parse_date(text)
    except (ValueError, OverflowError) as exc:
        raise FormatError(f"{key}: not a date: {brief(text)} ({exc})") from None


def as_source(value: Any) -> dict[str, str]:
    return {str(k): as_text(v) for k, v in value.items()} if isinstance(value, dict) else {}


def as_word(choices: tuple[T, ...], raw: dict[str, Any], key: str, what: str) -> T:
    """A word of a vocabulary; absent or blank: its first (the default)."""
    return member(choices, as_text(raw.get(key, "")).strip() or choices[0], what)
