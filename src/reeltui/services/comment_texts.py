"""Every comment's text, searchable by substring (the query language's `in:comments`).

Comments live in their posts' files, so this reads every post's file once, when a comment
search first needs it (a whole-archive scan: seconds at 10,000 posts), then follows the
store's commits: a written post file updates only its own comments.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from reeltui.domain.memory import paused_gc
from reeltui.services.textindex import TextIndex
from reeltui.store import Store, records
from reeltui.store.layout import COMMENTS, POST, per_post_file


def comment_text(doc: Mapping[str, Any]) -> str:
    """What a comment search matches: the author's name and the text."""
    return f"{doc.get('author', '')}\x00{doc.get('body', '')}"


class CommentTexts:
    """The stored documents of every comment (oldest first) and their text index (built
    when first searched: a dict keeps its insertion order, so an index built after changes
    lists the comments as one built before them and kept up to date)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._docs: dict[str, dict[str, Any]] | None = None
        self._index: TextIndex | None = None
        self._of_file: dict[str, set[str]] = {}  # post file -> its comments' ids
        store.on_commit(self._committed)

    def detach(self) -> None:
        self.store.off_commit(self._committed)

    def _read_docs(self) -> dict[str, dict[str, Any]]:
        """(Under the lock.)"""
        if self._docs is None:
            with paused_gc(keep=True):  # kept for the session: out of the collector's walks
                docs = records.raw_comments(self.store)
                of_file: dict[str, set[str]] = {}
                for cid, doc in docs.items():
                    rel = per_post_file(POST, str(doc.get("post_id", "")))
                    of_file.setdefault(rel, set()).add(cid)
                self._docs, self._of_file = docs, of_file
        return self._docs

    @property
    def docs(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return self._read_docs()

    @property
    def index(self) -> TextIndex:
        """Built when a search first needs it (the stats need only the documents)."""
        with self._lock:
            docs = self._read_docs()
            if self._index is None:
                with paused_gc(keep=True):
                    self._index = TextIndex((cid, comment_text(d)) for cid, d in docs.items())
            return self._index

    def _committed(self, written: list[str]) -> None:
        with self._lock:
            if self._docs is None:
                return
            for rel in written:
                if rel.startswith(f"{POST.path}/"):
                    self._file_changed(rel, self._docs, self._index)

    def _file_changed(self, rel: str, docs: dict[str, Any], index: TextIndex | None) -> None:
        """A post file written: its comments' documents (and their text, once indexed)."""
        found = self.store.cached(rel)
        now = dict(found.good(COMMENTS.name)) if found is not None else {}
        for cid in self._of_file.pop(rel, set()) - set(now):
            docs.pop(cid, None)
            if index is not None:
                index.remove(cid)
        for cid, doc in now.items():
            if docs.get(cid) != doc:
                docs[cid] = doc
                if index is not None:
                    index.set(cid, comment_text(doc))
        if now:
            self._of_file[rel] = set(now)
