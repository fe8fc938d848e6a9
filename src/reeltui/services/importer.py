"""Import a WordPress export, Markdown files or a reeltui JSON export into a store.

Idempotent: posts and comments are matched on their source ids (`source["wxr"]` and the
site for WXR, the reeltui id otherwise), so importing the same file twice changes nothing,
and importing an updated export updates the posts that changed. Local drafts (drafts.json)
and local replies (origin "local") are never touched. One import is one write per file.

For a UI: run `import_path(blog, path, progress)` in a worker; `progress(phase, done, total)` is
called with phase "reading" (bytes of a WXR file), "merging" (posts) and "writing" (0/1, 1/1).
`read_source` + `merge` split the work when the file should be read before the store is opened.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reeltui.domain.memory import paused_gc
from reeltui.domain.models import Comment, Post
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import unique_slug
from reeltui.formats import FormatError, Parsed, Progress, ReadResult, Skip
from reeltui.formats.frontmatter import read_dir, read_file
from reeltui.formats.jsonio import read_json
from reeltui.formats.wxr import read_wxr
from reeltui.services.blog import Blog
from reeltui.store import Rejected, records, state

FORMATS = ("wxr", "markdown", "json")
Key = tuple[str, str, str]


@dataclass
class ImportReport:
    source: str
    format: str
    posts_added: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    comments_added: int = 0
    comments_updated: int = 0
    comments_unchanged: int = 0
    local_kept: int = 0  # local replies left as they were
    drafts_kept: int = 0  # updated posts whose local draft was left as it was
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    broken: str = ""

    @property
    def posts(self) -> int:
        return self.posts_added + self.posts_updated + self.posts_unchanged

    @property
    def comments(self) -> int:
        return self.comments_added + self.comments_updated + self.comments_unchanged

    @property
    def changed(self) -> bool:
        return bool(
            self.posts_added + self.posts_updated + self.comments_added + self.comments_updated
        )

    def detail_lines(self, limit: int) -> list[str]:
        """What was kept, skipped (the first `limit` with reasons) and noted, one line each,
        safe to print (shared by the CLI summary and the import dialog)."""
        lines = []
        if self.local_kept or self.drafts_kept:
            lines.append(
                f"kept: {self.local_kept} local replies, "
                f"{self.drafts_kept} local drafts of updated posts"
            )
        if self.skipped:
            counts = ", ".join(f"{n} {kind}" for kind, n in self.skipped_by_kind().items())
            lines.append(f"skipped: {counts}")
            lines += [
                f"  - {sanitize_line(s.what)}: {sanitize_line(s.reason)}"
                for s in self.skipped[:limit]
            ]
            if len(self.skipped) > limit:
                lines.append(f"  … and {len(self.skipped) - limit} more")
        lines += [f"note: {sanitize_line(n)}" for n in self.notes[:limit]]
        return lines

    def refused(self, rejected: list[Rejected], new: set[str]) -> None:
        """Records the store's validation gate refused: skipped, each with its reason."""
        for item in rejected:
            what = f"{item.kind} {item.record_id!r} of {self.source}"
            reason = "; ".join(str(p) for p in item.problems[:3])
            self.skipped.append(Skip(item.kind, what, f"refused: {reason}"))
            fresh = item.record_id in new
            if item.kind == "post":
                self.posts_added -= fresh
                self.posts_updated -= not fresh
            else:
                self.comments_added -= fresh
                self.comments_updated -= not fresh

    def skipped_by_kind(self) -> dict[str, int]:
        return dict(Counter(s.kind for s in self.skipped).most_common())


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
        return _read_source(path, progress)


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
    return fmt, ReadResult(source=str(path), posts=[read_file(path)])


def import_path(blog: Blog, path: Path, progress: Progress | None = None) -> ImportReport:
    """Read `path` and merge it into the blog's store (see `merge`)."""
    with paused_gc():  # one pause over both: no full collection between them
        fmt, result = read_source(path, progress)
        return merge(blog, result, fmt, progress)


def wxr_key(source: dict[str, str]) -> Key | None:
    if "wxr" in source:
        return ("wxr", source.get("wxr_site", ""), source["wxr"])
    if "wxr_guid" in source:
        return ("guid", "", source["wxr_guid"])
    return None


class _Taken:
    """Comment ids in use: those of the store (its comment index) and those given now."""

    def __init__(self, blog: Blog) -> None:
        self.blog = blog
        self.mine: set[str] = set()

    def __contains__(self, comment_id: object) -> bool:
        return comment_id in self.mine or (
            isinstance(comment_id, str) and records.locate(self.blog.store, comment_id) is not None
        )

    def add(self, comment_id: str) -> None:
        self.mine.add(comment_id)


