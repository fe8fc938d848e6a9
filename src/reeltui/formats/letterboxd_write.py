"""Write diary rows in Letterboxd's import format (a CSV Letterboxd's importer reads).

Columns: Title, Year, Directors, Rating (0.5 to 5 in half stars), WatchedDate (YYYY-MM-DD; a
row with one becomes a diary entry there), Rewatch (true/false), Tags (comma-separated) and
Review (plain text: the caller turns Markdown or HTML into text first).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

IMPORT_COLUMNS = (
    "Title",
    "Year",
    "Directors",
    "Rating",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
)


@dataclass
class ExportRow:
    title: str
    year: int | None = None
    directors: str = ""
    rating: float | None = None
    watched: str = ""
    rewatch: bool = False
    tags: list[str] = field(default_factory=list)
    review: str = ""


def _rating(value: float | None) -> str:
    """Half stars as Letterboxd writes them ("4.5", "4"); none below half a star."""
    if value is None or value < 0.5:
        return ""
    return f"{round(value * 2) / 2:g}"


def write_letterboxd(rows: list[ExportRow]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(IMPORT_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.title,
                "" if row.year is None else str(row.year),
                row.directors,
                _rating(row.rating),
                row.watched,
                "true" if row.rewatch else "false",
                ", ".join(t.replace(",", " ").strip() for t in row.tags if t.strip()),
                row.review.replace("\r\n", "\n"),
            ]
        )
    return out.getvalue().encode("utf-8")
