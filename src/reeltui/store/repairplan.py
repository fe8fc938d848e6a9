"""What `check --repair` will do to one table, record by record, in words a user can check:
each record named as the user knows it (a post by id, title and slug; a comment by id, author
and post), with its file, its bad fields and what happens to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.checks import show
from reeltui.domain.plural import count
from reeltui.store.datafile import DataFile
from reeltui.store.findings import Finding


def lost_line(replies: list[str]) -> str:
    """What the backup a post's file is put back from lacks, said plainly."""
    one = len(replies) == 1
    entries = "Its outbox entry is" if one else "Their outbox entries are"
    return (
        f"the backup lacks {count(len(replies), 'reply queued', 'replies queued')} since it "
        f"was taken ({'; '.join(replies)}): {'its' if one else 'their'} words were only in "
        "the damaged file (kept aside in the store's backups folder) and cannot be put back; write "
        f"{'it' if one else 'them'} again. {entries} set aside in the quarantine file"
    )


@dataclass(frozen=True)
class RecordFix:
    """One record a repair restores, keeps without its bad fields, or quarantines."""

    file: str
    table: str
    record: str
    doc: Any  # what is written (restore, keep), or what is taken out (quarantine)
    why: str  # what was wrong with it
    what: str  # as a user knows it
    source: str = ""  # restore: when the backup was taken
    was: Any = None  # keep: the record as it was; quarantine: None
    changed: dict[str, str] = field(default_factory=dict)  # keep: field -> what it became

    def replaced(self) -> str:
        """`field 'rating' (text "abc") set to null, its default`."""
        was = self.was if isinstance(self.was, dict) else {}
        return "; ".join(
            f"field {name!r} ({show(was.get(name))}) set to {show(self.doc.get(name))}, {how}"
            for name, how in self.changed.items()
        )

    def line(self, kind: str) -> str:
        """What happens to it (`kind`: restore, keep, quarantine, follow)."""
        where = f"{self.file}: {self.what or f'{self.table} record {self.record!r}'}"
        if kind == "restore":
            return f"{where}: put back as the backup of {self.source} has it ({self.why})"
        if kind == "keep":
            return (
                f"{where}: kept with {self.replaced()}, every other field as it was (the "
                "record as it was goes to the quarantine file)"
            )
        if kind == "follow":
            return f"{where}: taken out with its post, into the quarantine file"
        return f"{where}: taken out of the store, into the quarantine file ({self.why})"


@dataclass
class Fix:
    """What repairing one table does."""

    table: str
    restores: list[RecordFix] = field(default_factory=list)
    files: list[tuple[str, DataFile, str, str]] = field(default_factory=list)  # +when, +what
    kept: list[RecordFix] = field(default_factory=list)  # kept without their bad fields
    quarantines: list[RecordFix] = field(default_factory=list)
    followers: list[RecordFix] = field(default_factory=list)  # comments of a quarantined post
    rebuild: bool = False
    unfixable: list[Finding] = field(default_factory=list)
    # a post file put back whole -> the replies its backup lacks (`repair_outbox`)
    lost: dict[str, list[str]] = field(default_factory=dict)
    set_aside: list[RecordFix] = field(default_factory=list)  # outbox entries left pointless

    def describe(self) -> str:
        parts = []
        if self.restores:
            parts.append(f"put back {count(len(self.restores), 'record')} from backups")
        if self.files:
            parts.append(f"put back {count(len(self.files), 'file')} from backups")
        if self.lost:
            lost = sum(len(replies) for replies in self.lost.values())
            parts.append(
                f"the backups lack {count(lost, 'reply', 'replies')} queued since they were taken"
            )
        if self.kept:
            parts.append(f"keep {count(len(self.kept), 'record')} without its bad fields")
        if self.quarantines and self.table == "outbox":  # (`repair_outbox`)
            gone = count(len(self.quarantines), "entry")
            parts.append(f"set aside {gone} whose comment is in no post: never to be sent")
        elif self.quarantines:
            parts.append(f"quarantine {count(len(self.quarantines), 'record')} no backup has sound")
        if self.followers:
            parts.append(
                f"quarantine {count(len(self.followers), 'comment')} with the post they are on"
            )
        if self.set_aside:
            parts.append(
                f"set aside {count(len(self.set_aside), 'outbox entry', 'outbox entries')} "
                "whose comment is in no post after it"
            )
        if self.rebuild:
            parts.append("rebuild it from the posts' files")
        return "; ".join(parts) or "nothing it can do"

    def lines(self) -> list[str]:
        """One line per record or file this fix changes."""
        out = []
        for rel, _, when, what in self.files:
            out.append(
                f"{rel}: {what or 'the file'}: put back whole as the backup of {when} has it"
            )
            if rel in self.lost:
                out.append(f"{rel}: {lost_line(self.lost[rel])}")
        out += [r.line("restore") for r in self.restores]
        out += [r.line("keep") for r in self.kept]
        out += [r.line("quarantine") for r in self.quarantines]
        out += [r.line("follow") for r in self.followers]
        out += [r.line("quarantine") for r in self.set_aside]
        return out

    def done(self) -> list[str]:
        """What this fix did, a line each (once applied)."""
        rebuilt = [f"{self.table}: rebuilt from the posts' files"] if self.rebuild else []
        return self.lines() + rebuilt

    @property
    def changes(self) -> bool:
        return bool(self.restores or self.files or self.kept or self.quarantines or self.rebuild)

    def touched(self) -> set[str]:
        records = (*self.restores, *self.kept, *self.quarantines, *self.followers)
        found = {r.file for r in (*records, *self.set_aside)}
        return found | {rel for rel, _, _, _ in self.files}

    def quarantined(self) -> list[dict[str, Any]]:
        """The quarantine file's entries of this fix."""
        out = []
        for r in (*self.quarantines, *self.followers, *self.set_aside):
            out.append(_entry(r, r.doc, "taken out of the store"))
        for r in self.kept:
            out.append(_entry(r, r.was, f"kept in the store with {r.replaced()}"))
        return out


def _entry(r: RecordFix, doc: Any, done: str) -> dict[str, Any]:
    return {
        "file": r.file,
        "table": r.table,
        "record": r.record,
        "what": r.what,
        "why": r.why,
        "done": done,
        "document": doc,
    }
