"""The posts lately opened, with their comments as objects (handed out, changed by callers,
saved back): a bounded cache, and which opened post each comment belongs to.

Threads: the UI thread and workers read it while the app's save queue changes it; every
method holds its lock (a post dropped from the cache by one thread while another moved it to
the end raised KeyError)."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict

from reeltui.domain.models import Comment, Post
from reeltui.store import NotFound, Store, StoreCorrupt, StoreError, records

OPEN_POSTS = 64  # posts (with their comments) kept as objects


class Opened:
    """A post read from its file, with its comments as objects."""

    __slots__ = ("comments", "error", "post")

    def __init__(
        self, post: Post | None, comments: list[Comment], error: StoreError | None = None
    ) -> None:
        self.post = post
        self.comments = {c.id: c for c in comments}
        self.error = error  # why the post itself cannot be read (its comments still can)


class OpenedPosts:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._posts: OrderedDict[str, Opened] = OrderedDict()
        self.owner: dict[str, str] = {}  # comment id -> post id, for opened posts
        self.skipped: list[str] = []  # damaged posts whole-archive reads went past
        self._lock = threading.RLock()

    def get(self, post_id: str) -> Opened:
        """The post and its comments, read from its file on first use. A damaged file or a
        refused record is said when the post is opened, and skipped by whole-archive scans
        (`reeltui check` lists them all)."""
        with self._lock:
            found = self._posts.get(post_id)
            if found is not None:
                self._posts.move_to_end(post_id)
                return found
        return self._read(post_id)  # (unlocked: a big post's file takes a while)

    def _read(self, post_id: str) -> Opened:
        post: Post | None = None
        comments: list[Comment] = []
        error: StoreError | None = None
        try:
            post = records.get_post(self.store, post_id)
            comments = records.comments_of(self.store, post_id)
        except NotFound:
            comments = records.comments_of(self.store, post_id)
        except StoreCorrupt as exc:
            error = exc
            self.skipped.append(str(exc))
            with contextlib.suppress(StoreError):
                comments = records.comments_of(self.store, post_id)
        return self._put(post_id, Opened(post, comments, error))

    def _put(self, post_id: str, found: Opened) -> Opened:
        with self._lock:
            first = self._posts.get(post_id)  # read by another thread meanwhile: the first
            return first if first is not None else self._keep(post_id, found)  # one stays

    def _keep(self, post_id: str, found: Opened) -> Opened:
        self._posts[post_id] = found
        for comment_id in found.comments:
            self.owner[comment_id] = post_id
        while len(self._posts) > OPEN_POSTS:
            _, gone = self._posts.popitem(last=False)
            for comment_id in gone.comments:
                self.owner.pop(comment_id, None)
        return found

    def known(self, post_id: str) -> Opened | None:
        return self._posts.get(post_id)

    def saved(self, post: Post) -> None:
        with self._lock:
            found = self._posts.get(post.id)
            if found is None:
                self._put(post.id, Opened(post, records.comments_of(self.store, post.id)))
            else:
                found.post = post

    def comment_saved(self, comment: Comment) -> None:
        with self._lock:
            was = self.owner.get(comment.id)
            if was is not None and was != comment.post_id and was in self._posts:
                self._posts[was].comments.pop(comment.id, None)
            self.get(comment.post_id).comments[comment.id] = comment
            self.owner[comment.id] = comment.post_id

    def comment_deleted(self, comment_id: str) -> None:
        with self._lock:
            post_id = self.owner.pop(comment_id, None)
            if post_id is not None and post_id in self._posts:
                self._posts[post_id].comments.pop(comment_id, None)

    def clear(self) -> None:
        with self._lock:
            self._posts.clear()
            self.owner.clear()
