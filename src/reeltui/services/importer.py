"""Import a WordPress export, Markdown files or a reeltui JSON export into a store.

Idempotent: posts and comments are matched on their source ids (`source["wxr"]` and the
site for WXR, the reeltui id otherwise), so importing the same file twice changes nothing,
and importing an updated export updates the posts that changed. Local drafts (drafts.json)
and local replies (origin "local") are never touched. One import is one write per file.
reeltui's own exports also carry the outbox, working copies, revisions and read marks: they
are added after the posts and comments (`import_local`), in the same batch.

For a UI: run `import_path(blog, path, progress)` in a worker; `progress(phase, done, total)` is
called with phase "reading" (bytes of a WXR file), "merging" (posts) and "writing" (0/1, 1/1).
`read_source` + `merge` split the work when the file should be read before the store is opened.
What was read is matched against the store by `import_merge.Merging`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reeltui.domain.memory import paused_gc
from reeltui.domain.plural import count
from reeltui.formats import FormatError, Progress, ReadResult
from reeltui.formats.frontmatter import read_dir, read_one
from reeltui.formats.jsonio import read_json
from reeltui.formats.wxr.reader import read_wxr
from reeltui.services import import_conflicts as conflicts
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.import_local import merge_local
from reeltui.services.import_merge import Merging
from reeltui.services.import_report import ImportReport
from reeltui.store import records

FORMATS = ("wxr", "markdown", "json")


def detect_format(path: Path) -> str:
    if path.is_dir():
        return "markdown"
    if not path.exists():
        raise FormatError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix == ".json":
        return "json"
    if suffix in (".xml", ".wxr"):
        return "wxr"
    try:
        with path.open("rb") as handle:
            start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise FormatError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if start.startswith(b"<"):
        return "wxr"
    if start.startswith((b"---", b"+++")):
        return "markdown"
    if start.startswith(b"{"):
        return "json"
    raise FormatError(
        f"{path}: unknown format; give a WordPress export (.xml), a Markdown file or "
        "folder (.md), or a reeltui JSON export (.json)"
    )


def read_source(path: Path, progress: Progress | None = None) -> tuple[str, ReadResult]:
    """(format, what could be read). FormatError when nothing can be read at all."""
    with paused_gc():
        fmt, result = _read_source(path, progress)
    if not (result.posts or result.local):
        raise FormatError(f"{path}: nothing to import: {_why_nothing(path, fmt, result)}")
    return fmt, result


def _why_nothing(path: Path, fmt: str, result: ReadResult) -> str:
    """Why a source gave nothing to import, in one line (the store is not touched)."""
    problems = [s for s in result.skipped if s.problem]
    if problems:
        first = problems[0]
        return (
            f"{count(len(problems), first.kind)} could not be read (first: "
            f"{first.what}: {first.reason}); the store was not touched"
        )
    if result.skipped:
        kinds = Counter(s.kind for s in result.skipped).most_common()
        left = ", ".join(count(n, kind) for kind, n in kinds)
        named = "; ".join(f"{s.what}: {s.reason}" for s in result.skipped[:3])
        more = f"; and {len(result.skipped) - 3} more" if len(result.skipped) > 3 else ""
        return f"no posts in it ({left} left out: {named}{more}); the store was not touched"
    if fmt == "markdown" and path.is_dir():
        return "no Markdown files (*.md) in this folder; the store was not touched"
    return "no posts in it; the store was not touched"


def _read_source(path: Path, progress: Progress | None) -> tuple[str, ReadResult]:
    fmt = detect_format(path)
    if fmt == "wxr":
        return fmt, read_wxr(path, progress)
    if fmt == "json":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormatError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        return fmt, read_json(data, name=str(path))
    if path.is_dir():
        return fmt, read_dir(path)
    return fmt, read_one(path)


def import_path(blog: Blog, path: Path, progress: Progress | None = None) -> ImportReport:
    """Read `path` and merge it into the blog's store (see `merge`)."""
    with paused_gc():  # one pause over both: no full collection between them
        fmt, result = read_source(path, progress)
        return merge(blog, result, fmt, progress)


def merge(
    blog: Blog, result: ReadResult, fmt: str, progress: Progress | None = None
) -> ImportReport:
    """Merge what was read into the store, in one write per file (none if nothing changed)."""
    report = ImportReport(result.source, fmt, skipped=list(result.skipped))
    report.notes, report.broken = list(result.notes), result.broken
    with paused_gc():
        return _merge(blog, result, report, progress)


def _merge(
    blog: Blog, result: ReadResult, report: ImportReport, progress: Progress | None
) -> ImportReport:
    work = Merging(blog, report)
    work.run(result.posts, progress)
    if work.out_posts or work.out_comments or result.local or work.conflicts:
        if progress is not None:
            progress("writing", 0, 1)
        with blog.store.batch():  # one commit: all of the import or none of it
            _, rejected = records.put_many(blog.store, work.out_posts, work.out_comments)
            report.refused(rejected, work.new_ids)
            report.conflicts = [c.id for c in work.conflicts]
            report.conflicts_new = conflicts.record(blog, work.conflicts)
            blog.invalidate()
            report.local = merge_local(blog, result.local, work.post_map, work.comment_map)
            report.skipped += report.local.skipped
            if any(c.sync_state == "queued" for c in work.out_comments):
                # Queued replies the file gave no outbox entry (Markdown, an old export).
                report.local.outbox += outbox.repair(blog)
        blog.invalidate()
        blog.store.back_up()  # the newest backup holds what came in
        if progress is not None:
            progress("writing", 1, 1)
    return report
