"""Markdown files with YAML (---) or TOML (+++) front matter, Hugo/Jekyll style.

YAML is read with PyYAML's BaseLoader, so every scalar arrives as a string: a title "NO"
or a tag "on" stays text (YAML 1.1 would turn them into booleans); aliases that would
expand without bound are refused (`yaml_bounded`). Typed fields (rating, year, draft,
sticky...) are converted here, explicitly; dates as leniently as Jekyll and Hugo read them
(`dates`). As in Jekyll, a file named `2023-01-29-my-post.md` gives the date and the slug
when the front matter has none; otherwise the file name (or a page bundle's folder) is the
slug, and the title of last resort.

This module makes the posts and comments; the front matter is split from the body in
frontmatter_split.py and its values typed in frontmatter_values.py. Writing: frontmatter_writer.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reeltui.domain.models import Comment, DomainError, Film, Post, member
from reeltui.domain.text import slugify
from reeltui.domain.vocab import (
    COMMENT_KINDS,
    COMMENT_ORIGINS,
    COMMENT_STATUSES,
    POST_STATUSES,
    SYNC_STATES,
)
from reeltui.formats import FormatError, Parsed, ReadResult, Skip
from reeltui.formats.file_names import from_name, slug_of, titleize
from reeltui.formats.frontmatter_split import split_front_matter
from reeltui.formats.frontmatter_values import (
    as_bool,
    as_date,
    as_list,
    as_nullable,
    as_rating,
    as_source,
    as_text,
    as_word,
    as_year,
)

__all__ = ["Parsed", "post_from_text", "read_dir", "read_file", "read_one"]


def post_from_text(text: str, *, name: str = "") -> Parsed:
    """Read one Markdown document; `name` (the file name) is the slug of last resort. A
    document without front matter says nothing of being published: it is a draft (synced,
    it would be published on the site)."""
    kind, meta, body = split_front_matter(text)
    params_raw = meta.get("params")
    params: dict[str, Any] = params_raw if isinstance(params_raw, dict) else {}

    def pick(key: str, default: Any = None) -> Any:
        return meta.get(key, params.get(key, default))

    name_date, name_slug = from_name(name)
    title = as_text(pick("title", "")).strip() or titleize(name_slug) or "Untitled"
    slug = as_text(pick("slug", "")).strip() or slug_of(name_slug) or slugify(title)
    status = as_text(pick("status", "")).strip().lower()
    if not status:
        draft = not kind or as_bool(pick("draft", False), "draft")  # (Jekyll, Hugo: published)
        status = "draft" if draft else "published"
    film_raw = pick("film")
    film_meta: dict[str, Any] = film_raw if isinstance(film_raw, dict) else {}
    film = Film(
        title=as_text(film_meta.get("title", pick("film_title", ""))),
        year=as_year(film_meta.get("year", pick("film_year", pick("year")))),  # Hugo: params.year
        director=as_text(film_meta.get("director", pick("director", ""))),
        cast=as_list(film_meta.get("cast", pick("cast"))),
    )
    post_id = as_text(pick("id", "")).strip() or f"p-{slug}"
    try:
        post = Post(
            id=post_id,
            slug=slug,
            title=title,
            author=as_text(pick("author", "")),
            date=as_date(pick("date", ""), "date") or name_date,
            modified=as_date(pick("modified", pick("lastmod", "")), "modified"),
            status=member(POST_STATUSES, status, "post status"),
            categories=as_list(pick("categories")),
            tags=as_list(pick("tags")),
            excerpt=as_text(pick("excerpt", pick("summary", ""))),
            body=body.rstrip() + "\n" if body.strip() else "",
            rating=as_rating(pick("rating")),
            film=film,
            sticky=as_bool(pick("sticky", False), "sticky"),
            source=as_source(pick("source")),
        )
    except DomainError as exc:
        raise FormatError(str(exc)) from exc
    comments = [_comment(raw, post.id, i) for i, raw in enumerate(_comment_list(meta), 1)]
    return Parsed(post, comments)


def _comment_list(meta: dict[str, Any]) -> list[dict[str, Any]]:
    raw = meta.get("comments") or []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise FormatError("comments: expected a list of mappings")
    return raw


def _comment(raw: dict[str, Any], post_id: str, index: int) -> Comment:
    try:
        sync = as_nullable(raw.get("sync_state"))
        return Comment(
            id=as_text(raw.get("id", "")).strip() or f"{post_id}-c{index}",
            post_id=post_id,
            parent_id=as_nullable(raw.get("parent")),
            author=as_text(raw.get("author", "")),
            email=as_text(raw.get("email", "")),
            url=as_text(raw.get("url", "")),
            date=as_date(raw.get("date", ""), "comment date"),
            body=as_text(raw.get("body", "")).rstrip("\n"),
            status=as_word(COMMENT_STATUSES, raw, "status", "comment status"),
            kind=as_word(COMMENT_KINDS, raw, "kind", "comment kind"),
            origin=as_word(COMMENT_ORIGINS, raw, "origin", "comment origin"),
            sync_state=None if sync is None else member(SYNC_STATES, sync, "sync state"),
            sync_error=as_text(raw.get("sync_error", "")),
            remote_id=as_text(raw.get("remote_id", "")),
            source=as_source(raw.get("source")),
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


def read_one(path: Path) -> ReadResult:
    """One .md file, as an import reads it: a file without front matter, made a draft, is
    named in a note (the import's report says it)."""
    parsed = read_file(path)
    result = ReadResult(source=str(path), posts=[parsed])
    if parsed.post.status == "draft" and not _has_front_matter(path):
        result.notes.append(
            f"{path.name} has no front matter (--- or +++) saying it is published: imported "
            "as a draft (publish it in the editor, or give it front matter, when it is ready)"
        )
    return result


def _has_front_matter(path: Path) -> bool:
    try:
        return bool(split_front_matter(path.read_text(encoding="utf-8"))[0])
    except (OSError, UnicodeDecodeError, FormatError):
        return True  # (read once already: read_file said any problem)


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
            given = as_text(meta.get("id", "")).strip()
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
