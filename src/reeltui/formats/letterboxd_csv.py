"""One Letterboxd CSV file -> diary rows, each bad row named by file, row and line.

Two layouts are read, told apart by their header (any case, spaces and underscores ignored):

- the account export's files: diary.csv (Date, Name, Year, Letterboxd URI, Rating, Rewatch,
  Tags, Watched Date), reviews.csv (the same and Review), ratings.csv (Date, Name, Year,
  Letterboxd URI, Rating), watched.csv and watchlist.csv (Date, Name, Year, Letterboxd URI);
- Letterboxd's import format: Title, Year, Rating or Rating10, WatchedDate, Rewatch, Tags,
  Review, and optionally LetterboxdURI, imdbID, tmdbID, Directors.

A file that is not one of these, not UTF-8 or not valid CSV is refused whole (`Refused`):
nothing of it is used. A bad row (a rating of 7, a date of 2014-02-30) is left out with a
line saying where and why; the other rows are read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from reeltui.domain.diary import DiaryEntry, half_stars, parse_day
from reeltui.domain.models import DomainError, member
from reeltui.domain.vocab import DIARY_SOURCES
from reeltui.errors import ReelError

MAX_FIELD = 16 << 20  # a review may be long; a field bigger than this is not a review
KINDS = ("diary", "review", "rating", "watched", "watchlist", "csv")
_COLUMNS = {
    "name": "title",
    "title": "title",
    "year": "year",
    "letterboxduri": "uri",
    "rating": "rating",
    "rating10": "rating10",
    "rewatch": "rewatch",
    "review": "review",
    "tags": "tags",
    "watcheddate": "watched",
    "date": "logged",
    "directors": "directors",
}
_YES = {"yes", "true", "1", "y"}
_NO = {"", "no", "false", "0", "n"}


class Refused(ReelError, ValueError):
    """A whole file that cannot be used; the message names it and says why."""


@dataclass
class CsvRead:
    name: str
    kind: str
    entries: list[DiaryEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _column(header: str) -> str:
    return header.strip().lstrip("\ufeff").casefold().replace(" ", "").replace("_", "")


def file_kind(name: str, columns: list[str]) -> str:
    """Which file of the export (or "csv", the import format) a normalised header is."""
    have = set(columns)
    if "name" not in have:
        return "csv"
    if "review" in have:
        return "review"
    if "watcheddate" in have:
        return "diary"
    if "rating" in have:
        return "rating"
    return "watchlist" if name.rsplit("/", 1)[-1].casefold().startswith("watchlist") else "watched"


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(
            f"{name}: not UTF-8 text (byte {exc.start}); nothing from it was imported"
        ) from None


def read_csv(data: bytes, name: str) -> CsvRead:
    """The rows of one CSV file. Raises Refused when the file cannot be used at all."""
    text = decode(data, name)
    if not text.strip():
        raise Refused(f"{name}: the file is empty; nothing from it was imported")
    if "\x00" in text:
        raise Refused(f"{name}: holds NUL bytes, not CSV text; nothing from it was imported")
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    try:
        return _read_rows(text, name)
    finally:
        csv.field_size_limit(previous)


def _read_rows(text: str, name: str) -> CsvRead:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        raw_columns = [_column(h) for h in header]
        fields_of = [_COLUMNS.get(c, "") for c in raw_columns]
        if not ({"title"} & set(fields_of)):
            shown = ",".join(header)[:80]
            raise Refused(
                f"{name}: not a Letterboxd CSV (its header {shown!r} has no Name or Title "
                "column); nothing from it was imported"
            )
        named = [f for f in fields_of if f]
        if len(named) != len(set(named)):
            raise Refused(f"{name}: the header names a column twice; nothing was imported")
        kind = file_kind(name, raw_columns)
        result = CsvRead(name, kind)
        line = reader.line_num + 1
        for number, row in enumerate(reader, 1):
            where = f"{name}, row {number} (line {line})"
            line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            extra = row[len(fields_of) :]
            if len(row) < len(fields_of) or any(cell.strip() for cell in extra):
                result.problems.append(
                    f"{where}: {len(row)} fields where the header has {len(fields_of)}; row skipped"
                )
                continue
            values = {f: cell for f, cell in zip(fields_of, row, strict=False) if f}
            try:
                result.entries.append(row_entry(values, kind))
            except DomainError as exc:
                result.problems.append(f"{where}: {exc}; row skipped")
    except csv.Error as exc:
        raise Refused(
            f"{name}: not valid CSV (line {reader.line_num}: {exc}); nothing from it was imported"
        ) from None
    return result


def _year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1870 <= int(text) <= 2200:
        raise DomainError(f"year {text!r} is not a film year")
    return int(text)


def _rating(values: dict[str, str]) -> float | None:
    ten = values.get("rating10", "").strip()
    if ten and not values.get("rating", "").strip():
        if not ten.isdigit() or not 1 <= int(ten) <= 10:
            raise DomainError(f"Rating10 {ten!r} is not a whole number from 1 to 10")
        return int(ten) / 2
    return half_stars(values.get("rating", ""))


def _rewatch(text: str) -> bool:
    word = text.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise DomainError(f"rewatch {text!r} is neither Yes nor empty")


def _day(text: str) -> str:
    text = text.strip()
    if text:
        parse_day(text)
    return text


def row_entry(values: dict[str, str], kind: str) -> DiaryEntry:
    """One row's diary entry (id left empty). DomainError says what is wrong with it."""
    title = values.get("title", "").strip()
    if not title:
        raise DomainError("no film title")
    tags = [t.strip() for t in values.get("tags", "").split(",") if t.strip()]
    source = member(
        DIARY_SOURCES, {"rating": "watched", "watchlist": "watched"}.get(kind, kind), "diary source"
    )
    return DiaryEntry(
        id="",
        title=title,
        year=_year(values.get("year", "")),
        watched=_day(values.get("watched", "")),
        logged=_day(values.get("logged", "")),
        rating=_rating(values),
        rewatch=_rewatch(values.get("rewatch", "")),
        tags=tags,
        review=values.get("review", "").strip("\r\n"),
        uri=values.get("uri", "").strip(),
        directors=values.get("directors", "").strip(),
        source=source,
    )
