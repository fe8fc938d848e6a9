"""Applying a parsed Query: to posts (with the figures a list shows) and to comments.

The evaluator needs little: a post's own fields, a few per-post figures (`PostFacts`) and, for
free words and phrases, a matcher callable (phrase -> the ids of the records whose text holds
it). Whatever index answers that (a substring buffer, shards of a big archive) plugs in here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Container, Iterable, Mapping
from dataclasses import dataclass

from reeltui.domain.listing import Listed
from reeltui.domain.models import COMMENT_STATUSES, POST_STATUSES
from reeltui.domain.patterns import lazy
from reeltui.domain.query import Query, QueryError, Term, fold
from reeltui.domain.query_model import Span

TextMatcher = Callable[[str], Container[str]]
NameIndex = Callable[[str], Mapping[str, Collection[str]]]  # field -> {name: post ids}
PostTest = Callable[[Listed, "PostFacts"], bool]
CommentTest = Callable[[str, str, str, str], bool]  # id, author, date, status
COMMENT_FIELDS = ("author", "date", "status")  # about the comment itself in in:comments
_WORD = lazy(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class PostFacts:
    """What a query may ask of a post besides its fields."""

    comments: int = 0
    pending: int = 0
    queued: int = 0
    unread: bool = False
    new_comments: int = 0


def is_review(post: Listed) -> bool:
    """A review: rated, or filed under a category named "...review..."."""
    return post.rating is not None or any("review" in name_words(c) for c in post.categories)


@functools.lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


def name_matches(term: Term, name: str) -> bool:
    """`tag:fiction` matches "Science Fiction" (whole words, in order), `tag:sci*` too;
    `tag:her` does not match "Heroes"."""
    want = name_words(term.text)
    have = name_words(name)
    k = len(want)
    if not k:
        return False
    if k == 1 and not term.prefix:  # (the usual case, and the one asked of every post)
        return want[0] in have
    last = want[-1]
    for i in range(len(have) - k + 1):
        if have[i : i + k - 1] != want[:-1]:
            continue
        word = have[i + k - 1]
        if word == last or (term.prefix and word.startswith(last)):
            return True
    return False


def _in(span: Span | None, value: float | None) -> bool:
    if span is None:
        return value is None
    return value is not None and value in span


def _day(date: str) -> str:
    return date[:10]


# The name fields: a post's names of each (name_matches decides whether a term picks one).
NAMES: dict[str, Callable[[Listed], Iterable[str]]] = {
    "tag": lambda p: p.tags,
    "category": lambda p: p.categories,
    "cast": lambda p: p.film.cast,
    "author": lambda p: (p.author,),
    "director": lambda p: (p.film.director,),
}


def _post_test(term: Term, text: TextMatcher | None, names: NameIndex | None) -> PostTest:
    field = term.field
    if not field:
        if text is None:
            raise QueryError("free-text search is not available here")
        ids = text(term.text)
        return lambda p, f: p.id in ids
    if field in NAMES:
        if names is not None:  # the term against each name once, not against every post's
            picked = set().union(
                *(ids for name, ids in names(field).items() if name_matches(term, name))
            )
            return lambda p, f: p.id in picked
        of = NAMES[field]
        return lambda p, f: any(name_matches(term, n) for n in of(p))
    if field == "title":
        return lambda p, f: name_matches(term, p.title) or name_matches(term, p.film.title)
    if field == "rating":
        return lambda p, f: _in(term.span, p.rating)
    if field == "year":
        return lambda p, f: _in(term.span, p.film.year)
    if field == "comments":
        return lambda p, f: _in(term.span, f.comments)
    if field == "date":
        lo, hi = term.days or ("", "")
        return lambda p, f: bool(p.date) and lo <= _day(p.date) < hi
    if field == "status":
        if term.text not in POST_STATUSES:
            raise QueryError(f"{term.raw}: posts are {', '.join(POST_STATUSES)} (comments are "
                             f"{term.text}: add in:comments)")  # fmt: skip
        return lambda p, f: p.status == term.text
    if field == "is":
        return _is_test(term.text)
    return _has_test(term.text)


def _is_test(word: str) -> PostTest:
    if word == "unread":
        return lambda p, f: f.unread
    if word == "read":
        return lambda p, f: not f.unread
    if word == "sticky":
        return lambda p, f: p.sticky
    if word == "review":
        return lambda p, f: is_review(p)
    return lambda p, f: p.status == word


def _has_test(word: str) -> PostTest:
    return {
        "queued": lambda p, f: f.queued > 0,
        "pending": lambda p, f: f.pending > 0,
        "new": lambda p, f: f.new_comments > 0,
        "rating": lambda p, f: p.rating is not None,
        "film": lambda p, f: not p.film.is_empty(),
    }[word]


def _negate(test: PostTest) -> PostTest:
    return lambda p, f: not test(p, f)


def post_filter(query: Query, text: TextMatcher | None, names: NameIndex | None = None) -> PostTest:
    """A test of (post, facts) for `query`. In in:comments the words and the comment fields
    (author, date, status) are left to `comment_filter`: this test picks the posts.
    `names`: each name field's names and the posts having them (every post that will be
    tested among them), else each post's names are matched."""
    tests = []
    for term in query.terms:
        if query.scope == "comments" and (not term.field or term.field in COMMENT_FIELDS):
            continue
        test = _post_test(term, text, names)
        tests.append(_negate(test) if term.negated else test)
    if not tests:
        return lambda p, f: True
    if len(tests) == 1:
        return tests[0]
    return lambda p, f: all(t(p, f) for t in tests)


def _comment_test(term: Term, text: TextMatcher | None) -> CommentTest:
    if not term.field and text is not None:
        ids = text(term.text)
        return lambda i, a, d, s: i in ids
    if term.field == "author":
        return lambda i, a, d, s: name_matches(term, a)
    if term.field == "date":
        lo, hi = term.days or ("", "")
        return lambda i, a, d, s: bool(d) and lo <= _day(d) < hi
    if term.text not in COMMENT_STATUSES:
        raise QueryError(f"{term.raw}: comments are {', '.join(COMMENT_STATUSES)}")
    return lambda i, a, d, s: s == term.text


def comment_filter(query: Query, text: TextMatcher | None) -> CommentTest:
    """A test of a comment (id, author, date, status) for the comment side of `query`
    (without `text`, free words are left to the caller)."""
    tests: list[CommentTest] = []
    for term in query.terms:
        if term.field not in COMMENT_FIELDS and (term.field or text is None):
            continue
        test = _comment_test(term, text)
        if term.negated:
            tests.append(lambda i, a, d, s, t=test: not t(i, a, d, s))  # type: ignore[misc]
        else:
            tests.append(test)
    return lambda i, a, d, s: all(t(i, a, d, s) for t in tests)


def check(query: Query) -> None:
    """Raise QueryError if `query` parses but cannot run (a comment status on posts...)."""
    nothing: TextMatcher = lambda word: ()  # noqa: E731
    post_filter(query, nothing)
    if query.scope == "comments":
        comment_filter(query, nothing)
