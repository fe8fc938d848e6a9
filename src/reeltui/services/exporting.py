"""Getting posts out of reeltui: the store as files, and one post as text.

- `export`: Markdown files (one per post), a WordPress WXR file, or JSON. Files are written
  crash-safely (temporary file, fsync, rename); an export only reads the store, so it works
  while the app has the store open.
- `as_markdown`, `as_html`, `post_link`: a post as text for the clipboard.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reeltui.domain.listing import Listed
from reeltui.domain.models import OUTBOX_STATES, Comment, Post, member
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.formats import EXPORT_FORMATS, FormatError, Parsed, Progress
from reeltui.formats.jsonio import dump_json
from reeltui.formats.local_state import LocalState, OutboxItem, ReadItem, RevisionItem
from reeltui.formats.md2html import markdown_to_html
from reeltui.formats.wxr.writer import write_wxr
from reeltui.services import outbox, reads, revisions
from reeltui.services.blog import Blog
from reeltui.services.export_markdown import write_markdown
from reeltui.store import diary as diary_records
from reeltui.store import state
from reeltui.store.storage import atomic_write_bytes


@dataclass(frozen=True, slots=True)
class ExportReport:
    format: str
    path: Path
    posts: int
    comments: int
    files: int
    orphans: int  # comments whose post is missing (kept in JSON only)

    def summary(self) -> str:
        where = str(self.path)
        if self.format == "markdown":
            where = f"{count(self.files, 'file')} in {self.path}"
        return (
            f"exported {count(self.posts, 'post')} and {count(self.comments, 'comment')} "
            f"({self.format}) to {sanitize_line(where)}"
        )

    def lines(self) -> list[str]:
        """What the CLI and the export dialog say when it is done, one safe line each."""
        lines = [self.summary()]
        if self.orphans and self.format != "json":
            orphans = count(self.orphans, "comment")
            lines.append(f"left out: {orphans} whose post is missing (see the json format)")
        return lines


def collect(blog: Blog) -> tuple[list[Parsed], int]:
    """Posts by date with their comments in thread order; and the count of orphan comments."""
    posts = sorted(blog.full_posts(), key=lambda p: (p.date, p.id))  # damaged ones skipped
    parsed = [Parsed(p, [c for c, _ in blog.thread(p.id)]) for p in posts]
    return parsed, len(blog.orphan_comments())


def local_state(blog: Blog) -> LocalState:
    """The outbox (in sending order), working copies, revisions, read marks and the film
    diary of the store."""
    return LocalState(
        outbox=[
            OutboxItem(e.kind, e.comment_id, e.action, state_, e.error, e.remote_id, e.created)
            for e in outbox.entries(blog)
            for state_ in [member(OUTBOX_STATES, e.state, "outbox state")]  # never "draft"
        ],
        working_copies=sorted(state.all_drafts(blog.store), key=lambda d: d[0].id),
        revisions=[
            RevisionItem(r.post, r.reason, r.at, r.note) for r in revisions.every(blog.store)
        ],
        reads=[ReadItem(pid, n, at) for pid, (n, at) in sorted(reads.marks(blog).items())],
        diary=sorted(diary_records.all_entries(blog.store), key=lambda e: e.id),
    )


def check_outside(store: Path, out: Path) -> None:
    """FormatError when `out` is the store's folder or inside it (links followed): an export
    must never replace the store's own files."""
    target, folder = out.resolve(), store.resolve()
    if target == folder or folder in target.parents:
        raise FormatError(
            f"{out} is inside the store's folder {folder}; export somewhere else "
            "(the store's own files must not be replaced)"
        )


_LEFTOVER = re.compile(r"^\.(.+)\.(\d+)\.tmp$")  # replace_file's temporary files


