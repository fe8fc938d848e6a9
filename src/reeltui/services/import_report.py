"""What an import did: counts, what was kept, left out, skipped and noticed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.formats import Skip
from reeltui.services.import_local import LocalCounts
from reeltui.store import Rejected


@dataclass
class ImportReport:
    source: str
    format: str
    posts_added: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    comments_added: int = 0
    comments_updated: int = 0
    comments_unchanged: int = 0
    posts_kept: int = 0  # changed only here, the file bringing a version the store had
    posts_in_conflict: int = 0  # changed here and in the file: the local post kept
    conflicts: list[str] = field(default_factory=list)  # their ids (and working copies')
    conflicts_new: int = 0  # of those, conflicts not recorded before
    local_kept: int = 0  # local replies left as they were
    moderation_kept: list[str] = field(default_factory=list)  # comments moderated here, queued
    drafts_kept: int = 0  # updated posts whose local draft was left as it was
    local: LocalCounts = field(default_factory=LocalCounts)  # outbox, revisions...
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    broken: str = ""

    @property
    def posts(self) -> int:
        return (
            self.posts_added
            + self.posts_updated
            + self.posts_unchanged
            + self.posts_kept
            + self.posts_in_conflict
        )

    @property
    def comments(self) -> int:
        return self.comments_added + self.comments_updated + self.comments_unchanged

    @property
    def changed(self) -> bool:
        return bool(
            self.posts_added
            + self.posts_updated
            + self.comments_added
            + self.comments_updated
            + self.local.added
            + self.conflicts_new
        )

    @property
    def problems(self) -> list[Skip]:
        """What could not be read (not what reeltui leaves out by design, like pages)."""
        return [s for s in self.skipped if s.problem]

    @property
    def complete(self) -> bool:
        """All there was to read was read (the CLI's exit status 0)."""
        return not self.broken and not self.problems

    def summary(self) -> str:
        """The first line: what was read, and what became of it."""
        more = f", {self.posts_kept} kept as changed here" if self.posts_kept else ""
        more += f", {self.posts_in_conflict} in conflict" if self.posts_in_conflict else ""
        return (
            f"{sanitize_line(self.source)} ({self.format}): {count(self.posts, 'post')} "
            f"({self.posts_added} new, {self.posts_updated} updated, "
            f"{self.posts_unchanged} unchanged{more}), {count(self.comments, 'comment')} "
            f"({self.comments_added} new, {self.comments_updated} updated, "
            f"{self.comments_unchanged} unchanged)"
        )

    def detail_lines(self, limit: int) -> list[str]:
        """What was kept, skipped (the first `limit` with reasons) and noted, one line each,
        safe to print (shared by the CLI summary and the import dialog)."""
        lines = []
        local = self.local
        if local.added:
            lines.append(
                f"also: {count(local.outbox, 'outbox entry')}, "
                f"{count(local.working_copies, 'working copy', 'working copies')}, "
                f"{count(local.revisions, 'revision')}, {count(local.reads, 'read mark')}, "
                f"{count(local.diary, 'diary entry', 'diary entries')}"
            )
        if self.conflicts:
            lines.append(
                f"conflicts: {count(len(self.conflicts), 'post')} changed both here and in the "
                "file; both versions kept until you choose (`reeltui sync --conflicts`, or "
                "the palette's Sync: conflicts)"
            )
            lines += _first(self.conflicts, limit)
        if self.posts_kept:
            lines.append(
                f"kept: {count(self.posts_kept, 'post')} changed only here (the file has a "
                "version this store already had)"
            )
        if self.local_kept or self.drafts_kept:
            lines.append(
                f"kept: {count(self.local_kept, 'local reply', 'local replies')}, "
                f"{count(self.drafts_kept, 'local draft')} of updated posts"
            )
        if self.moderation_kept:
            n = len(self.moderation_kept)
            lines.append(
                f"kept: {count(n, 'comment')} as you moderated {'it' if n == 1 else 'them'} "
                "here: the moderation is in the outbox, not sent yet, so newer than the file "
                "(to take the file's status, cancel it in the app's outbox: d)"
            )
            lines += _first(self.moderation_kept, limit)
        left_out = [s for s in self.skipped if not s.problem]
        if left_out:
            lines.append(f"left out (not posts): {_by_kind(left_out)}")
            # a file the writer may have taken for a post is named (pages are only counted)
            lines += _listed([s for s in left_out if s.kind == "file"], limit)
        problems = self.problems
        if problems:
            lines.append(f"skipped: {_by_kind(problems)}")
            lines += _listed(problems, limit)
        lines += [f"note: {sanitize_line(n)}" for n in self.notes[:limit]]
        if len(self.notes) > limit:
            lines.append(f"  … and {len(self.notes) - limit} more notes")
        return lines

    def refused(self, rejected: list[Rejected], new: set[str]) -> None:
        """Records the store's validation gate refused: skipped, each with its reason (the
        figures count what went in)."""
        for item in rejected:
            what = f"{item.kind} {item.record_id!r} of {self.source}"
            reason = "; ".join(str(p) for p in item.problems[:3])
            self.skipped.append(Skip(item.kind, what, f"refused: {reason}"))
            fresh = item.record_id in new
            if item.kind == "post":
                self.posts_added -= fresh
                self.posts_updated -= not fresh
            else:
                self.comments_added -= fresh
                self.comments_updated -= not fresh

    def skipped_by_kind(self) -> dict[str, int]:
        return dict(Counter(s.kind for s in self.skipped).most_common())


def _listed(skips: list[Skip], limit: int) -> list[str]:
    """The first `limit` of `skips` with their reasons, one safe line each."""
    return _first([f"{s.what}: {s.reason}" for s in skips], limit)


def _first(items: list[str], limit: int) -> list[str]:
    """The first `limit` items, one safe line each, and how many more there are."""
    lines = [f"  - {sanitize_line(item)}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"  … and {len(items) - limit} more")
    return lines


def _by_kind(skips: list[Skip]) -> str:
    return ", ".join(count(n, kind) for kind, n in Counter(s.kind for s in skips).most_common())
