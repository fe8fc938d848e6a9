"""Markdown files with YAML (---) or TOML (+++) front matter, Hugo/Jekyll style.

YAML is read with PyYAML's BaseLoader, so every scalar arrives as a string: a title "NO"
or a tag "on" stays text (YAML 1.1 would turn them into booleans); aliases that would
expand without bound are refused (`yaml_bounded`). Typed fields (rating, year, draft,
sticky...) are converted here, explicitly; dates as leniently as Jekyll and Hugo read them
(`dates`). As in Jekyll, a file named `2023-01-29-my-post.md` gives the date and the slug
when the front matter has none; otherwise the file name (or a page bundle's folder) is the
slug, and the title of last resort.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, TypeVar

import yaml

from reeltui.domain.models import Comment, DomainError, Film, Post, member
from reeltui.domain.rating import parse_rating, validate_rating
from reeltui.domain.text import slugify
from reeltui.domain.vocab import (
    COMMENT_KINDS,
    COMMENT_ORIGINS,
    COMMENT_STATUSES,
    POST_STATUSES,
    SYNC_STATES,
)
from reeltui.formats import FormatError, Parsed, ReadResult, Skip, brief, yaml_bounded
from reeltui.formats.dates import parse_date
from reeltui.formats.file_names import from_name, slug_of, titleize

__all__ = ["Parsed", "post_from_text", "read_dir", "read_file", "split_front_matter"]

T = TypeVar("T", bound=str)
_TRUE = {"true", "yes", "on", "1", "y"}
_FALSE = {"false", "no", "off", "0", "n", ""}


def split_front_matter(text: str) -> tuple[str, dict[str, Any], str]:
    """(kind, metadata, body) where kind is "yaml", "toml" or "" (no front matter)."""
    text = text.lstrip("\ufeff")
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n") or text.startswith(fence + "\r\n"):
            rest = text[len(fence) :].lstrip("\r\n")
            end = _find_fence(rest, fence)
            if end is None:
                raise FormatError(f"front matter opened with {fence} is never closed")
            head, body = rest[: end[0]], rest[end[1] :]
            return kind, _load(kind, head), body.lstrip("\r\n")
    return "", {}, text


def _find_fence(text: str, fence: str) -> tuple[int, int] | None:
    if text.startswith(fence + "\n") or text.rstrip() == fence:
        return 0, len(fence) + 1
    pos = text.find(f"\n{fence}\n")
    if pos >= 0:
        return pos + 1, pos + len(fence) + 2
    if text.endswith(f"\n{fence}"):
        return len(text) - len(fence), len(text)
    return None


def _load(kind: str, head: str) -> dict[str, Any]:
    try:
        data = yaml_bounded.load(head) if kind == "yaml" else tomllib.loads(head)
    except RecursionError:
        raise FormatError(f"front matter is nested too deeply to be {kind.upper()}") from None
    except yaml_bounded.AliasBomb as exc:
        raise FormatError(f"front matter: {exc}") from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FormatError(f"front matter is not valid {kind.upper()}: {first}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FormatError("front matter must be a mapping of keys to values")
    return data


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        raise FormatError(f"expected text, got {brief(value)}")
    return str(value)


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [_str(v) for v in value if _str(v)]
    return [part.strip() for part in _str(value).split(",") if part.strip()]


def _bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FormatError(f"{key}: expected true or false, got {brief(value)}")


def _rating(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "~")):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number_or_none = parse_rating(_str(value))
        if number_or_none is None:
            raise FormatError(f"rating: not a rating: {brief(value)}") from None
        number = number_or_none
    try:
        return validate_rating(number)
    except DomainError as exc:
        raise FormatError(f"rating: {exc}") from exc


def _year(value: Any) -> int | None:
    if value is None or _str(value).strip().lower() in ("", "null", "~"):
        return None
    try:
        return int(_str(value).strip())
    except ValueError:
        raise FormatError(f"film year: not a year: {brief(value)}") from None


def _nullable(value: Any) -> str | None:
    text = _str(value).strip()
    return None if text.lower() in ("", "null", "~", "none", "0") else text


def _date(value: Any, key: str) -> str:
    text = _str(value)
    try:
        return parse_date(text)
    except (ValueError, OverflowError) as exc:
        raise FormatError(f"{key}: not a date: {brief(text)} ({exc})") from None


def post_from_text(text: str, *, name: str = "") -> Parsed:
    """Read one Markdown document; `name` (the file name) is the slug of last resort."""
    _, meta, body = split_front_matter(text)
    params_raw = meta.get("params")
    params: dict[str, Any] = params_raw if isinstance(params_raw, dict) else {}

    def pick(key: str, default: Any = None) -> Any:
        return meta.get(key, params.get(key, default))

    name_date, name_slug = from_name(name)
    title = _str(pick("title", "")).strip() or titleize(name_slug) or "Untitled"
    slug = _str(pick("slug", "")).strip() or slug_of(name_slug) or slugify(title)
    status = _str(pick("status", "")).strip().lower()
    if not status:
        status = "draft" if _bool(pick("draft", False), "draft") else "published"
    film_raw = pick("film")
    film_meta: dict[str, Any] = film_raw if isinstance(film_raw, dict) else {}
    film = Film(
        title=_str(film_meta.get("title", pick("film_title", ""))),
        year=_year(film_meta.get("year", pick("film_year", pick("year")))),  # Hugo: params.year
        director=_str(film_meta.get("director", pick("director", ""))),
        cast=_list(film_meta.get("cast", pick("cast"))),
    )
    post_id = _str(pick("id", "")).strip() or f"p-{slug}"
    try:
        post = Post(
            id=post_id,
            slug=slug,
            title=title,
            author=_str(pick("author", "")),
            date=_date(pick("date", ""), "date") or name_date,
            modified=_date(pick("modified", pick("lastmod", "")), "modified"),
            status=member(POST_STATUSES, status, "post status"),
            categories=_list(pick("categories")),
            tags=_list(pick("tags")),
            excerpt=_str(pick("excerpt", pick("summary", ""))),
            body=body.rstrip() + "\n" if body.strip() else "",
            rating=_rating(pick("rating")),
            film=film,
            sticky=_bool(pick("sticky", False), "sticky"),
            source=_source(pick("source")),
        )
    except DomainError as exc:
        raise FormatError(str(exc)) from exc
    comments = [_comment(raw, post.id, i) for i, raw in enumerate(_comment_list(meta), 1)]
    return Parsed(post, comments)


def _source(value: Any) -> dict[str, str]:
    return {str(k): _str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _comment_list(meta: dict[str, Any]) -> list[dict[str, Any]]:
    raw = meta.get("comments") or []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise FormatError("comments: expected a list of mappings")
    return raw


def _word(choices: tuple[T, ...], raw: dict[str, Any], key: str, what: str) -> T:
    """A word of a vocabulary; absent or blank: its first (the default)."""
    return member(choices, _str(raw.get(key, "")).strip() or choices[0], what)


def _comment(raw: dict[str, Any], post_id: str, index: int) -> Comment:
    try:
        sync = _nullable(raw.get("sync_state"))
        return Comment(
            id=_str(raw.get("id", "")).strip() or f"{post_id}-c{index}",
            post_id=post_id,
            parent_id=_nullable(raw.get("parent")),
            author=_str(raw.get("author", "")),
            email=_str(raw.get("email", "")),
            url=_str(raw.get("url", "")),
            date=_date(raw.get("date", ""), "comment date"),
            body=_str(raw.get("body", "")).rstrip("\n"),
            status=_word(COMMENT_STATUSES, raw, "status", "comment status"),
            kind=_word(COMMENT_KINDS, raw, "kind", "comment kind"),
            origin=_word(COMMENT_ORIGINS, raw, "origin", "comment origin"),
            sync_state=None if sync is None else member(SYNC_STATES, sync, "sync state"),
            sync_error=_str(raw.get("sync_error", "")),
            remote_id=_str(raw.get("remote_id", "")),
            source=_source(raw.get("source")),
        )
    except DomainError as exc:
        raise FormatError(f"comment {index}: {exc}") from exc


def read_file(path: Path) -> Parsed:
    """Read one .md file; FormatError names the file on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot read: {exc}") from exc
    try:
        return post_from_text(text, name=path.name)
    except FormatError as exc:
        raise FormatError(f"{path}: {exc}") from exc


