"""Importing what only reeltui knows, carried by its own exports: the outbox in its sending
order (queued replies and moderation), working copies of posts, revisions, read marks and
the film diary.

Applied after the posts and comments, inside the import's batch, through the services that
own each table. The file's ids are mapped to the ids its posts and comments got in the store.
What the store already has stays as it is (importing the same file again changes nothing);
entries whose post or comment is not in the file are skipped with the reason.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.models import Post
from reeltui.formats import Skip
from reeltui.formats.local_state import LocalState, OutboxItem
from reeltui.services import events, outbox, reads, revisions
from reeltui.services.blog import Blog
from reeltui.store import Refused, state
from reeltui.store import diary as diary_records


@dataclass
class LocalCounts:
    """What the import added to the outbox, working copies, revisions and read marks."""

    outbox: int = 0
    working_copies: int = 0
    revisions: int = 0
    reads: int = 0
    diary: int = 0
    kept: int = 0  # working copies, moderation, diary entries the store had its own of
    skipped: list[Skip] = field(default_factory=list)

    @property
    def added(self) -> int:
        return self.outbox + self.working_copies + self.revisions + self.reads + self.diary


def merge_local(
    blog: Blog, local: LocalState, post_ids: dict[str, str], comment_ids: dict[str, str]
) -> LocalCounts:
    """Add `local` to the store. `post_ids`/`comment_ids`: id in the file -> id in the store.
    Call inside a batch of every table; the blog's caches must be fresh."""
    counts = LocalCounts()
    if not local:
        return counts  # most imports: nothing to read (no table scanned, no post built)
    _outbox(blog, local.outbox, comment_ids, counts)
    known_posts = {p.id for p in blog.posts()} if local.working_copies else set()
    for post, saved_at in local.working_copies:
        _working_copy(blog, post, saved_at, post_ids, known_posts, counts)
    _revisions(blog, local, post_ids, counts)
    marks = reads.marks(blog) if local.reads else {}
    for mark in local.reads:
        post_id = post_ids.get(mark.post_id)
        if post_id is None:
            counts.skipped.append(Skip("read mark", mark.post_id, "its post is not in the file"))
        elif post_id not in marks:
            try:
                reads.put_mark(blog, post_id, mark.comments, mark.at)
            except Refused as exc:  # the gate's reason: named, the rest goes in
                counts.skipped.append(Skip("read mark", mark.post_id, str(exc)))
                continue
            marks[post_id] = (mark.comments, mark.at)
            counts.reads += 1
    _diary(blog, local.diary, counts)
    return counts


def _diary(blog: Blog, entries: list[DiaryEntry], counts: LocalCounts) -> None:
    """Diary entries the store does not have (by id, else by Letterboxd URI) are added; an
    entry the store has its own version of keeps the store's."""
    if not entries:
        return
    present = diary_records.all_entries(blog.store)
    by_id = {e.id: e for e in present}
    uris = {e.uri for e in present if e.uri}
    new: list[DiaryEntry] = []
    for entry in entries:
        same = by_id.get(entry.id)
        if same is not None or (entry.uri and entry.uri in uris):
            counts.kept += same is not None and same != entry
            continue
        by_id[entry.id] = entry
        uris.add(entry.uri)
        new.append(entry)
    if new:
        diary_records.put_entries(blog.store, new)
        counts.diary += len(new)
        events.changed(blog, "diary")


def _outbox(
    blog: Blog, items: list[OutboxItem], comment_ids: dict[str, str], counts: LocalCounts
) -> None:
    present = outbox.entries(blog)
    for item in items:
        comment_id = comment_ids.get(item.comment_id)
        what = f"{item.kind} {item.action} of comment {item.comment_id}".replace("  ", " ")
        if comment_id is None:
            counts.skipped.append(Skip("outbox entry", what, "its comment is not in the file"))
            continue
        same = [e for e in present if e.kind == item.kind and e.comment_id == comment_id]
        if item.kind == "moderate":
            if any(e.action == item.action and e.state == item.state for e in same):
                continue
            if any(e.state != "sent" for e in same):
                counts.kept += 1  # the store has its own moderation of it waiting
                continue
        elif same:
            continue  # one entry per reply: the store's is kept
        try:
            entry = outbox.put_back(
                blog,
                item.kind,
                comment_id,
                action=item.action,
                state=item.state,
                error=item.error,
                remote_id=item.remote_id,
                created=item.created,
            )
        except (ValueError, Refused) as exc:
            counts.skipped.append(Skip("outbox entry", what, str(exc)))
            continue
        present.append(entry)
        counts.outbox += 1


def _working_copy(
    blog: Blog,
    post: Post,
    saved_at: str,
    post_ids: dict[str, str],
    known_posts: set[str],
    counts: LocalCounts,
) -> None:
    post_id = post_ids.get(post.id)
    if post_id is None:  # never saved: only its working copy exists
        if post.id in known_posts:
            reason = "a different post of this store has its id"
            counts.skipped.append(Skip("working copy", post.id, reason))
            return
        post_id = post.id
    copy = dataclasses.replace(post, id=post_id)
    stored = state.get_draft(blog.store, post_id)
    if stored is not None:
        counts.kept += stored[0] != copy
        return
    try:
        state.put_draft(blog.store, copy, saved_at)
    except Refused as exc:
        counts.skipped.append(Skip("working copy", post.id, str(exc)))
        return
    counts.working_copies += 1


def _revisions(
    blog: Blog, local: LocalState, post_ids: dict[str, str], counts: LocalCounts
) -> None:
    copies = {p.id for p, _ in local.working_copies}
    histories: dict[str, list[revisions.Revision]] = {}
    for item in local.revisions:
        post_id = post_ids.get(item.post.id)
        if post_id is None and item.post.id in copies:
            post_id = item.post.id  # a post never saved, kept as its working copy
        if post_id is None:  # left by a new post discarded before it was saved: not a problem
            why = "its post is in the file neither saved nor as a working copy (discarded)"
            what = f"{item.reason} of {item.at}"
            counts.skipped.append(Skip("revision", what, why, problem=False))
            continue
        past = histories.get(post_id)
        if past is None:
            past = histories[post_id] = revisions.history(blog.store, post_id)
        post = dataclasses.replace(item.post, id=post_id)
        same = (item.reason, item.at, item.note, post)
        if any((r.reason, r.at, r.note, r.post) == same for r in past):
            continue
        try:
            added = revisions.add(blog.store, post, item.reason, item.at, item.note, past=past)
        except (ValueError, Refused) as exc:
            counts.skipped.append(Skip("revision", f"{item.reason} of {item.at}", str(exc)))
            continue
        if added is not None:
            past.insert(0, added)
            counts.revisions += 1
