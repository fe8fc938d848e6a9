"""Answers of the search as sets of ids, one of them kept as its few exceptions.

A short or common word ("h", "the", "rain") is in nearly every post of an archive: its answer
is held as `AllBut` (every post except the few that lack it), so a keystroke never builds a
set of 50,000 ids, and the list takes its rows by dropping the few rather than testing all.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TypeAlias


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


IdSet: TypeAlias = Set[str] | AllBut


def union(a: IdSet, b: IdSet) -> IdSet:
    """Ids in `a` or in `b`."""
    if isinstance(a, AllBut):
        return AllBut(a.lacking & b.lacking) if isinstance(b, AllBut) else AllBut(a.lacking - b)
    if isinstance(b, AllBut):
        return AllBut(b.lacking - a)
    return set(a) | set(b)


def both(a: IdSet, b: IdSet) -> IdSet:
    """Ids in `a` and in `b`."""
    if isinstance(a, AllBut):
        return AllBut(a.lacking | b.lacking) if isinstance(b, AllBut) else set(b) - a.lacking
    if isinstance(b, AllBut):
        return set(a) - b.lacking
    return set(a) & set(b)


def others(a: IdSet) -> IdSet:
    """Ids not in `a`."""
    return set(a.lacking) if isinstance(a, AllBut) else AllBut(a)
