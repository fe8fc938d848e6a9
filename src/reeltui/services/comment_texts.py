"""Every comment's text, searchable by substring (the query language's `in:comments`).

Comments live in their posts' files, so this reads every post's file once, when a comment
search first needs them all (a whole-archive scan: seconds at 10,000 posts, ~20 s at
50,000), then follows the store's commits: a written post file updates only its own
comments.

Until then a search holding a word long enough (`comment_grep.plan`) reads only the files
whose bytes may hold it (`for_search`): a few files' worth of comments, in the order the
whole read gives them. The files found for the last few words are kept (until a post file
is written): typing one more letter of a word looks again only in those.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from reeltui.domain.memory import paused_gc
from reeltui.services import comment_grep
from reeltui.services.textindex import TextIndex
from reeltui.store import Store, records
from reeltui.store.layout import COMMENTS, POST, per_post_file

Docs = dict[str, dict[str, Any]]
Stop = Callable[[], bool]
SCANS_KEPT = 8  # words whose files are remembered (the last words typed)
MOST = 2  # files that may hold the words: more than 1/MOST of them, every file is read
DENSE_SEEN = 1000  # files scanned before judging that nearly all (3/4) hold the words


def _interrupted() -> Exception:
    from reeltui.services.search import Interrupted  # (search imports this module)

    return Interrupted()


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
        self._scans: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # words -> files
        self._written = 0  # commits that wrote a post file
        self._scan_lock = threading.Lock()  # (of these two)
        store.on_commit(self._committed)

    def detach(self) -> None:
        self.store.off_commit(self._committed)

    @property
    def whole(self) -> bool:
        """Are every comment's documents in memory?"""
        return self._docs is not None

    def for_search(
        self, words: Iterable[str], stop: Stop | None = None
    ) -> tuple[Docs, TextIndex, bool]:
        """The documents (oldest first) and the text index a search of comments holding
        every one of `words` needs, and whether they are every comment's: so when they are
        in memory or no word can be looked for in the files' bytes (`comment_grep.plan`),
        else only those of the files that may hold a match (every file's, kept, when that
        is most of them). `stop()`: a newer search replaced this one (Interrupted)."""
        wanted = [] if self._docs is not None else comment_grep.plans(words)
        if wanted:
            names = self._files_for(wanted, stop)
            if names is not None and len(names) * MOST <= len(self.store.listing(POST.path)):
                docs = records.raw_comments(self.store, self._names(stop, names))
                return docs, TextIndex((cid, comment_text(d)) for cid, d in docs.items()), False
        with self._lock:
            docs = self._read_docs(stop)
            return docs, self._index_of(docs), True

    def _files_for(self, wanted: list[comment_grep.Plan], stop: Stop | None) -> list[str] | None:
        """The post files (names, in the listing's order) that may hold every plan's word;
        None when nearly every file scanned so far does (`the`: every file is read instead,
        without scanning the rest first)."""
        needles = tuple(p.needle for p in wanted)
        with self._scan_lock:  # (not `_lock`: held while every file is read)
            scans, written = list(self._scans), self._written
        names: Sequence[str] = self.store.listing(POST.path)
        for before, found in scans:  # the files of words each inside one of these words
            if len(found) < len(names) and all(any(w in n for n in needles) for w in before):
                names = found
        scanned = 0

        def counted() -> Iterator[tuple[str, bytes | None]]:
            nonlocal scanned
            for item in self.store.stored_bytes(POST.path, names):
                scanned += 1
                yield item

        kept: list[str] = []
        for name in comment_grep.passing(counted(), wanted, stop):
            kept.append(name)
            if scanned >= DENSE_SEEN and len(kept) * 4 > scanned * 3:
                return None
        found = tuple(kept)
        if stop is not None and stop():
            raise _interrupted()
        with self._scan_lock:
            if self._written == written:  # (no post file written while they were looked at)
                self._scans = [s for s in self._scans if s[0] != needles][1 - SCANS_KEPT :]
                self._scans.append((needles, found))
        return list(found)

    def _read_docs(self, stop: Stop | None = None) -> dict[str, dict[str, Any]]:
        """(Under the lock.)"""
        if self._docs is None:
            with paused_gc(keep=True):  # kept for the session: out of the collector's walks
                docs = records.raw_comments(self.store, self._names(stop))
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

    def _names(self, stop: Stop | None, names: Iterable[str] | None = None) -> Iterator[str]:
        """The post files' names (or `names`), Interrupted when `stop()` says so."""
        for n, name in enumerate(self.store.listing(POST.path) if names is None else names):
            if stop is not None and n % 64 == 0 and stop():
                raise _interrupted()
            yield name

    @property
    def index(self) -> TextIndex:
        """Built when a search first needs it (the stats need only the documents)."""
        with self._lock:
            return self._index_of(self._read_docs())

    def _index_of(self, docs: Docs) -> TextIndex:
        """(Under the lock.)"""
        if self._index is None:
            with paused_gc(keep=True):
                self._index = TextIndex((cid, comment_text(d)) for cid, d in docs.items())
        return self._index

    def _committed(self, written: list[str]) -> None:
        if any(rel.startswith(f"{POST.path}/") for rel in written):
            with self._scan_lock:
                self._scans = []  # (a file written may hold the words now)
                self._written += 1
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
