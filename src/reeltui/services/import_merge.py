"""An import's matching of what was read against the store: a post or comment read is the
store's one with the same source id (`source["wxr"]` and the site for WXR, the reeltui id
otherwise), else a new one (its id and slug made unique); only the posts that match are read
whole. What changed is gathered for one write (`importer.merge`), what changed on both sides
kept as a conflict (import_conflicts.py); local replies are never overwritten, nor is a
moderation made here and not sent yet (the outbox would send what the store no longer shows:
the file, an export, cannot know of it, so the local change is the newer one)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reeltui.domain.models import Comment, Post
from reeltui.domain.text import slugify, unique_slug
from reeltui.domain.titles import safe_slug
from reeltui.formats import Parsed, Progress
from reeltui.formats.sitehtml import keep_site_text
from reeltui.services import import_conflicts as conflicts
from reeltui.services import moderation, outbox
from reeltui.services.blog import Blog
from reeltui.services.import_report import ImportReport
from reeltui.services.sync.state import Conflict
from reeltui.store import records, state

Key = tuple[str, str, str]


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


class Merging:
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
        self.moderated = {  # comment id -> the moderation queued here, not sent yet
            e.comment_id: e.action
            for e in outbox.entries(blog)
            if e.kind == "moderate" and e.state != "sent"
        }

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
                if old.id in self.moderated:
                    self._keep_moderation(old, new)
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

    def _keep_moderation(self, old: Comment, new: Comment) -> None:
        """A comment moderated here, the moderation queued: its status (and what the
        moderation keeps in its source) stays as the moderation left it."""
        for key in (moderation.BEFORE, moderation.REMOTE):
            if key in old.source:
                new.source[key] = old.source[key]
            else:
                new.source.pop(key, None)
        if new.status != old.status:
            action = self.moderated[old.id]
            self.report.moderation_kept.append(
                f"{old.id} by {old.author or 'someone'}: {old.status} here (its {action} "
                f"queued in the outbox); the file has it {new.status}"
            )
            new.status = old.status


def _unique(wanted: str, taken: set[str] | _Taken) -> str:
    found = unique_slug(wanted, taken)
    taken.add(found)
    return found
