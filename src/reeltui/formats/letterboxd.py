"""Read a Letterboxd account export (the zip, its unzipped folder, or one CSV) as diary entries.

The export's files are joined the way Letterboxd means them: diary.csv holds the viewings;
reviews.csv the reviews, each on the viewing with the same Letterboxd URI (a review with no
viewing is an entry of its own); watched.csv and ratings.csv the films marked watched, which
become undated entries only for films with no viewing; watchlist.csv (films not seen yet) is
not part of a diary. Folders of deleted or orphaned entries, likes and lists are left alone.
Letterboxd's import format (Title, Year, Rating, WatchedDate...) is read too.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reeltui.domain.diary import DiaryEntry
from reeltui.formats import FormatError
from reeltui.formats.letterboxd_csv import CsvRead, Refused, read_csv

EXPORT_FILES = ("diary.csv", "reviews.csv", "ratings.csv", "watched.csv", "watchlist.csv")
MAX_FILE = 128 << 20  # one CSV of an export; bigger is not a diary (or a zip bomb)
_ORDER = {"diary": 0, "review": 1, "watched": 2, "rating": 3, "watchlist": 4, "csv": 5}


@dataclass
class LetterboxdRead:
    """What was read: the entries, the rows and files left out (one line each), notes."""

    source: str
    entries: list[DiaryEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows left out
    refused: list[str] = field(default_factory=list)  # files left out whole
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files read


def is_letterboxd(path: Path) -> bool:
    """Does `path` look like something this reader takes (a zip, a CSV, an export folder)?"""
    if path.is_dir():
        return any((path / name).is_file() for name in EXPORT_FILES)
    return path.suffix.casefold() in (".zip", ".csv")


def read_letterboxd(path: Path) -> LetterboxdRead:
    """Read `path`. FormatError (one line naming the file) when nothing of it can be used."""
    files = _load(path)
    result = LetterboxdRead(str(path))
    reads: list[CsvRead] = []
    for name, data in files:
        try:
            reads.append(read_csv(data, name))
        except Refused as exc:
            result.refused.append(str(exc))
    if not reads:
        raise FormatError("; ".join(result.refused) or _nothing(path))
    reads.sort(key=lambda r: _ORDER[r.kind])
    result.files = [r.name for r in reads]
    for read in reads:
        result.problems += read.problems
    result.entries = combine(reads, result.notes)
    return result


def _nothing(path: Path) -> str:
    return f"{path}: no readable Letterboxd file in it ({', '.join(EXPORT_FILES)})"


def _load(path: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of the CSV files to read at `path`."""
    if path.is_dir():
        found = [
            (name, _read_file(path / name)) for name in EXPORT_FILES if (path / name).is_file()
        ]
        if not found:
            raise FormatError(
                f"{path}: not a Letterboxd export folder (no {', '.join(EXPORT_FILES)})"
            )
        return found
    if not path.exists():
        raise FormatError(f"{path}: no such file or folder")
    if path.suffix.casefold() == ".zip":
        return _zip_members(path)
    return [(path.name, _read_file(path))]


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        raise FormatError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE:
        raise FormatError(f"{path}: bigger than {MAX_FILE >> 20} MB: not a Letterboxd export")
    return data


def _wanted(member: str) -> bool:
    """An export file at the top of the zip, or in its one top folder (never deleted/...)."""
    parts = PurePosixPath(member).parts
    if not parts or parts[-1].casefold() not in EXPORT_FILES:
        return False
    return len(parts) == 1 or (
        len(parts) == 2 and parts[0].casefold() not in ("deleted", "orphaned", "likes", "lists")
    )


def _zip_members(path: Path) -> list[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir() and _wanted(i.filename)]
            if not members:
                raise FormatError(
                    f"{path}: not a Letterboxd export (no {', '.join(EXPORT_FILES)} in the zip)"
                )
            found = []
            for info in members:
                if info.file_size > MAX_FILE:
                    raise FormatError(f"{path}: {info.filename} is bigger than {MAX_FILE >> 20} MB")
                with archive.open(info) as member:
                    data = member.read(MAX_FILE + 1)
                if len(data) > MAX_FILE:
                    raise FormatError(f"{path}: {info.filename} is bigger than {MAX_FILE >> 20} MB")
                found.append((PurePosixPath(info.filename).name, data))
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise FormatError(f"{path}: not a readable zip file ({exc})") from None
    except (OSError, RuntimeError, NotImplementedError) as exc:  # encrypted, odd compression
        raise FormatError(f"{path}: cannot read the zip ({exc})") from None


def combine(reads: list[CsvRead], notes: list[str]) -> list[DiaryEntry]:
    """The entries of the files of one export joined (see the module's docstring)."""
    entries: list[DiaryEntry] = []
    by_uri: dict[str, DiaryEntry] = {}
    films: set[tuple[str, int | None]] = set()
    film_ratings: dict[str, float] = {}
    for read in reads:
        for row in read.entries:
            if read.kind == "watchlist":
                continue
            if read.kind == "review" and row.uri in by_uri:
                _add_review(by_uri[row.uri], row)
                continue
            if read.kind in ("watched", "rating"):
                if read.kind == "rating" and row.rating is not None:
                    film_ratings.setdefault(row.uri, row.rating)
                if row.film_key in films:
                    continue
                row.rating = row.rating if row.rating is not None else film_ratings.get(row.uri)
            entries.append(row)
            films.add(row.film_key)
            if row.uri:
                by_uri.setdefault(row.uri, row)
        if read.kind == "watchlist" and read.entries:
            notes.append(
                f"{read.name}: {len(read.entries)} films to watch are not part of the diary "
                "(not imported)"
            )
    for entry in entries:  # ratings.csv read after watched.csv: rate the undated films
        if entry.source == "watched" and entry.rating is None:
            entry.rating = film_ratings.get(entry.uri)
    return entries


def _add_review(entry: DiaryEntry, review: DiaryEntry) -> None:
    entry.review = review.review
    if entry.rating is None:
        entry.rating = review.rating
    if not entry.tags:
        entry.tags = list(review.tags)
    entry.rewatch = entry.rewatch or review.rewatch
