"""Answers of the search as sets of ids, one of them kept as its few exceptions.

A short or common word ("h", "the", "rain") is in nearly every post of an archive: its answer
is held as `AllBut` (every post except the few that lack it), so a keystroke never builds a
set of 50,000 ids, and the list takes its rows by dropping the few rather than testing all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from typing import Any, TypeAlias


class AllBut:
    """Every id except `lacking`."""

    __slots__ = ("lacking",)

    def __init__(self, lacking: Iterable[str] = ()) -> None:
        self.lacking = frozenset(lacking)

    def __contains__(self, item: object) -> bool:
        return item not in self.lacking

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AllBut) and other.lacking == self.lacking

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"AllBut({sorted(self.lacking)!r})"


class Codebook:
    """Ids and the integer codes that stand for them (a writer's search index: its rows'
    rowids), both ways. Never changed once handed out: a change makes a new book, so what was
    worked out from a book's codes (the list's positions by code) is known stale by identity."""

    __slots__ = ("decode", "encode")

    def __init__(self, decode: Mapping[int, str]) -> None:
        self.decode = dict(decode)
        self.encode = {pid: code for code, pid in self.decode.items()}

    def changed(self, added: Mapping[int, str], gone: Iterable[int] = ()) -> Codebook:
        """A new book: this one with `added` and without the codes `gone`."""
        decode = dict(self.decode)
        for code in gone:
            decode.pop(code, None)
        decode.update(added)
        return Codebook(decode)


class Coded(Set[str]):
    """The ids of `codes` (each in `book`, in any order): a search's answer as its codes, so the
    list takes its rows by position from the codes in C (a set of 10,000 post ids built, then
    each looked up in the list's places, cost 30-50 ms at 50,000 posts; the codes' positions
    1 ms). Any other use sees a set of ids."""

    __slots__ = ("_held", "book", "codes")

    def __init__(self, codes: Sequence[int], book: Codebook) -> None:
        self.codes = codes
        self.book = book
        self._held: frozenset[int] | None = None

    def held(self) -> frozenset[int]:
        if self._held is None:
            self._held = frozenset(self.codes)
        return self._held

    def __contains__(self, item: object) -> bool:
        code = self.book.encode.get(item) if isinstance(item, str) else None
        return code is not None and code in self.held()

    def __iter__(self) -> Iterator[str]:
        return map(self.book.decode.__getitem__, self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __repr__(self) -> str:
        return f"Coded({sorted(self)!r})"

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:  # (Set's operators' result)
        return frozenset(it)

    def plus(self, ids: Iterable[str]) -> Coded | None:
        """These ids and `ids` (None: one of them has no code)."""
        encode, held = self.book.encode, self.held()
        extra = {encode.get(pid, -1) for pid in ids} - held
        if -1 in extra:
            return None
        return Coded(sorted(held | extra), self.book) if extra else self

    def minus(self, ids: Iterable[str]) -> Coded:
        """These ids but `ids`."""
        encode = self.book.encode
        gone = {encode.get(pid, -1) for pid in ids} & self.held()
        return Coded([c for c in self.codes if c not in gone], self.book) if gone else self


IdSet: TypeAlias = Set[str] | AllBut


def union(a: IdSet, b: IdSet) -> IdSet:
    """Ids in `a` or in `b`."""
    if isinstance(a, AllBut):
        return AllBut(a.lacking & b.lacking) if isinstance(b, AllBut) else AllBut(a.lacking - b)
    if isinstance(b, AllBut):
        return AllBut(b.lacking - a)
    for one, other in ((a, b), (b, a)):  # (codes kept: the other's ids given codes)
        if isinstance(one, Coded) and len(other) <= len(one):
            joined = one.plus(other)
            if joined is not None:
                return joined
    return set(a) | set(b)


def both(a: IdSet, b: IdSet) -> IdSet:
    """Ids in `a` and in `b`."""
    if isinstance(a, AllBut):
        if isinstance(b, AllBut):
            return AllBut(a.lacking | b.lacking)
        a, b = b, a
    if isinstance(b, AllBut):
        return a.minus(b.lacking) if isinstance(a, Coded) else set(a) - b.lacking
    if isinstance(a, Coded) and isinstance(b, Coded) and a.book is b.book:
        return Coded(list(a.held() & b.held()), a.book)
    return set(a) & set(b)


def others(a: IdSet) -> IdSet:
    """Ids not in `a`."""
    return set(a.lacking) if isinstance(a, AllBut) else AllBut(a)
