"""The film diary: what the writer watched (from Letterboxd), reviewed on the blog or not."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from reeltui.domain.models import DomainError
from reeltui.domain.patterns import lazy
from reeltui.domain.rating import validate_rating
from reeltui.domain.vocab import DIARY_SOURCES, DiarySource

_PUNCT = lazy(r"[^\w\s]", re.UNICODE)


@dataclass(slots=True)
class DiaryEntry:
    """One viewing (with a watch date) or a film marked watched (no date)."""

    id: str
    title: str
    year: int | None = None
    watched: str = ""  # YYYY-MM-DD; "" for a film marked watched without a date
    logged: str = ""  # YYYY-MM-DD the entry was logged on Letterboxd ("Date")
    rating: float | None = None  # 0.5 to 5 in half stars
    rewatch: bool = False
    tags: list[str] = field(default_factory=list)
    review: str = ""  # as written on Letterboxd (its few HTML tags kept)
    uri: str = ""  # the Letterboxd URI of the viewing, or of the film when undated
    directors: str = ""
    source: DiarySource = "diary"  # which file it came from

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise DomainError("a diary entry needs a film title")
        if self.source not in DIARY_SOURCES:
            raise DomainError(f"unknown diary source {self.source!r}")
        self.rating = validate_rating(self.rating)
        for name in ("watched", "logged"):
            value = getattr(self, name)
            if value:
                parse_day(value)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DiaryEntry:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def film_key(self) -> tuple[str, int | None]:
        return (title_key(self.title), self.year)

    @property
    def natural_key(self) -> tuple[str, int | None, str]:
        """What identifies an entry without a Letterboxd URI: the film and the day."""
        return (title_key(self.title), self.year, self.watched)


def title_key(title: str) -> str:
    """A film title for matching: case, accents, punctuation and spacing ignored
    ("Amélie" = "Amelie", "Spider-Man: No Way Home" = "spider man no way home")."""
    text = unicodedata.normalize("NFKD", title.replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date; DomainError (saying what is wrong) otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise DomainError(f"date {text!r} is not YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise DomainError(f"date {text!r} does not exist ({exc})") from None


def parse_month(text: str) -> str:
    """ "2013-11" (or "2013-1") as "2013-11"; DomainError with one line otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DomainError(f"a month looks like 2013-11, not {text!r}")
    return f"{match.group(1)}-{int(match.group(2)):02d}"


def half_stars(text: str) -> float | None:
    """A Letterboxd rating ("4.5", "" for none): 0.5 to 5 in half stars, else DomainError."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise DomainError(f"rating {text!r} is not a number") from None
    if not 0.5 <= value <= 5 or value * 2 != int(value * 2):
        raise DomainError(f"rating {text!r} is not between 0.5 and 5 in half stars")
    return value
