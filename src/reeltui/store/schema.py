"""Schema version of the store and the upgrade of older stores.

Version 1 kept each table in one file (posts.json, comments.json, revisions.json, reads.json
beside drafts.json, outbox.json and meta.json): every start read the whole archive and every
reply rewrote every comment. Version 2 is the layout of `layout`. The upgrade builds the new
files from the old ones in memory; a writer then commits them in one journaled step that also
moves the old files into `backups/schema-1-<time>/` (a reader uses them in memory, writing
nothing). The gate's refusals are not dropped: a bad record is carried into the new files
as it was, for `reeltui check` to report and `check --repair` to mend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reeltui.domain.listing import ROW_FIELDS
from reeltui.store import index as index_build
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreCorrupt
from reeltui.store.layout import (
    COMMENTS,
    LOCATOR,
    META,
    META_FILE,
    POST,
    READS,
    REVISIONS,
    hashed_file,
    per_post_file,
)
from reeltui.store.storage import read_json_file

if TYPE_CHECKING:
    from reeltui.store.store import Store

APP_NAME = "reeltui"
SCHEMA_VERSION = 2
MOVED_V1 = ("posts.json", "comments.json", "revisions.json", "reads.json")
V1_FILES = frozenset(MOVED_V1)  # names that only a version-1 store has


def _v1_table(store: Store, name: str) -> dict[str, Any]:
    path = store.path / f"{name}.json"
    if not path.exists():
        return {}
    data = read_json_file(path)
    table = data.get(name, {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise StoreCorrupt(f"{path} is valid JSON but not a TinyDB table file; nothing changed")
    return table


def migrate_files(store: Store, version: int) -> tuple[list[DataFile], tuple[str, ...]]:
    """The files of the upgraded store, and the old files the upgrade replaces."""
    if version != 1:
        raise StoreCorrupt(f"{store.path}: no upgrade from schema {version}")
    files: dict[str, DataFile] = {}

    def table(rel: str, name: str) -> dict[str, Any]:
        found = files.get(rel)
        if found is None:
            found = files[rel] = DataFile(rel)
        return found.table(name)

    posts = _v1_table(store, "posts")
    comments = _v1_table(store, "comments")
    for post_id, doc in posts.items():
        table(per_post_file(POST, post_id), POST.name)[post_id] = doc
    for comment_id, doc in comments.items():
        of_post = doc.get("post_id") if isinstance(doc, dict) else None
        owner: str = of_post if isinstance(of_post, str) else ""
        table(per_post_file(COMMENTS, owner), COMMENTS.name)[comment_id] = doc
        if owner:
            table(hashed_file(LOCATOR, comment_id), LOCATOR.name)[comment_id] = {"post": owner}
    for rev_id, doc in _v1_table(store, "revisions").items():
        rev_post = doc.get("post_id") if isinstance(doc, dict) else None
        rev_owner = rev_post if isinstance(rev_post, str) else ""
        table(per_post_file(REVISIONS, rev_owner), REVISIONS.name)[rev_id] = doc
    for post_id, doc in _v1_table(store, "reads").items():
        table(hashed_file(READS, post_id), READS.name)[post_id] = doc
    for rel, rows in index_build.rows_of(files.values()).items():
        table(rel, "posts").update(rows)
    meta = read_json_file(store.path / META_FILE)
    info = dict(meta[META.name]["store"])
    info["schema"] = SCHEMA_VERSION
    info["index"] = list(ROW_FIELDS)
    meta[META.name]["store"] = info
    files[META_FILE] = DataFile(META_FILE, meta)
    return list(files.values()), MOVED_V1  # drafts.json, outbox.json: same name and shape
