"""One file of a store in memory: its tables, what the gate refused in it, whether it changed.

A file is read once, checked (shape, then every record through its table's gate) and kept.
Records the gate refuses stay in the data (so rewriting the file never drops them: they are
the user's, to repair) but are skipped by every reader; `refused` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reeltui.domain.validate import Problem
from reeltui.store.errors import StoreCorrupt
from reeltui.store.layout import TableSpec, tables_in
from reeltui.store.storage import read_json_file


@dataclass(frozen=True, slots=True)
class Refusal:
    """A record of a store file the gate refused."""

    file: str  # relative to the store
    table: str
    record: str
    problems: tuple[Problem, ...]

    def __str__(self) -> str:
        what = "; ".join(str(p) for p in self.problems[:3])
        more = len(self.problems) - 3
        if more > 0:
            what += f" (and {more} more)"
        return f"{self.file}: {self.table} record {self.record!r}: {what}"


@dataclass(eq=False)
class DataFile:
    rel: str  # path relative to the store ("posts/p-her.json")
    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    refused: dict[tuple[str, str], Refusal] = field(default_factory=dict)
    exists: bool = False  # on disk (False: new, or emptied)
    change: int = 0  # the store's change number of the last unsaved change (0: saved)

    def table(self, name: str) -> dict[str, Any]:
        """The records of table `name` (created empty if absent); read and change in place,
        then tell the store (`Store.changed`)."""
        found = self.data.get(name)
        if found is None:
            found = self.data[name] = {}
        return found

    def good(self, name: str) -> dict[str, Any]:
        """The records of `name` the gate accepted (a copy of the mapping when some were
        refused, else the table itself: read only)."""
        table = self.data.get(name, {})
        if not self.refused:
            return table
        return {k: v for k, v in table.items() if (name, k) not in self.refused}

    def is_refused(self, table: str, record: str) -> bool:
        return (table, record) in self.refused

    def accept(self, table: str, record: str) -> None:
        """A record rewritten by the app: it passed the gate on its way in."""
        self.refused.pop((table, record), None)

    def is_empty(self) -> bool:
        return not any(self.data.values())

    def payload(self) -> bytes:
        return orjson.dumps(self.data, option=orjson.OPT_INDENT_2)


def load(root: Path, rel: str, source: Path | None = None) -> DataFile:
    """Read and check the file `rel` of the store at `root` (from `source` when a journal
    says its committed content is elsewhere). A missing file is an empty one."""
    path = source or root / rel
    if not path.exists() and not path.is_symlink():
        return DataFile(rel)
    found = DataFile(rel, read_tables(root, rel, path), exists=True)
    check(found, tables_in(rel))
    return found


def read_tables(root: Path, rel: str, path: Path) -> dict[str, dict[str, Any]]:
    """The tables of the file at `path` (the store's `rel`), as read: not yet gated."""
    return as_tables(root, rel, read_json_file(path))


def as_tables(root: Path, rel: str, data: Any) -> dict[str, dict[str, Any]]:
    """`data`, parsed from the file `rel`, if it has a table file's shape (else StoreCorrupt)."""
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupt(
            f"{root / rel} is valid JSON but not a TinyDB table file "
            '({"table": {"id": {...}}}); the file was left untouched'
        )
    return data


def check(found: DataFile, specs: list[TableSpec]) -> None:
    """Run the gate over every record of the file."""
    found.refused.clear()
    for spec in specs:
        table = found.data.get(spec.name, {})
        accepts = None if spec.accepts_of is None else spec.accepts_of()
        if accepts is not None and all(map(accepts, table.values())):
            continue  # every record passes the gate's fast test: none is refused
        for record_id, doc in table.items():
            problems = spec.gate(record_id, doc)
            if problems:
                refusal = Refusal(found.rel, spec.name, record_id, tuple(problems))
                found.refused[(spec.name, record_id)] = refusal
