"""Merge a Letterboxd export into the diary: the same export twice changes nothing, a newer
one adds what is new and updates what changed; nothing is ever deleted.

Entries are matched on their Letterboxd URI, else on film and day (the import format has no
URI). A dated viewing of a film the diary had only as "watched" (no date) replaces that entry
(keeping its id, so a draft made from it stays linked); a film marked watched whose viewing
the diary already has adds nothing. A field the newer file leaves empty keeps what the store
has, and a review that reads the same as plain text keeps its markup. A row that is one of
the blog's own reviews, as `reeltui export --format letterboxd` wrote it, is not added again
(nor its text copied onto a viewing). One import is one write of diary.json, after everything
was read: a refused file writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.formats.letterboxd import LetterboxdRead, read_letterboxd
from reeltui.formats.plaintext import html_to_plain, markdown_to_plain
from reeltui.services import diary, events
from reeltui.services.blog import Blog
from reeltui.store import diary as diary_records


@dataclass
class DiaryReport:
    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    own_reviews: int = 0  # rows that are the blog's own reviews, not added
    total: int | None = None  # entries in the diary after the import
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    @property
    def entries(self) -> int:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        held = f"; the diary holds {self.total}" if self.total is not None else ""
        return (
            f"{sanitize_line(self.source)} (letterboxd: {', '.join(self.files)}): "
            f"{count(self.entries, 'diary entry')} ({self.added} new, {self.updated} updated, "
            f"{self.unchanged} unchanged){held}"
        )

    def report_lines(self, limit: int) -> list[str]:
        """The summary, then what was left out and noticed (for the CLI and the dialog)."""
        out = [self.summary(), *self.lines(limit)]
        if not self.changed:
            out.append("nothing changed in the store")
        return out

    def lines(self, limit: int) -> list[str]:
        """What was left out and noticed, one safe line each (the first `limit` rows)."""
        out = [f"refused: {sanitize_line(r)}" for r in self.refused]
        if self.problems:
            out.append(f"skipped {count(len(self.problems), 'row')}:")
            out += [f"  - {sanitize_line(p)}" for p in self.problems[:limit]]
            if len(self.problems) > limit:
                out.append(f"  … and {len(self.problems) - limit} more")
        if self.own_reviews:
            out.append(
                f"kept out: {count(self.own_reviews, 'row')} that are this blog's own reviews"
            )
        out += [f"note: {sanitize_line(n)}" for n in self.notes]
        return out


def _merged(old: DiaryEntry, new: DiaryEntry) -> DiaryEntry:
    """`new` over `old`, where an empty field of `new` keeps the value of `old`."""
    return replace(
        new,
        id=old.id,
        year=new.year if new.year is not None else old.year,
        logged=new.logged or old.logged,
        rating=new.rating if new.rating is not None else old.rating,
        tags=new.tags or old.tags,
        review=old.review if html_to_plain(old.review) == new.review else new.review or old.review,
        uri=new.uri or old.uri,
        directors=new.directors or old.directors,
        # where it first came from; a dated viewing replacing a film marked watched: its own
        source=new.source if new.watched and not old.watched else old.source,
    )


class _Merge:
    def __init__(self, blog: Blog, report: DiaryReport) -> None:
        self.report = report
        self.existing = diary_records.all_entries(blog.store)
        self.by_uri = {e.uri: e for e in self.existing if e.uri}
        self.by_day: dict[tuple[str, int | None, str], list[DiaryEntry]] = {}
        for entry in self.existing:
            self.by_day.setdefault(entry.natural_key, []).append(entry)
        self.undated: dict[tuple[str, int | None], list[DiaryEntry]] = {}
        self.dated: set[tuple[str, int | None]] = set()
        for entry in self.existing:
            if entry.watched:
                self.dated.add(entry.film_key)
            else:
                self.undated.setdefault(entry.film_key, []).append(entry)
        self.taken = {e.id for e in self.existing}
        self.claimed: set[str] = set()
        self.own = {
            (diary.film_of(p), markdown_to_plain(blog.post(p.id).body).strip())
            for p in diary.reviews(blog)
        }
        self.out: list[DiaryEntry] = []

    def match(self, new: DiaryEntry) -> DiaryEntry | None:
        old = self.by_uri.get(new.uri) if new.uri else None
        if old is not None and old.id not in self.claimed:
            return old
        for candidate in self.by_day.get(new.natural_key, []):
            if candidate.id not in self.claimed and not (new.uri and candidate.uri):
                return candidate
        if new.watched:  # the first dated viewing of a film the diary had only as watched
            for candidate in self.undated.get(new.film_key, []):
                if candidate.id not in self.claimed:
                    return candidate
        return None

    def add(self, new: DiaryEntry) -> None:
        if new.review and (new.film_key, new.review.strip()) in self.own:
            if not new.watched:  # one of the blog's reviews, exported: already here
                self.report.own_reviews += 1
                return
            new = replace(new, review="")  # the blog's words on a viewing: not the diary's
        old = self.match(new)
        if old is None and new.source == "watched" and new.film_key in self.dated:
            self.report.unchanged += 1  # marked watched: the diary has its viewing already
            return
        if old is not None:
            self.claimed.add(old.id)
            merged = _merged(old, new)
            if merged == old:
                self.report.unchanged += 1
            else:
                self.report.updated += 1
                self.out.append(merged)
            return
        entry = replace(new, id=diary.new_id(new, self.taken))
        self.claimed.add(entry.id)
        if entry.watched:
            self.dated.add(entry.film_key)
        self.by_day.setdefault(entry.natural_key, []).append(entry)
        if entry.uri:
            self.by_uri.setdefault(entry.uri, entry)
        self.report.added += 1
        self.out.append(entry)


def import_path(blog: Blog, path: Path) -> DiaryReport:
    """Read `path` whole, then merge it (FormatError when nothing of it can be used)."""
    return import_letterboxd(blog, read_letterboxd(path))


def import_letterboxd(blog: Blog, read: LetterboxdRead) -> DiaryReport:
    """Merge what was read into the diary (one write of diary.json; none if nothing changed)."""
    report = DiaryReport(read.source, files=list(read.files))
    report.problems, report.refused, report.notes = read.problems, read.refused, read.notes
    work = _Merge(blog, report)
    for entry in read.entries:
        work.add(entry)
    if work.out:
        with blog.store.batch("diary"):
            diary_records.put_entries(blog.store, work.out)
        blog.store.back_up()  # the newest backup holds what came in
        events.changed(blog, "diary")
    report.total = diary.count(blog)
    return report
