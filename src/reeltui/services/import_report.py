"""What an import did: counts, what was kept, left out, skipped and noticed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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
    local_kept: int = 0  # local replies left as they were
    drafts_kept: int = 0  # updated posts whose local draft was left as it was
    local: LocalCounts = field(default_factory=LocalCounts)  # outbox, revisions...
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    broken: str = ""

    @property
    def posts(self) -> int:
        return self.posts_added + self.posts_updated + self.posts_unchanged

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
        )

    @property
    def problems(self) -> list[Skip]:
        """What could not be read (not what reeltui leaves out by design, like pages)."""
        return [s for s in self.skipped if s.problem]

    @property
    def complete(self) -> bool:
        """All there was to read was read (the CLI's exit status 0)."""
        return not self.broken and not self.problems

    def detail_lines(self, limit: int) -> list[str]:
        """What was kept, skipped (the first `limit` with reasons) and noted, one line each,
        safe to print (shared by the CLI summary and the import dialog)."""
        lines = []
        local = self.local
        if local.added:
            lines.append(
                f"also: {local.outbox} outbox entries, {local.working_copies} working copies, "
                f"{local.revisions} revisions, {local.reads} read marks"
            )
        if self.local_kept or self.drafts_kept:
            lines.append(
                f"kept: {self.local_kept} local replies, "
                f"{self.drafts_kept} local drafts of updated posts"
            )
        left_out = [s for s in self.skipped if not s.problem]
        if left_out:
            lines.append(f"left out (not posts): {_by_kind(left_out)}")
        problems = self.problems
        if problems:
            lines.append(f"skipped: {_by_kind(problems)}")
            lines += [
                f"  - {sanitize_line(s.what)}: {sanitize_line(s.reason)}" for s in problems[:limit]
            ]
            if len(problems) > limit:
                lines.append(f"  … and {len(problems) - limit} more")
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


def _by_kind(skips: list[Skip]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in Counter(s.kind for s in skips).most_common())
