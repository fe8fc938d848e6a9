"""The comments of the blog's posts: read through the posts lately opened (`OpenedPosts`),
saved and deleted through the store's records, their posts' rows updated with the figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment, thread_order
from reeltui.services import events
from reeltui.services.opened import OpenedPosts
from reeltui.store import NotFound, Store, records
from reeltui.store.layout import COMMENTS, POST, safe_name
from reeltui.store.record_docs import build_comment


class BlogComments:
    """Mixed into Blog (which sets `store` and `opened`, lists the posts, and updates their
    rows: `BlogIndex._updated`)."""

    store: Store
    opened: OpenedPosts

    if TYPE_CHECKING:

        def posts(self) -> list[PostSummary]: ...

        def _updated(self, summaries: list[PostSummary]) -> None: ...

    def comment_ids(self, post_id: str) -> list[str]:
        return list(self.opened.get(post_id).comments)

    def comments(self, post_id: str) -> list[Comment]:
        return list(self.opened.get(post_id).comments.values())

    def thread(self, post_id: str) -> list[tuple[Comment, int]]:
        """The post's comments in reading order with their depth (1 = top level)."""
        return thread_order(self.comments(post_id))

    def all_comments(self) -> list[Comment]:
        """Every comment of the archive (reads every post's file)."""
        return [c for s in self.posts() for c in self.comments(s.id)]

    def orphan_comments(self) -> list[Comment]:
        """Comments kept in files of posts that are not in the index (gone, or refused)."""
        known = {f"{safe_name(s.id)}.json" for s in self.posts()}
        found = []
        for name in self.store.listing(POST.path):
            if name not in known:
                docs = self.store.file(f"{POST.path}/{name}").good(COMMENTS.name)
                found += [build_comment(cid, doc) for cid, doc in docs.items()]
        return found

    def comments_where(self, wanted: Callable[[PostSummary], bool]) -> list[Comment]:
        """The comments of the posts whose summary is `wanted` (e.g. with pending ones)."""
        return [c for s in self.posts() if wanted(s) for c in self.comments(s.id)]

    def comment(self, comment_id: str) -> Comment:
        post_id = self.opened.owner.get(comment_id) or records.locate(self.store, comment_id)
        if post_id is not None:
            found = self.opened.get(post_id).comments.get(comment_id)
            if found is not None:
                return found
        raise NotFound(f"no comment with id {comment_id!r}")

    def save_comment(self, comment: Comment) -> None:
        summaries = records.put_comment(self.store, comment)
        self.opened.comment_saved(comment)
        self._updated(summaries)
        events.changed(self, "comment", comment.id)

    def delete_comment(self, comment_id: str) -> None:
        summaries = records.delete_comment(self.store, comment_id)
        self.opened.comment_deleted(comment_id)
        self._updated(summaries)
        events.changed(self, "comment", comment_id)
