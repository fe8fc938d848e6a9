"""A store as reeltui wrote it before schema 2 (one file per table), built file by file as
the old code wrote it, to test the upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from reeltui.domain import Comment, Post


def doc(item: Post | Comment) -> dict[str, Any]:
    data = item.to_dict()
    del data["id"]
    return data


def write_v1(
    path: Path,
    posts: list[Post],
    comments: list[Comment],
    *,
    drafts: dict[str, Any] | None = None,
    revisions: dict[str, Any] | None = None,
    outbox: dict[str, Any] | None = None,
    reads: dict[str, Any] | None = None,
    diary: dict[str, Any] | None = None,
    raw_posts: dict[str, Any] | None = None,
    raw_comments: dict[str, Any] | None = None,
) -> Path:
    """Write a schema-1 store at `path` (the `raw_` documents are added as they are)."""
    path.mkdir(parents=True, exist_ok=True)
    tables = {
        "posts": {**{p.id: doc(p) for p in posts}, **(raw_posts or {})},
        "comments": {**{c.id: doc(c) for c in comments}, **(raw_comments or {})},
        "drafts": drafts or {},
        "revisions": revisions or {},
        "outbox": outbox or {},
        "reads": reads or {},
        "diary": diary or {},  # the film diary (Letterboxd), kept as it is by the upgrade
    }
    for name, table in tables.items():
        (path / f"{name}.json").write_bytes(orjson.dumps({name: table}, option=orjson.OPT_INDENT_2))
    meta = {"meta": {"store": {"app": "reeltui", "schema": 1, "created": "2024-01-01T00:00:00"}}}
    (path / "meta.json").write_bytes(orjson.dumps(meta, option=orjson.OPT_INDENT_2))
    return path
