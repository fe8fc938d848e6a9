"""Searching the blog with the query language: posts for the list, comments across the blog.

`find_posts` filters the Blog's sorted rows (cached per sort and filters) with a compiled
query; free words and phrases are answered by the search index (`SearchIndex.post_ids`,
remembered per word, so typing one more letter re-checks only the previous matches).
`find_comments` drives the comment index with the longest word, newest first, in growing
batches, and checks the other words, the comment fields and the post fields on those only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from reeltui.domain.identity import Identity
from reeltui.domain.idsets import AllBut, IdSet, both, others
from reeltui.domain.query import Query, QueryError, fold, parse
from reeltui.domain.query_eval import (
    COMMENT_FIELDS,
    PostFacts,
    comment_filter,
    name_words,
    post_filter,
)
from reeltui.domain.vocab import SortKey
from reeltui.services import comment_scope, commentfields, reads
from reeltui.services.blog import Blog, PostRow
from reeltui.services.comment_hit import CommentHit, comment_hits
from reeltui.services.search import Interrupted
from reeltui.services.textindex import TextIndex

COMMENT_LIMIT = 200
FIRST_BATCH = 800  # comment ids fetched from the index before checking the other terms
POST_SIDE = 4  # the post fields drive a comment search when their posts hold < 1/4 of them
_HIDDEN = ("spam", "trash")  # comment statuses left out unless the query names a status
_NO_FACTS = PostFacts()


def as_query(query: str | Query) -> Query:
    return parse(query) if isinstance(query, str) else query


def _needs_facts(query: Query) -> tuple[bool, bool, bool]:
    """(any per-post figure, read marks, queued replies) the query asks about."""
    reads_needed = any(t.text in ("unread", "read", "new") for t in query.fields("is", "has"))
    queued = any(t.text == "queued" for t in query.fields("has"))
    pending = any(t.text == "pending" for t in query.fields("has"))
    figures = bool(query.fields("comments")) or reads_needed or queued or pending
    return figures, reads_needed, queued


def find_posts(
    blog: Blog,
    query: str | Query,
    *,
    sort: SortKey = "date",
    reverse: bool | None = None,
    filters: Mapping[str, str] | None = None,
    writer: Identity,
    words: Callable[[str], IdSet] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[PostRow]:
    """The rows matching `query` (and the list's `filters`: status, category, tag, author),
    sorted. A post is unread until opened or marked read, whoever wrote it (its new comments
    are readers' ones: the Blog's signers leave the writer's out); `writer`: who the user is
    (`Identity()` when nobody is known), which changes no post's read mark.
    `words`: the posts a free word is in (default: the search index's whole answer; a
    screen passes the summaries' answer while the text index is not ready). `stop`: looked
    at every few hundred rows, Interrupted raised when it says so (a newer keystroke's
    search replaced this one). Raises QueryError for a query that cannot be understood."""
    query = as_query(query)
    if query.scope == "comments":
        raise QueryError("in:comments finds comments, not posts")
    f = filters or {}
    if query.terms and all(not t.field for t in query.terms):
        # Free words only (what typing in the box gives): their answers combined as sets
        # (a common word's as the few posts lacking it), the rows picked by position.
        wanted = _words_answer(query, words or blog.search_index().post_ids, stop)
        return blog.rows(
            sort=sort, reverse=reverse, status=f.get("status"), category=f.get("category"),
            tag=f.get("tag"), author=f.get("author"), ids=wanted,
        )  # fmt: skip
    rows = blog.rows(
        sort=sort,
        reverse=reverse,
        status=f.get("status"),
        category=f.get("category"),
        tag=f.get("tag"),
        author=f.get("author"),
    )
    if not query.terms:
        return rows
    looked: Iterable[PostRow] = rows if stop is None else _checked(rows, stop)
    test = post_filter(query, words or blog.search_index().post_ids, blog.rowset.names)
    figures, reads_needed, queued_needed = _needs_facts(query)
    if not figures:
        return [row for row in looked if test(row.post, _NO_FACTS)]
    marks = reads.Marks(blog) if reads_needed else None
    queued = blog.queued_counts() if queued_needed else {}
    found = []
    for row in looked:
        mark = marks.of(row.post, row.comment_count) if marks is not None else None
        facts = PostFacts(
            comments=row.comment_count,
            pending=row.pending_count,
            queued=queued.get(row.post.id, 0),
            unread=mark.unread if mark else False,
            new_comments=mark.new_comments if mark else 0,
        )
        if test(row.post, facts):
            found.append(row)
    return found


def _words_answer(
    query: Query, words: Callable[[str], IdSet], stop: Callable[[], bool] | None
) -> IdSet:
    """The posts holding every free word and phrase of `query` and none of its -words."""
    wanted: IdSet | None = None
    for term in query.terms:
        if stop is not None and stop():
            raise Interrupted()
        found = others(words(term.text)) if term.negated else words(term.text)
        wanted = found if wanted is None else both(wanted, found)
    return AllBut() if wanted is None else wanted


def _checked(rows: list[PostRow], stop: Callable[[], bool], every: int = 256) -> Iterator[PostRow]:
    """`rows`, raising Interrupted before each `every` of them when `stop()` says so."""
    for start in range(0, len(rows), every):
        if stop():
            raise Interrupted()
        yield from rows[start : start + every]


# -- comments ---------------------------------------------------------------------------


def _candidates(
    texts: TextIndex, driver: str, docs: dict[str, Any], first_size: int = FIRST_BATCH
) -> Iterator[list[str]]:
    """Batches of comment ids, newest first: those holding `driver` (all when ""). The
    newest few first (most searches end there), then all the others in one scan."""
    if not driver:  # every comment: the documents are in the index's (store) order
        yield from _chunks(list(reversed(docs)))
        return
    first = texts.search(driver, limit=first_size, newest_first=True)
    yield first
    if len(first) < first_size:
        return
    # (only when the newest few did not give enough hits)
    yield from _chunks(texts.search(driver, newest_first=True)[len(first) :])


def find_comments(
    blog: Blog,
    query: str | Query,
    limit: int | None = COMMENT_LIMIT,
    *,
    writer: Identity,
    stop: Callable[[], bool] | None = None,
) -> list[CommentHit]:
    """Comments matching `query` across the blog, newest first, at most `limit` (None: all).
    Words and phrases are looked for in the comment's author and text; author:, date: and
    status: are the comment's; every other field picks the posts whose comments count.
    Spam and trash are left out unless the query names a status. `writer`: as for
    `find_posts` (`in:comments is:unread`); `stop`: as there. Only the files that may hold
    its words are read while the comments are not all in memory (comment_texts)."""
    query = as_query(query)
    source = blog.search_index().comment_texts()
    words = [t.text for t in query.words if not t.negated]
    docs, texts, whole = source.for_search(words, stop)  # (not whole: no field index, scope)
    post_terms = tuple(t for t in query.terms if t.field and t.field not in COMMENT_FIELDS)
    scope = None
    if post_terms:
        scope = comment_scope.of(
            blog, post_terms, writer, lambda: find_posts(blog, Query(post_terms), writer=writer)
        )
    allowed = None if scope is None else scope.posts
    comment_test = comment_filter(query, None)  # words are checked below
    hide = () if query.fields("status") else _HIDDEN
    positive = [t.text for t in query.words if not t.negated]
    negative = [t.text for t in query.words if t.negated]
    # The index holds "author\x00text": an author's name narrows the scan as well as a word.
    names = [
        w for t in query.fields("author") if not t.negated for w in name_words(t.text) if len(w) > 2
    ]
    driver = max(positive or names, key=len, default="")
    by_fields = _by_fields(blog, query) if whole else None  # author:, date: in their index
    held = None if scope is None else scope.held
    if by_fields is not None and (
        (not positive or len(by_fields) * POST_SIDE < len(docs))
        and (held is None or len(by_fields) <= held)
    ):
        # The comment fields are the narrowest side: their comments, every other term checked.
        batches: Iterator[list[str]] = _chunks(texts.newest_first(by_fields))
        others = positive
    elif whole and scope is not None and scope.held * POST_SIDE < len(docs):
        # The posts are the narrower side: their comments, newest first, every word checked.
        batches = _chunks(scope.newest_first())
        others = positive
    else:
        others = [w for w in positive if w != driver] if positive else []
        # One word and nothing else to check: the newest `limit` (+ a few hidden) suffice.
        alone = positive == [driver] and not negative and not any(t.field for t in query.terms)
        first_size = limit + limit // 4 + 1 if alone and limit else FIRST_BATCH
        batches = _candidates(texts, driver, docs, first_size)
    hits: list[str] = []
    for batch in batches:
        ids = batch
        for word in others:
            ids = texts.search_within(word, ids)
        for word in negative:
            unwanted = set(texts.search_within(word, ids))
            ids = [i for i in ids if i not in unwanted]
        for cid in ids:
            doc = docs.get(cid)
            if doc is None or doc.get("status") in hide:
                continue
            if allowed is not None and doc.get("post_id") not in allowed:
                continue
            if comment_test(cid, doc.get("author", ""), doc.get("date", ""), doc["status"]):
                hits.append(cid)
                if limit is not None and len(hits) >= limit:
                    return comment_hits(blog, hits, positive, docs)
    return comment_hits(blog, hits, positive, docs)


def _by_fields(blog: Blog, query: Query) -> set[str] | None:
    """The comments the query's (not negated) author: and date: terms allow, from the
    comment-field index; None when it has no such term."""
    wanted = [t for t in query.fields("author", "date") if not t.negated]
    if not wanted:
        return None
    index = commentfields.of(blog)
    found: set[str] | None = None
    for term in wanted:
        if term.field == "author":
            ids = index.by_author(term)
        else:
            ids = index.by_days(*(term.days or ("", "")))
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    size, start = FIRST_BATCH, 0
    while start < len(ids):
        yield ids[start : start + size]
        start, size = start + size, size * 4


# -- completion -------------------------------------------------------------------------


def vocabulary(blog: Blog) -> dict[str, tuple[str, ...]]:
    """The names each field may take on this blog, most used first, for completion: names
    that find posts (authors are the posts'; a search of comments completes its authors
    from `services.commenters.comment_vocabulary`). Tuples: kept by the search box for the
    session, out of the collector's walks (it untracks a tuple of strings)."""
    counts: dict[str, Counter[str]] = {
        k: Counter() for k in ("tag", "category", "author", "director", "cast", "title")
    }
    for post in blog.posts():
        counts["tag"].update(post.tags)
        counts["category"].update(post.categories)
        counts["author"][post.author] += 1
        counts["director"][post.film.director] += 1
        counts["cast"].update(post.film.cast)
        counts["title"][post.film.title] += 1
    return {
        field: tuple(n for n, _ in sorted(c.items(), key=lambda kv: (-kv[1], fold(kv[0]))) if n)
        for field, c in counts.items()
    }
