"""`reeltui check --repair`: mend a store table by table, never rolling back the others.

A bad record whose only bad fields are ones it can do without (a post's rating, tags...) is
kept, with those fields taken from the newest backup holding it sound or else set to their
default (`salvage`). Any other bad record comes back from the newest backup holding a good copy
of THAT record (the other records, good and maybe newer, stay as they are); without one, the
record is quarantined (a post with its comments): taken out of the store and written, with why,
to `backups/quarantine-*.json` (which also holds the kept records as they were).
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from reeltui.domain.listing import PostSummary
from reeltui.domain.readers import OwnPeople
from reeltui.store import index
from reeltui.store.backup import BACKUP_DIR, Backup
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreError
from reeltui.store.findings import Finding, Scan
from reeltui.store.labels import comment_label, post_label
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
from reeltui.store.repair_outbox import lost_replies
from reeltui.store.repairplan import Fix, RecordFix
from reeltui.store.salvage import salvage
from reeltui.store.storage import replace_file
from reeltui.store.store import Store


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
        elif finding.fix == "quarantine" and spec is not None and finding.record is not None:
            doc = store.peek(finding.file).data.get(spec.name, {}).get(finding.record)
            fix.quarantines.append(
                RecordFix(
                    finding.file, spec.name, finding.record, doc, finding.message, finding.what
                )
            )
        elif finding.fix != "restore" or spec is None:
            fix.unfixable.append(finding)
        elif finding.record is None:
            sound = _sound_file(backups, finding.file)
            if sound is None:
                fix.unfixable.append(finding)
            else:
                fix.files.append((finding.file, sound[0], sound[1], finding.what))
        elif finding.related:
            _orphan(store, fix, fixes, finding, backups)
        else:
            _record(store, fix, spec, finding, backups)
    _followers(store, fixes)
    lost_replies(store, fixes)
    if any(f.restores or f.files or f.kept or f.quarantines for f in fixes.values()):
        for derived in ("posts index", "comment index"):
            fixes.setdefault(derived, Fix(derived)).rebuild = True
    return list(fixes.values())


def _record(
    store: Store, fix: Fix, spec: TableSpec, finding: Finding, backups: list[Backup]
) -> None:
    """A refused record: kept without its bad fields when they are ones it can do without
    (`salvage`), else put back from the newest backup holding it sound, else quarantined."""
    assert finding.record is not None
    record = finding.record
    doc = store.peek(finding.file).data.get(spec.name, {}).get(record)
    copy = _good_copy(backups, finding.file, spec.name, record)
    made = RecordFix(finding.file, spec.name, record, doc, finding.message, finding.what)
    kept = salvage(spec, record, doc, finding.fields, copy)
    if kept is not None:
        fix.kept.append(replace(made, doc=kept.doc, was=doc, changed=kept.now))
    elif copy is not None:
        fix.restores.append(replace(made, doc=copy[0], source=copy[1]))
    else:
        fix.quarantines.append(made)


def _followers(store: Store, fixes: dict[str, Fix]) -> None:
    """The comments of a quarantined post go with it (they would belong to no post)."""
    posts = fixes.get("posts", Fix("posts"))
    comments = fixes.get("comments", Fix("comments"))
    planned = {r.record for r in (*comments.restores, *comments.kept, *comments.quarantines)}
    for post in list(posts.quarantines):
        if post.table != POST.name:
            continue
        found = store.peek(post.file)
        for comment_id, doc in found.data.get(COMMENTS.name, {}).items():
            if comment_id in planned or not isinstance(doc, dict):
                continue
            if doc.get("post_id") == post.record:
                what = comment_label(comment_id, doc, found.data.get(POST.name, {}))
                why = f"its post {post.record!r} is quarantined"
                posts.followers.append(
                    RecordFix(post.file, COMMENTS.name, comment_id, doc, why, what)
                )


def _orphan(
    store: Store, fix: Fix, fixes: dict[str, Fix], finding: Finding, backups: list[Backup]
) -> None:
    """A comment whose post is gone: bring the post back from a backup, else quarantine it."""
    post_id = finding.related
    posts = fixes.setdefault("posts", Fix("posts"))
    if any(r.record == post_id for r in posts.restores):
        return
    copy = _good_copy(backups, finding.file, POST.name, post_id) if post_id else None
    if copy is not None:
        why = f"its comment {finding.record!r} was left without it"
        posts.restores.append(
            RecordFix(
                finding.file,
                POST.name,
                post_id,
                copy[0],
                why,
                post_label(post_id, copy[0]),
                copy[1],
            )
        )
        return
    assert finding.record is not None
    doc = store.peek(finding.file).data.get(COMMENTS.name, {}).get(finding.record)
    fix.quarantines.append(
        RecordFix(finding.file, COMMENTS.name, finding.record, doc, finding.message, finding.what)
    )


@dataclass
class Done:
    kept: Path | None  # where the replaced files were copied
    quarantine: Path | None  # the quarantined records


def apply(store: Store, fixes: list[Fix]) -> Done:
    """Carry out `fixes` in one store commit (the store is open for writing)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    root = store.path / BACKUP_DIR
    touched = set().union(*(f.touched() for f in fixes))
    kept = _keep(store.path, sorted(touched), root / f"broken-{stamp}") if touched else None
    quarantined = [entry for f in fixes for entry in f.quarantined()]
    where = None
    if quarantined:
        where = root / f"quarantine-{stamp}.json"
        root.mkdir(exist_ok=True)
        replace_file(where, orjson.dumps(quarantined, option=orjson.OPT_INDENT_2))
    with store.changing():
        for fix in fixes:
            for rel, copy, _, _ in fix.files:
                store.adopt(DataFile(rel, copy.data))
            for r in (*fix.restores, *fix.kept):
                found = store.file(r.file)
                found.table(r.table)[r.record] = r.doc
                found.accept(r.table, r.record)
                store.changed(found)
            for r in (*fix.quarantines, *fix.followers, *fix.set_aside):
                found = store.file(r.file)
                found.table(r.table).pop(r.record, None)
                found.refused.pop((r.table, r.record), None)
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
