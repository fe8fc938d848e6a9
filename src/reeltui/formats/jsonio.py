"""The JSON export: everything in the store, in one documented file (docs/json-export.md).

    {"format": "reeltui-export", "version": 2, "exported": ISO 8601,
     "posts": [Post...], "comments": [Comment...],
     "outbox": [{...}] (sending order), "drafts": [{"post": Post, "saved_at": str}],
     "revisions": [{"post_id", "reason", "at", "seq", "note", "post": Post}],
     "reads": [{"post_id", "comments", "at"}], "diary": [DiaryEntry...]}

Posts and comments are the domain dataclasses as JSON objects (field names as in
`reeltui.domain.models`, diary entries as in `reeltui.domain.diary`). `read_json` reads all of
it back (for `reeltui import`); version 2 files (no diary) and version 1 files (no revisions,
no read marks, an outbox in no particular order) are read too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.models import Comment, DomainError, Post, member
from reeltui.domain.versions import VersionError, readable_version
from reeltui.domain.vocab import OUTBOX_ACTIONS, OUTBOX_KINDS, OUTBOX_STATES, REVISION_REASONS
from reeltui.formats import FormatError, Parsed, ReadResult, Skip, brief
from reeltui.formats.local_state import LocalState, OutboxItem, ReadItem, RevisionItem

FORMAT = "reeltui-export"
VERSION = 3


def dump_json(posts: list[Post], comments: list[Comment], local: LocalState | None = None) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "posts": [p.to_dict() for p in posts],
        "comments": [c.to_dict() for c in comments],
        **_local_out(local or LocalState()),
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def _local_out(local: LocalState) -> dict[str, Any]:
    """The outbox, working copies, revisions and read marks as the document's lists."""
    outbox = [
        {
            "id": f"o-{position}",
            "kind": item.kind,
            "comment_id": item.comment_id,
            "action": item.action,
            "state": item.state,
            "error": item.error,
            "remote_id": item.remote_id,
            "position": position,
            "created": item.created,
        }
        for position, item in enumerate(local.outbox, 1)
    ]
    seqs: dict[str, int] = {}
    revisions = []
    for rev in local.revisions:
        seqs[rev.post.id] = seqs.get(rev.post.id, 0) + 1
        revisions.append(
            {
                "post_id": rev.post.id,
                "reason": rev.reason,
                "at": rev.at,
                "seq": seqs[rev.post.id],
                "note": rev.note,
                "post": rev.post.to_dict(),
            }
        )
    return {
        "outbox": outbox,
        "drafts": [{"post": p.to_dict(), "saved_at": at} for p, at in local.working_copies],
        "revisions": revisions,
        "reads": [{"post_id": r.post_id, "comments": r.comments, "at": r.at} for r in local.reads],
        "diary": [entry.to_dict() for entry in local.diary],
    }


