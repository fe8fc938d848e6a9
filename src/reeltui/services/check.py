"""`reeltui check`: what is wrong with a store, as a list of plain sentences."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reeltui.services.blog import Blog
from reeltui.store import Store, StoreError, StoreLocked, StoreTooNew
from reeltui.store.backup import Backup, list_backups, restore
from reeltui.store.store import STORE_FILES


def problems(blog: Blog) -> list[str]:
    found: list[str] = []
    posts = blog.posts()
    post_ids = {p.id for p in posts}
    for slug, count in sorted(Counter(p.slug for p in posts).items()):
        if count > 1:
            found.append(f"duplicate slug {slug!r} used by {count} posts")
    for post in posts:
        if not post.slug:
            found.append(f"post {post.id!r} has no slug")
    comments = blog.all_comments()
    comment_ids = {c.id for c in comments}
    for comment in sorted(comments, key=lambda c: c.id):
        if comment.post_id not in post_ids:
            found.append(f"comment {comment.id!r} belongs to missing post {comment.post_id!r}")
        if comment.parent_id is not None and comment.parent_id not in comment_ids:
            found.append(f"comment {comment.id!r} answers missing comment {comment.parent_id!r}")
    return found


# -- repair: restore the newest sound backup ------------------------------------------------


@dataclass(frozen=True)
class Diagnosis:
    """What `check` found: an error opening the store, or a list of problems."""

    error: StoreError | None = None
    problems: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def sound(self) -> bool:
        return self.error is None and not self.problems

    @property
    def repairable(self) -> bool:
        """Damage a backup can fix (not a newer reeltui's store, not a store in use)."""
        return not self.sound and not isinstance(self.error, StoreTooNew | StoreLocked)


def diagnose(path: Path) -> Diagnosis:
    """Open the store at `path` read-only and check it; never writes anything."""
    try:
        blog = Blog(Store.open(path, read_only=True))
    except StoreError as exc:
        return Diagnosis(error=exc)
    try:
        found = problems(blog)
        comments = len(blog.all_comments())
        summary = (
            f"schema {blog.store.schema_version}, {len(blog.posts())} posts, {comments} comments"
        )
    except StoreError as exc:  # a record that does not make a valid post or comment
        return Diagnosis(error=exc)
    finally:
        blog.close()
    return Diagnosis(problems=found, summary=summary)


def sound_backup(path: Path) -> tuple[Backup, Diagnosis] | None:
    """The newest backup of the store at `path` that passes the check, with its diagnosis."""
    for candidate in list_backups(path):
        found = diagnose(candidate.path)
        if found.sound:
            return candidate, found
    return None


def repair(path: Path, chosen: Backup) -> Path:
    """Restore `chosen` into the store; returns where the replaced files were kept."""
    return restore(path, chosen, STORE_FILES)
