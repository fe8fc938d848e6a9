"""Search as you type over a whole archive.

Two parts answer a query: the posts' summaries (title, author, categories, tags: in memory,
answered at once) and their text (the store's full-text index, `store.searchcache`, answered in
a few milliseconds once it is fresh). `post_ids` gives the whole answer; until the text index
is ready a screen shows `meta_ids` at once, then asks `post_ids` from a thread (`interrupt`
stops a query running there), so a keystroke never waits for an earlier one. A writer's
indexed text holds each post's summary fields: its whole answer searches only the summaries
the index may not hold as they are (services/search_words.py).

Comments (`comments`, `comment_docs`: the query language's `in:comments`) are read from every
post's file the first time a comment search needs them, then kept up to date. The commenters'
names alone (`commenters`: completion, spelling) come from the text index, which keeps them
per post: no comment is read into memory for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from reeltui.domain.idsets import AllBut, IdSet, union
from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment
from reeltui.services.comment_texts import CommentTexts
from reeltui.services.search_texts import commenters, doc_text, post_text, summary_text
from reeltui.services.search_words import WordAnswers
from reeltui.services.textindex import TextIndex, fold
from reeltui.store import datafile
from reeltui.store.layout import COMMENTS, POST, safe_name
from reeltui.store.searchcache import (
    Interrupted,
    Item,
    SearchCache,
    file_signatures,
    signature,
)

__all__ = ["Interrupted", "PostSearch", "doc_text", "post_text", "search_comments"]

if TYPE_CHECKING:
    from reeltui.services.blog import Blog

COMMENT_LIMIT = 200  # comment hits returned by default (newest first)
BATCH = 200  # posts indexed per transaction
METAS = 8  # summaries' answers kept (the words of the query typed, as they grow)
Progress = Callable[[int, int], None]


class PostSearch:
    """The posts of one Blog, searchable by substring (case-insensitive)."""

    def __init__(self, blog: Blog) -> None:
        self.blog = blog
        self.cache = SearchCache(blog.path, writable=not blog.read_only)
        self._meta: TextIndex | None = None
        self._meta_size = 0
        self._metas: dict[bytes, tuple[str, ...]] = {}  # the last words' posts (`meta_ids`)
        self._metas_of: TextIndex | None = None  # (the index they were found in)
        self._lock = threading.Lock()
        self.fresh = False  # the text index matches every post's file (after `prepare`)
        self._prepared = threading.Event()  # `prepare` ended (see `wait`)
        self._stale: set[str] = set()  # posts a reader searches in their files
        self._gone: set[str] = set()  # posts the index holds that a reader no longer has
        self._words = WordAnswers()  # a writer's answers (services/search_words.py)
        self._comments = CommentTexts(blog.store)
        self.detached = False  # the Blog made a new search (see `detach`)
        blog.store.on_commit(self._committed)

    # -- comments: every comment's text (read from every post's file when first asked) --

    @property
    def comments(self) -> TextIndex:
        return self._comments.index

    def comment_docs(self) -> dict[str, dict[str, Any]]:
        """Every comment's stored document by id, oldest first."""
        return self._comments.docs

    def comment_texts(self) -> CommentTexts:
        """Every comment's text (or those of the files a word may be in: `for_search`)."""
        return self._comments

    # -- summaries: at once ------------------------------------------------------------

    def meta_ids(self, query: str) -> set[str]:
        """The posts whose summary holds `query`; typing one more letter (a query holding
        the last one) looks again only at the last one's posts."""
        index, needle = self._summaries(), fold(query)
        if self._metas_of is not index:  # (another index: what was found is forgotten)
            self._metas_of, self._metas = index, {}
        known = [w for w in list(self._metas) if w and w in needle]
        if known:  # (the longest: the fewest posts)
            hits = index.search_within(query, self._metas[max(known, key=len)])
        else:
            hits = index.search(query)
        # kept as a tuple: untracked by the collector's first pass over it (a set of the
        # 45,000 posts holding "h", kept, was walked at every full pass)
        self._metas[needle] = tuple(hits)
        found = set(hits)
        if len(self._metas) > METAS:
            del self._metas[next(iter(self._metas))]
        return found

    def _summaries(self) -> TextIndex:
        rowset = self.blog.rowset
        if self._meta is None or self._meta_size != len(rowset.summaries):  # more read
            # (the summaries as a list, each pair made as it is folded: a list of 50,000
            # (id, summary) pairs lived while they were folded, tracked by the collector,
            # and a full pass meanwhile walked all of them: 37 ms at 50,000 posts)
            summaries = rowset.snapshot()
            self._meta_size = len(summaries)
            self._meta = TextIndex((s.id, summary_text(s)) for s in summaries)
        return self._meta

    def post_saved(self, summary: PostSummary) -> None:
        self._metas = {}
        self._words.changed(saved=[summary.id])  # (until its file's commit indexes it)
        if self._meta is not None:
            self._meta.set(summary.id, summary_text(summary))

    def forget(self) -> None:
        self._meta = None
        self._metas = {}

    # -- text: the store's full-text index ------------------------------------------------

    def warm(self) -> None:
        """Make what the first keystroke would otherwise make: the summaries' index (a
        quarter of a second at 50,000 posts), the text index's map of its posts."""
        self._summaries()
        self.cache.warm()

    def nothing(self) -> IdSet:
        """An empty answer, in the form the text search's answers take (what the list's
        positions are made from once, when the search is readied, not at a keystroke)."""
        return self.cache.nothing()

    def prepare(self, progress: Progress | None = None) -> None:
        """Bring the text index up to date with the posts' files (a writer indexes what
        changed; a reader remembers it, to search those files directly)."""
        with self._lock:
            try:
                self._prepare(progress)
            finally:
                self._prepared.set()

    def wait(self, stop: Callable[[], bool], step: float = 0.05) -> bool:
        """Wait until `prepare` (run by another thread) has ended; False when `stop` said
        so first (looked at every `step` seconds)."""
        while not self._prepared.wait(step):
            if stop():
                return False
        return True

    def _prepare(self, progress: Progress | None) -> None:
        if self.fresh:
            return
        summaries = self.blog.posts()
        on_disk = file_signatures(self.blog.path / POST.path)
        indexed = self.cache.signatures()
        stale = [
            s.id for s in summaries if indexed.get(s.id) != on_disk.get(f"{safe_name(s.id)}.json")
        ]
        known = {s.id for s in summaries}
        self._gone = {pid for pid in indexed if pid not in known}  # (a reader keeps them)
        if self.cache.writable and self.cache.usable:
            self.cache.remove(self._gone)
            put: set[str] = set()
            for start in range(0, len(stale), BATCH):
                batch = list(self._texts(stale[start : start + BATCH]))
                self.cache.put(batch)
                put.update(item[0] for item in batch)
                if progress is not None:
                    progress(min(start + BATCH, len(stale)), len(stale))
            self._words.changed(saved=(set(stale) | (known - indexed.keys())) - put)
            self._stale = set() if self.cache.usable else set(stale)
            self._gone = set()
            self.cache.fill()  # (once: an index made before its extra tables)
        else:
            self._stale = set(stale) if self.cache.usable else known
        self.fresh = True

    def tidy(self, stop: Callable[[], bool]) -> bool:
        """Keep the text index merged (a writer's, in the background, after `prepare`: a
        step at a time, none while a search is asked or waited for); True when it is."""
        return self.cache.writable and self.cache.tidy(lambda: self.detached or stop())

    def _texts(self, post_ids: Iterable[str]) -> Iterator[Item]:
        root = self.blog.path
        for post_id in post_ids:
            rel = f"{POST.path}/{safe_name(post_id)}.json"
            try:
                found = datafile.load(root, rel)
            except Exception:
                continue
            doc = found.good(POST.name).get(post_id)
            if doc is not None:
                names = commenters(found.good(COMMENTS.name))
                yield post_id, doc_text(doc), signature(root / rel), names

    def _committed(self, written: list[str]) -> None:
        """After a commit: index again the posts whose file was written."""
        if not self.cache.writable:
            return
        prefix = f"{POST.path}/"
        items, gone = [], []
        for rel in written:
            if rel.startswith(prefix):
                found = self.blog.store.cached(rel)
                posts = found.good(POST.name) if found is not None else {}
                sig = signature(self.blog.path / rel)
                names = commenters(found.good(COMMENTS.name)) if found is not None else {}
                items += [(pid, doc_text(doc), sig, names) for pid, doc in posts.items()]
                if found is not None and not posts:
                    gone += [pid for pid in found.data.get(POST.name, {})]
        if items:
            self.cache.put(items)
        if gone:
            self.cache.remove(gone)
        if items or gone:
            self._words.changed(indexed=[*(item[0] for item in items), *gone])

    def text_ids(self, query: str) -> IdSet:
        """Posts whose text contains `query` (a set, or every post but a few: `AllBut`).
        Raises Interrupted when a newer query stopped it."""
        self.prepare()
        found = self.cache.search(query)
        if self._stale:  # (a reader: the posts whose file changed are judged by their file)
            needle = query.casefold()
            hits = {
                pid
                for pid, text, _, _ in self._texts(sorted(self._stale))
                if needle in text.casefold()
            }
            if isinstance(found, AllBut):
                return AllBut((found.lacking | self._stale) - hits)
            return set(found) | hits
        return found

    def commenters(self) -> dict[str, int]:
        """Every commenter's name -> their comments, across the blog (from the text index;
        the files of posts it does not hold as they are now are read one at a time)."""
        self.prepare()
        found = self.cache.names()
        for name, n in self.cache.names(sorted(self._stale | self._gone)).items():
            found[name] -= n
        if self._stale:
            for _, _, _, names in self._texts(sorted(self._stale)):
                for name, n in names.items():
                    found[name] = found.get(name, 0) + n
        return {name: n for name, n in found.items() if n > 0}

    def post_ids(self, query: str) -> IdSet:
        """Every post matching `query`: summary or text (a writer's: services/search_words)."""
        self.prepare()
        if self.cache.writable and not (self._stale or self.cache.broken):
            return self._words.answer(query, self.text_ids, self._summaries)
        text = self.text_ids(query)
        if isinstance(text, AllBut):  # (the summaries of the few lacking it are looked at)
            return AllBut(
                set(text.lacking) - set(self._summaries().search_within(query, text.lacking))
            )
        return union(self.meta_ids(query), text)

    def detach(self) -> None:
        """Stop following the store's commits (the Blog made a new search)."""
        self.detached = True  # (its tidy stops: the new one's goes on)
        self.blog.store.off_commit(self._committed)
        self._comments.detach()

    def interrupt(self) -> None:
        self.cache.interrupt()

    def close(self) -> None:
        self.detach()
        self.cache.close()


def search_comments(blog: Blog, query: str, limit: int | None = COMMENT_LIMIT) -> list[Comment]:
    """Comments whose author or body contains `query` (case-insensitive), newest first,
    at most `limit` of them (None: all). Reads every post's file."""
    if not query:
        return []
    search = blog.search_index()
    ids = search.comments.search(query, limit=limit, newest_first=True)
    return [blog.comment(cid) for cid in ids]
