"""Editing a post: open, check, save (post + revision), autosave (working copy + revision),
recover a working copy left by a crash, list and restore revisions.

Autosave writes only drafts.json and revisions.json (small files), never posts.json. A manual
save writes the post, keeps a revision and drops the working copy. The session's lock
serialises writes, so autosaves may run in a worker thread while the user types.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reeltui.domain.models import Post
from reeltui.domain.titles import same_slug
from reeltui.domain.vocab import RevisionReason
from reeltui.formats.blockedit import prepare
from reeltui.formats.sitehtml import keep_site_text
from reeltui.services import reads, revisions
from reeltui.services.blog import Blog
from reeltui.services.postform import Form, build
from reeltui.services.revisions import Revision
from reeltui.store import NotFound, StoreError, state

__all__ = ["EditSession", "Recovery", "StoreError", "find_for_edit", "recoverable"]

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Recovery:
    """A working copy left behind (the app died before the post was saved)."""

    post: Post
    saved_at: str
    is_new: bool  # the post was never saved: it exists only as this working copy


def light(post: Post) -> Post:
    """The post without its site HTML, for working copies and revisions: they cost what the
    Markdown costs, and a save splices them into the HTML like any edit."""
    if not (post.html or post.excerpt_html):
        return post
    return dataclasses.replace(post, html="", excerpt_html="")


def recoverable(blog: Blog) -> list[Recovery]:
    """Working copies that differ from their saved post (or have none), newest first."""
    found = []
    for draft, saved_at in state.all_drafts(blog.store):
        try:
            saved = blog.post(draft.id)
        except NotFound:
            found.append(Recovery(draft, saved_at, True))
            continue
        if not revisions.same_post(saved, draft):
            found.append(Recovery(draft, saved_at, False))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def working_copies_file(blog: Blog) -> Path:
    """The file that holds the working copies (what the editor tells a user who quits)."""
    from reeltui.store.layout import DRAFTS

    return blog.path / DRAFTS.path


def find_for_edit(blog: Blog, slug: str) -> Post:
    """The post with `slug`, or a never-saved working copy with it."""
    try:
        return blog.post_by_slug(slug)
    except NotFound:
        for draft, _ in state.all_drafts(blog.store):
            if same_slug(draft.slug, slug):
                return draft
        raise


class EditSession:
    """One post being edited. `saved` is the post as last written to posts.json."""

    def __init__(
        self,
        blog: Blog,
        post: Post,
        *,
        is_new: bool,
        clock: Clock = utc_now,
        keep_autosaves: int = revisions.KEEP_AUTOSAVES,
    ) -> None:
        self.blog = blog
        self.saved = post
        self.is_new = is_new
        self.clock = clock
        self.keep_autosaves = keep_autosaves
        self._lock = threading.Lock()
        self._taken: set[str] | None = None

    @classmethod
    def open(cls, blog: Blog, post_id: str, *, clock: Clock = utc_now) -> EditSession:
        """Edit a saved post, or a working copy that was never saved."""
        try:
            return cls(blog, blog.post(post_id), is_new=False, clock=clock)
        except NotFound:
            draft = state.get_draft(blog.store, post_id)
            if draft is None:
                raise
            return cls(blog, draft[0], is_new=True, clock=clock)

    @property
    def post_id(self) -> str:
        return self.saved.id

    @property
    def read_only(self) -> bool:
        return self.blog.read_only

    # -- checking ------------------------------------------------------------------------

    def taken_slugs(self) -> set[str]:
        """Slugs of the other posts and working copies (cached until the next save)."""
        if self._taken is None:
            self._taken = self._find_taken_slugs()
        return self._taken

    def _find_taken_slugs(self) -> set[str]:
        slugs = {p.slug for p in self.blog.posts() if p.id != self.post_id}
        slugs.update(d.slug for d, _ in state.all_drafts(self.blog.store) if d.id != self.post_id)
        slugs.discard("")
        return slugs

    def build(self, form: Form, body: str, base: Post | None = None) -> tuple[Post, dict[str, str]]:
        return build(
            base or self.saved, form, body, taken_slugs=self.taken_slugs(), now=self.clock()
        )

    def changed(self, post: Post) -> bool:
        return self.is_new or not revisions.same_post(post, self.saved)

    def working_copy(self) -> tuple[Post, str] | None:
        """The autosaved working copy, when it differs from the saved post."""
        draft = state.get_draft(self.blog.store, self.post_id)
        if draft is None or (not self.is_new and revisions.same_post(draft[0], self.saved)):
            return None
        return draft

    def prepare(self) -> None:
        """Read the site's HTML into blocks ahead of the first save (slow for a long post;
        the editor runs it in a thread when it opens)."""
        if self.saved.html:
            prepare(self.saved.html)

    # -- writing -------------------------------------------------------------------------

    def save(
        self, post: Post, reason: RevisionReason | None = None, note: str = ""
    ) -> Revision | None:
        """Write the post and keep a revision ("publish" when it becomes published).

        Raises StoreWriteError (nothing lost: the caller keeps the text) or StoreReadOnly.
        """
        with self._lock:
            now = iso(self.clock())
            # the site's HTML follows the edit: only the blocks the writer changed change
            post = keep_site_text(self.saved, dataclasses.replace(post, modified=now))
            if reason is None:
                newly_published = post.status == "published" and (
                    self.is_new or self.saved.status != "published"
                )
                reason = "publish" if newly_published else "save"
            store = self.blog.store
            before = None if self.is_new else light(self.saved)
            try:
                self.blog.save_post(post)  # first, alone: if it fails nothing else changes
            except StoreError:
                self.blog.invalidate()  # the cached post was not written: forget it
                raise
            self.saved = post
            if self.is_new:  # a post made here starts read
                with contextlib.suppress(StoreError):
                    reads.mark_read(self.blog, post.id)
            self.is_new = False
            self._taken = None
            with store.batch():
                past = revisions.history(store, post.id)
                if before is not None:  # a post from elsewhere: its text before this save
                    past = revisions.keep_original(store, before, past)
                rev = revisions.add(store, light(post), reason, now, note, past=past)
                state.delete_draft(store, post.id)
            return rev

    def autosave(self, post: Post) -> str:
        """Write the working copy (drafts.json) and an autosave revision; returns the time."""
        with self._lock:
            now = iso(self.clock())
            store = self.blog.store
            state.put_draft(store, light(post), now)  # first, alone: the words are safe
            with store.batch():  # the revision and its pruning: one write of one small file
                past = revisions.history(store, post.id)
                if not self.is_new:  # a post from elsewhere: its text before the first edit
                    past = revisions.keep_original(store, light(self.saved), past)
                rev = revisions.add(store, light(post), "autosave", now, past=past)
                known = past if rev is None else [rev, *(r for r in past if r.id != rev.id)]
                revisions.prune(store, post.id, self.keep_autosaves, known=known)
            return now

    def discard_working_copy(self) -> None:
        """Drop the working copy; a post never saved goes whole, its autosaves with it."""
        with self._lock:
            store = self.blog.store
            with store.batch():
                state.delete_draft(store, self.post_id)
                if self.is_new:
                    revisions.forget(store, self.post_id)

    # -- revisions -----------------------------------------------------------------------

    def history(self) -> list[Revision]:
        return revisions.history(self.blog.store, self.post_id)

    def restore(self, revision: Revision) -> Post:
        """Save the revision's text and metadata as the current post (a new revision)."""
        post = dataclasses.replace(revision.post, id=self.post_id)
        self.save(post, "restore", note=f"from {revision.reason} of {revision.at}")
        return self.saved
