"""`reeltui check --repair`: mend a store table by table, never rolling back the others.

For every bad record, the newest backup holding a good copy of THAT record gives it back
(the other records, good and maybe newer, stay as they are); without one, the record is
quarantined: taken out of the store and written, with why, to `backups/quarantine-*.json`.
A file that cannot be read at all is replaced by the newest backup copy that passes the gate.
The derived tables (posts index, comment index) are rebuilt from the posts' files. A broken
comments file therefore never rolls back a post, and the other way round.

Every replaced file is first copied to `backups/broken-<time>/`; the whole repair is one
store commit (it lands whole or not at all).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reeltui.domain.listing import PostSummary
from reeltui.domain.readers import OwnPeople
from reeltui.store import index
from reeltui.store.backup import BACKUP_DIR, Backup
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreError
from reeltui.store.integrity import Finding, Scan
from reeltui.store.layout import (
    BY_NAME,
    COMMENTS,
    LOCATOR,
    POST,
    POSTS_INDEX,
    TableSpec,
    hashed_file,
    safe_name,
)
from reeltui.store.storage import replace_file
from reeltui.store.store import Store


@dataclass
class Fix:
    """What repairing one table does."""

    table: str
    restores: list[tuple[str, str, str, Any, str]] = field(default_factory=list)
    files: list[tuple[str, DataFile, str]] = field(default_factory=list)  # whole files
    quarantines: list[tuple[str, str, str, Any, str]] = field(default_factory=list)
    rebuild: bool = False
    unfixable: list[Finding] = field(default_factory=list)

    def describe(self) -> str:
        parts = []
        if self.restores:
            parts.append(f"restore {len(self.restores)} record(s) from backups")
        if self.files:
            names = ", ".join(rel for rel, _, _ in self.files[:3])
            parts.append(f"restore {len(self.files)} file(s) from backups ({names})")
        if self.quarantines:
            parts.append(f"quarantine {len(self.quarantines)} record(s) no backup has sound")
        if self.rebuild:
            parts.append("rebuild it from the posts' files")
        return "; ".join(parts) or "nothing it can do"

    @property
    def changes(self) -> bool:
        return bool(self.restores or self.files or self.quarantines or self.rebuild)


def _good_copy(backups: list[Backup], rel: str, table: str, record: str) -> tuple[Any, str] | None:
    for backup in backups:
        copy = backup.file(rel)
        if copy is None or copy.is_refused(table, record):
            continue
        doc = copy.data.get(table, {}).get(record)
        if doc is not None:
            return doc, backup.describe()
    return None


def _sound_file(backups: list[Backup], rel: str) -> tuple[DataFile, str] | None:
    for backup in backups:
        copy = backup.file(rel)
        if copy is not None and not copy.refused:
            return copy, backup.describe()
    return None


def plan(store: Store, found: Scan, backups: list[Backup]) -> list[Fix]:
    """What `apply` would do, per table (the scan's order)."""
    fixes: dict[str, Fix] = {}
    for finding in found.findings:
        fix = fixes.setdefault(finding.table, Fix(finding.table))
        spec = BY_NAME.get(finding.spec)
        if finding.fix == "rebuild":
            fix.rebuild = True
        elif finding.fix != "restore" or spec is None:
            fix.unfixable.append(finding)
        elif finding.record is None:
            sound = _sound_file(backups, finding.file)
            if sound is None:
                fix.unfixable.append(finding)
            else:
                fix.files.append((finding.file, sound[0], sound[1]))
        elif finding.related:
            _orphan(store, fix, fixes, finding, backups)
        else:
            copy = _good_copy(backups, finding.file, spec.name, finding.record)
            if copy is not None:
                fix.restores.append((finding.file, spec.name, finding.record, copy[0], copy[1]))
            else:
                doc = store.peek(finding.file).data.get(spec.name, {}).get(finding.record)
                fix.quarantines.append(
                    (finding.file, spec.name, finding.record, doc, finding.message)
                )
    if any(f.restores or f.files or f.quarantines for f in fixes.values()):
        for derived in ("posts index", "comment index"):
            fixes.setdefault(derived, Fix(derived)).rebuild = True
    return list(fixes.values())


def _orphan(
    store: Store, fix: Fix, fixes: dict[str, Fix], finding: Finding, backups: list[Backup]
) -> None:
    """A comment whose post is gone: bring the post back from a backup, else quarantine it."""
    post_id = finding.related
    posts = fixes.setdefault("posts", Fix("posts"))
    if any(r[2] == post_id for r in posts.restores):
        return
    copy = _good_copy(backups, finding.file, POST.name, post_id) if post_id else None
    if copy is not None:
        posts.restores.append((finding.file, POST.name, post_id, copy[0], copy[1]))
        return
    assert finding.record is not None
    doc = store.peek(finding.file).data.get(COMMENTS.name, {}).get(finding.record)
    fix.quarantines.append((finding.file, COMMENTS.name, finding.record, doc, finding.message))


@dataclass
class Done:
    kept: Path | None  # where the replaced files were copied
    quarantine: Path | None  # the quarantined records


def apply(store: Store, fixes: list[Fix]) -> Done:
    """Carry out `fixes` in one store commit (the store is open for writing)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    root = store.path / BACKUP_DIR
    touched = {r[0] for f in fixes for r in (*f.restores, *f.quarantines)}
    touched |= {rel for f in fixes for rel, _, _ in f.files}
    kept = _keep(store.path, sorted(touched), root / f"broken-{stamp}") if touched else None
    quarantined = [
        {"file": q[0], "table": q[1], "record": q[2], "document": q[3], "why": q[4]}
        for f in fixes
        for q in f.quarantines
    ]
    where = None
    if quarantined:
        where = root / f"quarantine-{stamp}.json"
        root.mkdir(exist_ok=True)
        replace_file(where, orjson.dumps(quarantined, option=orjson.OPT_INDENT_2))
    with store.changing():
        for fix in fixes:
            for rel, copy, _ in fix.files:
                store.adopt(DataFile(rel, copy.data))
            for rel, table, record, doc, _ in fix.restores:
                found = store.file(rel)
                found.table(table)[record] = doc
                found.accept(table, record)
                store.changed(found)
            for rel, table, record, _, _ in fix.quarantines:
                found = store.file(rel)
                found.table(table).pop(record, None)
                found.refused.pop((table, record), None)
                store.changed(found)
        derived = {f.table for f in fixes if f.rebuild}
        if derived:
            rebuild(store, "posts index" in derived, "comment index" in derived)
    return Done(kept, where)


def _keep(folder: Path, rels: list[str], kept: Path) -> Path:
    """Copy the files about to be replaced aside (never deleted)."""
    try:
        for rel in rels:
            source = folder / rel
            if source.is_file():
                (kept / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, kept / rel)
    except OSError as exc:
        raise StoreError(
            f"could not keep a copy of the current files in {kept}: {exc.strerror or exc}; "
            "nothing was repaired"
        ) from exc
    return kept


def rebuild(store: Store, posts_index: bool, comment_index: bool) -> list[PostSummary]:
    """Write the derived tables again from the posts' files (inside `store.changing()`),
    reading the posts' files one at a time. A post whose file cannot be read keeps what the
    derived tables say of it. Returns the posts' new summaries."""
    summaries: list[PostSummary] = []
    located: dict[str, dict[str, Any]] = {}
    unreadable: set[str] = set()
    for name in store.listing(POST.path):
        try:
            found = store.peek(f"{POST.path}/{name}")
        except StoreError:
            unreadable.add(name)
            continue
        summaries += index.summaries_in(found, store.own)
        for comment_id, doc in found.good(COMMENTS.name).items():
            located.setdefault(hashed_file(LOCATOR, comment_id), {})[comment_id] = {
                "post": doc["post_id"]
            }
    if posts_index:
        _replace(store, POSTS_INDEX, index.rows_from(summaries), unreadable, "posts")
    if comment_index:
        _replace(store, LOCATOR, located, unreadable, "comments")
    return summaries


def summaries(store: Store, own: OwnPeople) -> list[PostSummary]:
    """The summaries of the posts whose file can be read, their readers' comments counted
    with `own` (nothing is written)."""
    found: list[PostSummary] = []
    for name in store.listing(POST.path):
        with contextlib.suppress(StoreError):
            found += index.summaries_in(store.peek(f"{POST.path}/{name}"), own)
    return found


def _replace(
    store: Store,
    spec: TableSpec,
    wanted: dict[str, dict[str, Any]],
    unreadable: set[str],
    kind: str,
) -> None:
    """Put `wanted` (file -> records) in place of the table's files, keeping the records
    about posts whose file is unreadable."""
    for name in store.listing(spec.path):
        rel = f"{spec.path}/{name}"
        with contextlib.suppress(StoreError):
            for record_id, doc in store.peek(rel).data.get(spec.name, {}).items():
                post = record_id if kind == "posts" else (doc or {}).get("post")
                if isinstance(post, str) and f"{safe_name(post)}.json" in unreadable:
                    wanted.setdefault(rel, {})[record_id] = doc
    for name in store.listing(spec.path):
        rel = f"{spec.path}/{name}"
        if rel not in wanted:
            store.adopt(DataFile(rel))
    for rel, docs in wanted.items():
        store.adopt(DataFile(rel, {spec.name: docs}))
