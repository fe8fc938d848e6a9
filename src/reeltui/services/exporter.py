"""Export the store: Markdown files (one per post), a WordPress WXR file, or JSON.

Files are written crash-safely (temporary file, fsync, rename); an export only reads the
store, so it works while the app has the store open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reeltui.domain.models import Comment
from reeltui.formats import FormatError, Parsed, Progress
from reeltui.services.blog import Blog
from reeltui.store import state
from reeltui.store.storage import atomic_write_bytes

EXPORT_FORMATS = ("markdown", "wxr", "json")


@dataclass(frozen=True, slots=True)
class ExportReport:
    format: str
    path: Path
    posts: int
    comments: int
    files: int
    orphans: int  # comments whose post is missing (kept in JSON only)


def collect(blog: Blog) -> tuple[list[Parsed], int]:
    """Posts by date with their comments in thread order; and the count of orphan comments."""
    posts = sorted(blog.full_posts(), key=lambda p: (p.date, p.id))  # damaged ones skipped
    parsed = [Parsed(p, [c for c, _ in blog.thread(p.id)]) for p in posts]
    return parsed, len(orphans(blog))


def orphans(blog: Blog) -> list[Comment]:
    """Comments kept in the store whose post is gone (exported in JSON only)."""
    return blog.orphan_comments()


def export(blog: Blog, fmt: str, out: Path, progress: Progress | None = None) -> ExportReport:
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"unknown export format {fmt!r}; choose {', '.join(EXPORT_FORMATS)}")
    items, orphans = collect(blog)
    comments = sum(len(p.comments) for p in items)
    out = out.expanduser()
    if fmt == "markdown":
        files = _markdown(items, out, progress)
        return ExportReport(fmt, out, len(items), comments, files, orphans)
    if out.is_dir():
        raise FormatError(f"{out} is a folder; give a file name for the {fmt} export")
    if not out.parent.is_dir():
        raise FormatError(f"cannot write {out}: folder {out.parent} does not exist")
    if fmt == "wxr":
        from reeltui.formats.wxr_export import write_wxr  # loaded by the export only

        payload = write_wxr(items)
    else:
        from reeltui.formats.jsonio import dump_json

        drafts = state.all_drafts(blog.store)
        outbox = [{"id": k, **v} for k, v in state.outbox_docs(blog.store).items()]
        payload = dump_json(
            [p.post for p in items], _all_comments(blog), drafts=drafts, outbox=outbox
        )
        comments += orphans
    atomic_write_bytes(out, payload)
    if progress is not None:
        progress("writing", 1, 1)
    return ExportReport(fmt, out, len(items), comments, 1, orphans)


def _all_comments(blog: Blog) -> list[Comment]:
    found = [*blog.all_comments(), *orphans(blog)]
    return sorted(found, key=lambda c: (c.post_id, c.date, c.id))


def _markdown(items: list[Parsed], out: Path, progress: Progress | None) -> int:
    if out.exists() and not out.is_dir():
        raise FormatError(f"{out} is a file; the Markdown export needs a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FormatError(f"cannot create {out}: {exc.strerror or exc}") from exc
    from reeltui.formats.frontmatter_writer import file_name, post_to_text

    taken: set[str] = set()
    for index, parsed in enumerate(items, 1):
        name = file_name(parsed.post, taken)
        atomic_write_bytes(out / name, post_to_text(parsed.post, parsed.comments).encode())
        if progress is not None:
            progress("writing", index, len(items))
    return len(items)