def read_dir(folder: Path) -> ReadResult:
    """Every post of a Hugo/Jekyll content folder (*.md with front matter, recursively).

    Files that cannot be read are skipped with the reason; section pages (`_index.md`) and
    files without front matter (READMEs...) are skipped too. Post ids stay unique: a file
    naming the `id` another file named already is a copy of that post and is skipped (two
    reeltui exports in one folder); ids made from the slug are numbered instead.
    """
    result = ReadResult(source=str(folder))
    seen: set[str] = set()
    named: dict[str, str] = {}  # an id given in front matter -> the file that gave it
    paths = sorted(
        p
        for pattern in ("*.md", "*.markdown")
        for p in folder.rglob(pattern)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    for path in paths:
        name = str(path.relative_to(folder))
        if path.name == "_index.md":
            result.skipped.append(
                Skip("section page", name, "a Hugo section page, not a post", problem=False)
            )
            continue
        try:
            text = path.read_text(encoding="utf-8")
            kind, meta, _ = split_front_matter(text)
            if not kind:
                result.skipped.append(
                    Skip("file", name, "no front matter (--- or +++)", problem=False)
                )
                continue
            parsed = post_from_text(text, name=name)
            given = _str(meta.get("id", "")).strip()
        except (OSError, UnicodeDecodeError) as exc:
            result.skipped.append(Skip("file", name, f"cannot read: {exc}"))
            continue
        except FormatError as exc:
            result.skipped.append(Skip("file", name, str(exc)))
            continue
        if given and given in named:
            why = f"a copy: {named[given]} is the post with id {given!r} already"
            result.skipped.append(Skip("file", name, why))
            continue
        if given:
            named[given] = name
        base, n = parsed.post.id, 2
        while parsed.post.id in seen:
            parsed.post.id, n = f"{base}-{n}", n + 1
        for comment in parsed.comments:
            comment.post_id = parsed.post.id
        seen.add(parsed.post.id)
        result.posts.append(parsed)
    return result
