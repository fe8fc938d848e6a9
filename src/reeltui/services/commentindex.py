"""Per-post comment ids and the figures the post list shows, from the raw store documents.

Building 200,000 Comment objects takes seconds; the list needs only counts and the reader
only one post's thread, so this index is built from the stored dicts in one pass and kept
up to date by the Blog as comments are saved and deleted. The count a list shows is of
readers' comments (`domain.readers`): per post, the index keeps how many approved comments
each signer left, and leaves out the blog's own people when it counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, overload

from reeltui.domain.models import Comment
from reeltui.domain.readers import OwnPeople, ReaderKey, count_readers, reader_key

Facts = tuple[str, bool, bool, ReaderKey | None]  # post id, pending, queued, reader key


@overload
def facts(doc: Comment) -> Facts: ...
@overload
def facts(doc: Mapping[str, Any] | None) -> Facts | None: ...
def facts(doc: Mapping[str, Any] | Comment | None) -> Facts | None:
    """What the index needs of a stored comment (a document or the Comment saved; None: no
    such comment)."""
    if doc is None:
        return None
    if isinstance(doc, Comment):
        return (doc.post_id, doc.status == "pending", doc.sync_state == "queued", reader_key(doc))
    return (
        doc.get("post_id", ""),
        doc.get("status") == "pending",
        doc.get("sync_state") == "queued",
        reader_key(doc),
    )


class CommentIndex:
    def __init__(self, raw: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.by_post: dict[str, list[str]] = {}
        self.pending: Counter[str] = Counter()
        self.queued: Counter[str] = Counter()  # replies waiting in the outbox, per post
        self.signers: dict[str, Counter[ReaderKey]] = {}  # approved comments per signer
        self.pending_total = 0
        self.queued_total = 0
        self._own: OwnPeople | None = None
        self._readers: dict[str, int] = {}  # counted for `_own`, per post
        by_post = self.by_post
        for comment_id, doc in (raw or {}).items():
            post_id = doc.get("post_id", "")
            ids = by_post.get(post_id)
            if ids is None:
                by_post[post_id] = [comment_id]
            else:
                ids.append(comment_id)
            pending = doc.get("status") == "pending"
            queued = doc.get("sync_state") == "queued"
            if pending or queued:
                self._count(post_id, pending, queued, 1)
            key = reader_key(doc)
            if key is not None:
                self._sign(post_id, key, 1)

    def _count(self, post_id: str, pending: bool, queued: bool, step: int) -> None:
        if pending:
            self.pending[post_id] += step
            self.pending_total += step
        if queued:
            self.queued[post_id] += step
            self.queued_total += step

    def _sign(self, post_id: str, key: ReaderKey, step: int) -> None:
        signers = self.signers.get(post_id)
        if signers is None:
            signers = self.signers[post_id] = Counter()
        signers[key] += step
        if signers[key] <= 0:
            del signers[key]
        self._readers.pop(post_id, None)

    def count(self, post_id: str) -> int:
        """Every comment of the post, whatever it is (the thread's length)."""
        return len(self.by_post.get(post_id, ()))

    def readers(self, post_id: str, own: OwnPeople) -> int:
        """The post's readers' comments (`domain.readers`), the blog's `own` people left out."""
        if own != self._own:
            self._own, self._readers = own, {}
        found = self._readers.get(post_id)
        if found is None:
            signers = self.signers.get(post_id)
            found = self._readers[post_id] = count_readers(signers, own) if signers else 0
        return found

    def ids(self, post_id: str) -> list[str]:
        return list(self.by_post.get(post_id, ()))

    def _facts(self, post_id: str, old: Facts, step: int) -> None:
        self._count(post_id, old[1], old[2], step)
        if old[3] is not None:
            self._sign(post_id, old[3], step)

    def put(self, comment_id: str, old: Facts | None, new: Facts) -> None:
        """Record a saved comment: `old` are its facts before the save (None: it is new)."""
        if old == new:
            return
        if old is not None:
            self._facts(old[0], old, -1)
            if old[0] != new[0]:
                self.by_post[old[0]].remove(comment_id)
        if old is None or old[0] != new[0]:
            self.by_post.setdefault(new[0], []).append(comment_id)
        self._facts(new[0], new, 1)

    def drop(self, comment_id: str, old: Facts | None) -> None:
        if old is not None:
            self._facts(old[0], old, -1)
            self.by_post[old[0]].remove(comment_id)
