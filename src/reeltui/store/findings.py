"""What `reeltui check` reports: a finding per damaged record or file (the table as a user
calls it, the file, the record as a user knows it, the bad fields, and how `--repair` can mend
it), and the scan's totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from reeltui.store.layout import (
    COMMENTS,
    DRAFTS,
    LOCATOR,
    META,
    OUTBOX,
    POST,
    POSTS_INDEX,
    READS,
    REVISIONS,
    TableSpec,
)

TITLES = {
    f"{t.path}:{t.name}": title
    for t, title in (
        (META, "store information"),
        (POSTS_INDEX, "posts index"),
        (POST, "posts"),
        (COMMENTS, "comments"),
        (REVISIONS, "revisions"),
        (DRAFTS, "working copies"),
        (OUTBOX, "outbox"),
        (READS, "read marks"),
        (LOCATOR, "comment index"),
    )
}


def title(spec: TableSpec) -> str:
    return TITLES.get(f"{spec.path}:{spec.name}", spec.name)


@dataclass(frozen=True)
class Finding:
    table: str  # as a user calls it ("comments")
    file: str  # relative to the store
    record: str | None  # None: the file as a whole
    message: str
    fix: str  # "restore", "rebuild", "quarantine" (set aside, never lost) or "none"
    spec: str = ""  # the table's key in layout.BY_NAME ("posts:comments")
    related: str = ""  # the other record involved (the missing post of an orphan comment)
    what: str = ""  # how a user knows the record (`labels`: a post's title and slug...)
    fields: tuple[str, ...] = ()  # the bad fields ("": the record as a whole)

    @property
    def name(self) -> str:
        """The record as a user knows it (or "the file")."""
        if self.record is None:
            return self.what or "the file"
        return self.what or f"{self.table} record {self.record!r}"

    def __str__(self) -> str:
        return f"{self.file}: {self.name}: {self.message}"


@dataclass
class Scan:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    posts: int = 0  # the posts read sound
    comments: int = 0  # their comments
    damaged: list[str] = field(default_factory=list)  # posts that cannot be read (slugs)
    unread: int = 0  # of them, those whose whole file cannot be read (comments uncounted)

    @property
    def sound(self) -> bool:
        return not self.findings

    def by_table(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(finding.table, []).append(finding)
        return out


def key(spec: TableSpec) -> str:
    return f"{spec.path}:{spec.name}"


def fields_named(bad: tuple[str, ...]) -> str:
    """`field 'rating'`, `fields 'rating', 'date'` or `the record as a whole`."""
    names = [repr(f) for f in dict.fromkeys(bad) if f]
    if not names:
        return "the record as a whole"
    return f"field{'s' if len(names) > 1 else ''} {', '.join(names)}"