def _loads(data: bytes, name: str) -> Any:
    """The parsed document; FormatError in reeltui's words (where, and what is wrong)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        error = exc
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        raise FormatError(
            f"{name}: not a reeltui JSON export: it is not UTF-8 text (byte {bad.start + 1}, "
            f"line {line}); nothing was imported"
        ) from None
    if not data.strip():
        raise FormatError(f"{name}: the file is empty; nothing was imported")
    why = error.msg[:1].lower() + error.msg[1:]
    if "surrogate" in why:
        why = "a text holds half of a \\ud800-\\udfff pair (not a character)"
    raise FormatError(
        f"{name}: not valid JSON at line {error.lineno}, column {error.colno} ({why}); "
        "nothing was imported"
    )


def read_json(data: bytes, *, name: str = "<json>") -> ReadResult:
    """Everything of a reeltui JSON export; bad records are skipped with the reason."""
    document = _loads(data, name)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FormatError(f'{name}: not a reeltui JSON export (no "format": "{FORMAT}")')
    version = document.get("version")
    try:
        readable_version(version, VERSION, "JSON export")
    except VersionError as exc:
        said = exc if exc.newer else f"not a reeltui JSON export version: {brief(version)}"
        raise FormatError(f"{name}: {said}") from exc
    result = ReadResult(source=name)
    by_post: dict[str, Parsed] = {}
    for index, raw in enumerate(_list(document, "posts", name), 1):
        try:
            _check_links(raw, POST_LINKS)
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
            _check_links(raw, COMMENT_LINKS)
            comment = Comment.from_dict(raw)
        except (TypeError, ValueError, DomainError) as exc:
            result.skipped.append(Skip("comment", f"comments[{index}]", f"not valid: {exc}"))
            continue
        parent = by_post.get(comment.post_id)
        if parent is None:
            result.skipped.append(
                Skip(
                    "comment", f"comments[{index}]", f"its post {brief(comment.post_id)} is missing"
                )
            )
            continue
        parent.comments.append(comment)
    _local_in(document, result, name)
    return result


# The fields the importer matches and links records by: they must have these types (the
# store's own checks cover the others).
Types = tuple[type, ...]
POST_LINKS: dict[str, Types] = {"id": (str,), "slug": (str,), "source": (dict,)}
COMMENT_LINKS: dict[str, Types] = {
    "id": (str,),
    "post_id": (str,),
    "parent_id": (str, type(None)),
    "source": (dict,),
}


def _check_links(raw: dict[str, Any], links: dict[str, Types]) -> None:
    for key, types in links.items():
        if key in raw and not isinstance(raw[key], types):
            raise ValueError(f"{key} is {brief(raw[key])}")
    source = raw.get("source", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in source.items()):
        raise ValueError("source must map texts to texts")


def _text(raw: dict[str, Any], key: str, default: str = "") -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key} is {brief(value)}, not text")
    return value


def _local_in(document: dict[str, Any], result: ReadResult, name: str) -> None:
    """The outbox (in sending order), working copies, revisions and read marks."""
    result.local.outbox = _outbox_in(_list(document, "outbox", name), result.skipped)
    for index, raw in enumerate(_list(document, "drafts", name), 1):
        try:
            post = Post.from_dict(_mapping(raw, "post"))
            result.local.working_copies.append((post, _text(raw, "saved_at")))
        except (TypeError, ValueError, DomainError) as exc:
            result.skipped.append(Skip("working copy", f"drafts[{index}]", f"not valid: {exc}"))
    result.local.revisions = _revisions_in(_list(document, "revisions", name), result.skipped)
    for index, raw in enumerate(_list(document, "reads", name), 1):
        try:
            count = _number(raw, "comments")
            result.local.reads.append(ReadItem(_text(raw, "post_id"), count, _text(raw, "at")))
        except ValueError as exc:
            result.skipped.append(Skip("read mark", f"reads[{index}]", f"not valid: {exc}"))
    for index, raw in enumerate(_list(document, "diary", name), 1):
        try:
            result.local.diary.append(_diary_entry(raw))
        except (TypeError, ValueError, DomainError) as exc:
            result.skipped.append(Skip("diary entry", f"diary[{index}]", f"not valid: {exc}"))


DIARY_TEXTS = ("id", "title", "watched", "logged", "review", "uri", "directors", "source")


def _diary_entry(raw: dict[str, Any]) -> DiaryEntry:
    """One diary entry, its fields checked for their types (the entry checks its values)."""
    for key in DIARY_TEXTS:
        _text(raw, key, "diary" if key == "source" else "")
    if not raw.get("id"):
        raise ValueError("id is missing")
    for key, types in (("year", (int,)), ("rating", (int, float))):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
            raise ValueError(f"{key} is {brief(value)}, not a number")
    if not isinstance(raw.get("rewatch", False), bool):
        raise ValueError(f"rewatch is {brief(raw.get('rewatch'))}, not true or false")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"tags is {brief(tags)}, not a list of texts")
    return DiaryEntry.from_dict(raw)


def _mapping(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{key} is {brief(value)}, not an object")
    return value


def _number(raw: dict[str, Any], key: str, default: int = 0) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key} is {brief(value)}, not a number")
    return value


def _outbox_in(raws: list[dict[str, Any]], skipped: list[Skip]) -> list[OutboxItem]:
    found: list[tuple[int, str, int, OutboxItem]] = []
    for index, raw in enumerate(raws, 1):
        try:
            item = OutboxItem(
                kind=member(OUTBOX_KINDS, _text(raw, "kind"), "outbox kind"),
                comment_id=_text(raw, "comment_id"),
                action=member(OUTBOX_ACTIONS, _text(raw, "action"), "outbox action"),
                state=member(OUTBOX_STATES, _text(raw, "state", "queued"), "outbox state"),
                error=_text(raw, "error"),
                remote_id=_text(raw, "remote_id"),
                created=_text(raw, "created"),
            )
            found.append((_number(raw, "position", index), item.created, index, item))
        except ValueError as exc:
            skipped.append(Skip("outbox entry", f"outbox[{index}]", f"not valid: {exc}"))
    found.sort(key=lambda f: f[:3])  # version 1 files list them in no particular order
    return [item for *_, item in found]


def _revisions_in(raws: list[dict[str, Any]], skipped: list[Skip]) -> list[RevisionItem]:
    found: list[tuple[str, int, str, int, RevisionItem]] = []
    for index, raw in enumerate(raws, 1):
        try:
            post = Post.from_dict({**_mapping(raw, "post"), "id": _text(raw, "post_id")})
            reason = member(REVISION_REASONS, _text(raw, "reason"), "revision reason")
            item = RevisionItem(post, reason, _text(raw, "at"), _text(raw, "note"))
            found.append((post.id, _number(raw, "seq"), item.at, index, item))
        except (TypeError, ValueError, DomainError) as exc:
            skipped.append(Skip("revision", f"revisions[{index}]", f"not valid: {exc}"))
    found.sort(key=lambda f: f[:4])
    return [item for *_, item in found]


def _list(document: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise FormatError(f"{name}: {key!r} must be a list")
    return [v if isinstance(v, dict) else {} for v in value]
