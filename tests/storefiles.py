"""What a store holds on disk, read straight from its JSON files (no reeltui code), so tests
check the real files: one file per post under posts/, the posts index under posts-index/..."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson


def _table(path: Path, name: str) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = orjson.loads(path.read_bytes())
    found: dict[str, Any] = data.get(name, {})
    return found


def _folder(store: Path, folder: str, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in sorted((store / folder).glob("*.json")):
        out.update(_table(path, name))
    return out


def posts(store: Path) -> dict[str, Any]:
    """Every post document on disk, by id."""
    return _folder(store, "posts", "post")


def comments(store: Path) -> dict[str, Any]:
    """Every comment document on disk, by id."""
    return _folder(store, "posts", "comments")


def index_rows(store: Path) -> dict[str, Any]:
    return _folder(store, "posts-index", "posts")


def revisions(store: Path) -> dict[str, Any]:
    return _folder(store, "revisions", "revisions")


def reads(store: Path) -> dict[str, Any]:
    return _folder(store, "reads", "reads")


def drafts(store: Path) -> dict[str, Any]:
    return _table(store / "drafts.json", "drafts")


def outbox(store: Path) -> dict[str, Any]:
    return _table(store / "outbox.json", "outbox")


def post_file(store: Path, post_id: str) -> Path:
    return store / "posts" / f"{post_id}.json"


def snapshot(store: Path) -> dict[str, bytes]:
    """Every table file's bytes, by path relative to the store (backups and lock aside)."""
    out = {}
    # The backups folder is never walked: a backup the store takes in the background (at
    # open) makes and renames folders in it while this runs.
    for top in sorted(store.iterdir()):
        if top.name == "backups":
            continue
        found = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in found:
            if path.suffix == ".json" and path.is_file():
                out[str(path.relative_to(store))] = path.read_bytes()
    return dict(sorted(out.items()))
