"""`reeltui export --format letterboxd`: the blog's reviews and the diary in Letterboxd's
import format, so a writer can move them there.

Each diary entry is a row (its watch date makes it a diary entry on Letterboxd). Each review
post (film facts filled in; published or private) is a row with its text as plain text, its
rating and tags; a review linked to exactly one diary entry without a review of its own gives
its text to that entry's row instead of making a second one. Drafts are left out. Ratings
are half stars (0 reels has no Letterboxd equivalent and is left empty).
The file is written crash-safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.models import Post
from reeltui.formats import FormatError
from reeltui.formats.letterboxd_write import ExportRow, write_letterboxd
from reeltui.formats.plaintext import html_to_plain, markdown_to_plain
from reeltui.services import diary
from reeltui.services.blog import Blog
from reeltui.services.exporting import check_outside, clean_leftovers, refuse_foreign
from reeltui.store.storage import atomic_write_bytes

EXPORTED_STATUSES = ("published", "private")


@dataclass(frozen=True, slots=True)
class LetterboxdExport:
    path: Path
    rows: int
    entries: int
    reviews: int
    drafts_left_out: int


def _entry_row(entry: DiaryEntry) -> ExportRow:
    return ExportRow(
        title=entry.title,
        year=entry.year,
        directors=entry.directors,
        rating=entry.rating,
        watched=entry.watched,
        rewatch=entry.rewatch,
        tags=list(entry.tags),
        review=html_to_plain(entry.review),
    )


def _post_row(post: Post) -> ExportRow:
    return ExportRow(
        title=post.film.title.strip(),
        year=post.film.year,
        directors=post.film.director,
        rating=post.rating,
        tags=list(post.tags),
        review=markdown_to_plain(post.body),
    )


def export_rows(blog: Blog) -> tuple[list[ExportRow], LetterboxdExport]:
    found = diary.entries(blog)
    found.sort(key=lambda e: (e.watched or "9999", e.title.casefold()))
    posts = {p.id: p for p in diary.reviews(blog)}
    shown = {pid: p for pid, p in posts.items() if p.status in EXPORTED_STATUSES}
    linked = diary.links(blog, found)
    used: set[str] = set()
    rows = []
    for entry in found:
        row = _entry_row(entry)
        post_id = linked[entry.id].post_id if entry.id in linked else None
        if post_id in shown and post_id not in used and not entry.review.strip():
            post = shown[post_id]
            used.add(post_id)
            row.review = markdown_to_plain(blog.post(post.id).body)
        rows.append(row)
    for post in sorted(shown.values(), key=lambda p: (p.date, p.id)):
        if post.id not in used:
            rows.append(_post_row(blog.post(post.id)))
    report = LetterboxdExport(Path(), len(rows), len(found), len(shown), len(posts) - len(shown))
    return rows, report


def export_letterboxd(blog: Blog, out: Path, *, force: bool = False) -> LetterboxdExport:
    """Write the CSV to `out`; an existing file is replaced only when it is an earlier
    reeltui Letterboxd export (else refused, unless `force`), as json and wxr exports."""
    out = out.expanduser()
    check_outside(blog.path, out)  # never over the store's own files
    if out.is_dir():
        raise FormatError(f"{out} is a folder; give a file name for the Letterboxd CSV")
    if not out.parent.is_dir():
        raise FormatError(f"cannot write {out}: folder {out.parent} does not exist")
    if not force:
        refuse_foreign(out, "letterboxd")
    rows, report = export_rows(blog)
    clean_leftovers(out.parent, lambda name: name == out.name)  # of a killed export
    atomic_write_bytes(out, write_letterboxd(rows))
    return LetterboxdExport(
        out, report.rows, report.entries, report.reviews, report.drafts_left_out
    )
