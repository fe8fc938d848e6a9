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
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from reeltui.domain.memory import paused_gc
from reeltui.domain.models import Comment, Post
from reeltui.domain.plural import count
from reeltui.domain.text import slugify, unique_slug
from reeltui.domain.titles import safe_slug
from reeltui.formats import FormatError, Parsed, Progress, ReadResult
from reeltui.formats.frontmatter import read_dir, read_file
from reeltui.formats.jsonio import read_json
from reeltui.formats.sitehtml import keep_site_text
from reeltui.formats.wxr.reader import read_wxr
from reeltui.services import import_conflicts as conflicts
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.import_local import merge_local
from reeltui.services.import_report import ImportReport
from reeltui.services.sync.state import Conflict
from reeltui.store import records, state

FORMATS = ("wxr", "markdown", "json")
Key = tuple[str, str, str]


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
        self.drafts = {p.id: p for p, _ in state.all_drafts(blog.store)}
        self.posts_by_key = {k: s.id for s in self.summaries.values() if (k := wxr_key(s.source))}
        self.comments: dict[str, Comment] = {}  # of the matched posts, read as they match
        self.comments_by_key: dict[Key, Comment] = {}
        self.replies: dict[tuple[str, str], Comment] = {}
        self.post_ids: set[str] = set(self.summaries)
        self.comment_ids = _Taken(blog)
        self.out_posts: list[Post] = []
        self.out_comments: list[Comment] = []
        self.versions = conflicts.Versions(blog.store)
        self.conflicts: list[Conflict] = []
        self.claimed: set[str] = set()
        self.post_map: dict[str, str] = {}  # id in the file -> id in the store
        self.comment_map: dict[str, str] = {}
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
            self.post_map[parsed.post.id] = post.id
            self.post_comments(post, parsed.comments)
            if progress is not None and index % 200 == 0:
                progress("merging", index, len(items))

    def post(self, post: Post, old: Post | None, slugs: set[str]) -> Post:
        report = self.report
        new = dataclasses.replace(post, source=dict(post.source))
        new.slug = unique_slug(safe_slug(new.slug) or slugify(new.title), slugs)
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
        new = keep_site_text(old, new)  # Markdown files over a site post: the smallest change
        verdict = conflicts.judge(old, new, self.versions)
        if verdict == "keep":  # changed only here: the file brings a version we had
            report.posts_kept += 1
            return old
        if verdict == "conflict":  # changed on both sides: both kept (see import_conflicts)
            self.conflicts.append(conflicts.conflict_of(old, new, Path(report.source).name))
            report.posts_in_conflict += 1
            return old
        if new == old:
            report.posts_unchanged += 1
        else:
            report.posts_updated += 1
            working = self.drafts.get(old.id)
            report.drafts_kept += working is not None
            if working is not None and conflicts.fingerprint(working) != conflicts.fingerprint(new):
                found = conflicts.draft_conflict(working, new, Path(report.source).name)
                self.conflicts.append(found)
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
                self.comment_map[read_id] = old.id
                report.local_kept += 1
                continue
            new = comment  # what was read is ours to change (cheaper than a copy per comment)
            new.post_id, new.source = post.id, dict(comment.source)
            if old is not None:
                new.id = old.id
                new.source = {**old.source, **new.source}
            else:
                new.id = _unique(new.id, self.comment_ids)
            ids[read_id] = self.comment_map[read_id] = new.id
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