class _Merge:
    """Matching what was read against the store, reading only the posts that match."""

    def __init__(self, blog: Blog, report: ImportReport) -> None:
        self.blog = blog
        self.report = report
        self.summaries = {s.id: s for s in blog.posts()}
        self.drafts = {p.id for p, _ in state.all_drafts(blog.store)}
        self.posts_by_key = {k: s.id for s in self.summaries.values() if (k := wxr_key(s.source))}
        self.comments: dict[str, Comment] = {}  # of the matched posts, read as they match
        self.comments_by_key: dict[Key, Comment] = {}
        self.replies: dict[tuple[str, str], Comment] = {}
        self.post_ids: set[str] = set(self.summaries)
        self.comment_ids = _Taken(blog)
        self.out_posts: list[Post] = []
        self.out_comments: list[Comment] = []
        self.claimed: set[str] = set()
        self.new_ids: set[str] = set()  # ids of the posts and comments added (not updated)

    def _existing(self, post_id: str) -> Post:
        """A matched post of the store, read whole, with its comments registered."""
        post = self.blog.post(post_id)
        for comment in self.blog.comments(post_id):
            self.comments[comment.id] = comment
            if (key := wxr_key(comment.source)) is not None:
                self.comments_by_key.setdefault(key, comment)
            if comment.origin == "local" and comment.remote_id:
                self.replies[(comment.post_id, comment.remote_id)] = comment
        return post

    def match_post(self, post: Post, claimed: set[str]) -> Post | None:
        key = wxr_key(post.source)
        found = self.posts_by_key.get(key) if key else None
        if found is None:
            same = self.summaries.get(post.id)
            if same is not None and (
                key is None or (wxr_key(same.source) is None and same.slug == post.slug)
            ):
                found = same.id
        return None if found is None or found in claimed else self._existing(found)

    def run(self, items: list[Parsed], progress: Progress | None) -> None:
        claimed: set[str] = set()
        matches: list[Post | None] = []
        for parsed in items:
            old = self.match_post(parsed.post, claimed)
            if old is not None:
                claimed.add(old.id)
            matches.append(old)
        slugs = {p.slug for p in self.summaries.values() if p.id not in claimed}
        for index, (parsed, old) in enumerate(zip(items, matches, strict=True), 1):
            post = self.post(parsed.post, old, slugs)
            self.post_comments(post, parsed.comments)
            if progress is not None and index % 200 == 0:
                progress("merging", index, len(items))

    def post(self, post: Post, old: Post | None, slugs: set[str]) -> Post:
        report = self.report
        new = dataclasses.replace(post, source=dict(post.source))
        new.slug = unique_slug(new.slug, slugs)
        slugs.add(new.slug)
        if old is None:
            new.id = _unique(new.id, self.post_ids)
            self.new_ids.add(new.id)
            report.posts_added += 1
            self.out_posts.append(new)
            return new
        new.id = old.id
        if new.film.is_empty():
            new.film = old.film
        if new.rating is None:
            new.rating = old.rating
        new.source = {**old.source, **new.source}
        if new == old:
            report.posts_unchanged += 1
        else:
            report.posts_updated += 1
            report.drafts_kept += old.id in self.drafts
            self.out_posts.append(new)
        return new

    def match_comment(self, comment: Comment, post_id: str) -> Comment | None:
        key = wxr_key(comment.source)
        found = self.comments_by_key.get(key) if key else None
        if found is None:
            same = self.comments.get(comment.id)
            related = same is not None and same.post_id == post_id
            if same is not None and related and (key is None or wxr_key(same.source) is None):
                found = same
        if found is None and key is not None:
            found = self.replies.get((post_id, comment.source.get("wxr", "")))
        if found is None or found.id in self.claimed:
            return None
        self.claimed.add(found.id)
        return found

    def post_comments(self, post: Post, comments: list[Comment]) -> None:
        report = self.report
        ids: dict[str, str] = {}
        pending: list[tuple[Comment, Comment | None]] = []
        for comment in comments:
            read_id = comment.id
            old = self.match_comment(comment, post.id)
            if old is not None and old.origin == "local":
                ids[read_id] = old.id  # a local reply (or ours, back from the blog): kept
                report.local_kept += 1
                continue
            new = comment  # what was read is ours to change (cheaper than a copy per comment)
            new.post_id, new.source = post.id, dict(comment.source)
            if old is not None:
                new.id = old.id
                new.source = {**old.source, **new.source}
            else:
                new.id = _unique(new.id, self.comment_ids)
            ids[read_id] = new.id
            pending.append((new, old))
        for new, old in pending:
            if new.parent_id is not None:
                new.parent_id = ids.get(new.parent_id, new.parent_id)
            if old is None:
                self.new_ids.add(new.id)
                report.comments_added += 1
                self.out_comments.append(new)
            elif old == new:
                report.comments_unchanged += 1
            else:
                report.comments_updated += 1
                self.out_comments.append(new)


def _unique(wanted: str, taken: set[str] | _Taken) -> str:
    found = unique_slug(wanted, taken)
    taken.add(found)
    return found


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
    work = _Merge(blog, report)
    work.run(result.posts, progress)
    if work.out_posts or work.out_comments:
        if progress is not None:
            progress("writing", 0, 1)
        _, rejected = records.put_many(blog.store, work.out_posts, work.out_comments)
        report.refused(rejected, work.new_ids)
        blog.invalidate()
        if progress is not None:
            progress("writing", 1, 1)
    return report
