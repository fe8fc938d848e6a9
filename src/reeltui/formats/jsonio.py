"""The JSON export: everything in the store, in one documented file (docs/json-export.md).

    {"format": "reeltui-export", "version": 1, "exported": ISO 8601,
     "posts": [Post...], "comments": [Comment...], "drafts": [{"post": Post, "saved_at": str}],
     "outbox": [{...}]}

Posts and comments are the domain dataclasses as JSON objects (field names as in
`reeltui.domain.models`). `read_json` reads posts and comments back (for `reeltui import`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from reeltui.domain.models import Comment, DomainError, Post
from reeltui.formats import FormatError, Parsed, ReadResult, Skip

FORMAT = "reeltui-export"
VERSION = 1


def dump_json(
    posts: list[Post],
    comments: list[Comment],
    drafts: list[tuple[Post, str]] | None = None,
    outbox: list[dict[str, Any]] | None = None,
) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "posts": [p.to_dict() for p in posts],
        "comments": [c.to_dict() for c in comments],
        "drafts": [{"post": p.to_dict(), "saved_at": saved} for p, saved in drafts or []],
        "outbox": outbox or [],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def read_json(data: bytes, *, name: str = "<json>") -> ReadResult:
    """Posts and comments of a reeltui JSON export; bad records are skipped with the reason."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise FormatError(f"{name}: not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FormatError(f'{name}: not a reeltui JSON export (no "format": "{FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise FormatError(f"{name}: JSON export version {version!r} is newer than this reeltui")
    result = ReadResult(source=name)
    by_post: dict[str, Parsed] = {}
    for index, raw in enumerate(_list(document, "posts", name), 1):
        try:
            post = Post.from_dict(raw)
        except (TypeError, ValueError, DomainError) as exc:
            result.skipped.append(Skip("post", f"posts[{index}]", f"not a valid post: {exc}"))
            continue
        if not isinstance(post.id, str) or post.id in by_post:
            result.skipped.append(Skip("post", f"posts[{index}]", "missing or duplicate id"))
            continue
        by_post[post.id] = Parsed(post)
        result.posts.append(by_post[post.id])
    for index, raw in enumerate(_list(document, "comments", name), 1):
        try:
            comment = Comment.from_dict(raw)
        except (TypeError, ValueError, DomainError) as exc:
            result.skipped.append(Skip("comment", f"comments[{index}]", f"not valid: {exc}"))
            continue
        parent = by_post.get(comment.post_id)
        if parent is None:
            result.skipped.append(
                Skip("comment", f"comments[{index}]", f"its post {comment.post_id!r} is missing")
            )
            continue
        parent.comments.append(comment)
    return result


def _list(document: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise FormatError(f"{name}: {key!r} must be a list")
    return [v if isinstance(v, dict) else {} for v in value]