def clean_leftovers(folder: Path, names: Callable[[str], bool]) -> int:
    """Remove the temporary files an export killed half-way left in `folder` (those of a
    process that is gone, for the file names `names` accepts); returns how many."""
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for path in entries:
        found = _LEFTOVER.match(path.name)
        if found is None or not names(found.group(1)) or _alive(int(found.group(2))):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours: a write of this process that failed and was not cleaned
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**22  # another user's process, or a number no process can have
    return True


def export(
    blog: Blog, fmt: str, out: Path, progress: Progress | None = None, *, force: bool = False
) -> ExportReport:
    """Export the store to `out`. `force`: a Markdown export may write into a folder that
    holds other files (see `export_markdown`); a JSON or WXR export may replace a file that
    is not an earlier export of its format (without it, only such a file is replaced)."""
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"unknown export format {fmt!r}; choose {', '.join(EXPORT_FORMATS)}")
    out = out.expanduser()
    check_outside(blog.path, out)
    items, orphans = collect(blog)
    comments = sum(len(p.comments) for p in items)
    if fmt == "markdown":
        if out.is_dir():
            clean_leftovers(out, lambda name: name.endswith(".md"))
        files = write_markdown(items, out, progress, force=force)
        return ExportReport(fmt, out, len(items), comments, files, orphans)
    if out.is_dir():
        raise FormatError(f"{out} is a folder; give a file name for the {fmt} export")
    if not out.parent.is_dir():
        raise FormatError(f"cannot write {out}: folder {out.parent} does not exist")
    if not force:
        refuse_foreign(out, fmt)
    local = local_state(blog)
    if fmt == "wxr":
        payload = write_wxr(items, outbox=local.outbox)
    else:
        payload = dump_json([p.post for p in items], _all_comments(blog), local)
        comments += orphans
    clean_leftovers(out.parent, lambda name: name == out.name)
    atomic_write_bytes(out, payload)
    if progress is not None:
        progress("writing", 1, 1)
    return ExportReport(fmt, out, len(items), comments, 1, orphans)


_MARKS = {"json": b'"reeltui-export"', "wxr": b"<generator>reeltui</generator>"}


def _letterboxd_head() -> bytes:
    from reeltui.formats.letterboxd_write import IMPORT_COLUMNS

    return (",".join(IMPORT_COLUMNS) + "\n").encode()


def refuse_foreign(out: Path, fmt: str) -> None:
    """An existing file is replaced only when it is an earlier export of `fmt` (its head
    says so; a Letterboxd CSV's first line is the header reeltui writes): a mistyped
    `--out` must not overwrite a user's other file."""
    try:
        with out.open("rb") as existing:
            head = existing.read(64 * 1024)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FormatError(f"cannot write {out}: {exc.strerror or exc}") from None
    earlier = head.startswith(_letterboxd_head()) if fmt == "letterboxd" else _MARKS[fmt] in head
    if not earlier:
        name = "Letterboxd CSV" if fmt == "letterboxd" else fmt
        raise FormatError(
            f"{out} exists and is not an earlier reeltui {name} export: it was left as it "
            "is; give another file name, or --force to replace it"
        )


def _all_comments(blog: Blog) -> list[Comment]:
    found = [*blog.all_comments(), *blog.orphan_comments()]  # orphans: in JSON only
    return sorted(found, key=lambda c: (c.post_id, c.date, c.id))


# -- one post as text (copy as Markdown, HTML or link) -------------------------------------


def as_markdown(post: Post) -> str:
    head = f"# {post.title}\n\n" if post.title else ""
    return head + post.body.strip() + "\n"


def as_html(post: Post) -> str:
    head = f"<h1>{html.escape(post.title)}</h1>\n" if post.title else ""
    return head + markdown_to_html(post.body)


def post_link(post: Listed, base_url: str = "") -> str:
    """The post's address on the blog: its imported link, else base_url/slug/."""
    for key in ("link", "url", "wp"):
        value = post.source.get(key, "")
        if value.startswith(("http://", "https://")):
            return value
    base = base_url.rstrip("/")
    return f"{base}/{post.slug}/"
