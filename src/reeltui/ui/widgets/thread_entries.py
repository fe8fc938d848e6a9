"""The thread pane's comments as a model: every comment of the thread as an `Entry` (what
its view shows), in reading order, looked up by id in a map made once per change (a walk
through a 5,000-comment thread took milliseconds, several times a reply)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import overload

from textual.containers import VerticalScroll

from reeltui.domain.models import Comment
from reeltui.domain.threadplace import leaf_place


@dataclass(slots=True)
class Entry:
    """One comment of the thread, as its view shows it."""

    comment: Comment
    depth: int
    is_post_author: bool
    has_draft: bool = False
    marked: bool = False
    hidden_replies: int = 0  # (collapsed: how many replies it hides)
    shown: bool = True  # False: inside a collapsed thread


class Order(Sequence[tuple[Comment, int]]):
    """The entries as (comment, depth) in reading order, read where asked (`leaf_place`
    reads from the parent on: a list of the 5,000 pairs cost a reply 2-4 ms)."""

    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> tuple[Comment, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Comment, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Comment, int] | list[tuple[Comment, int]]:
        if isinstance(index, slice):
            return [(e.comment, e.depth) for e in self._entries[index]]
        entry = self._entries[index]
        return entry.comment, entry.depth


class ThreadEntries(VerticalScroll):
    """`entries`: every comment in reading order."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[Entry] = []
        self._where: dict[str, int] | None = None  # comment id -> index (made when asked)
        self._drafted: set[str] = set()  # the comments showing the "reply draft" badge

    @property
    def entries(self) -> list[Entry]:
        return self._entries

    @entries.setter
    def entries(self, entries: list[Entry]) -> None:
        self._entries = entries
        self._where = None
        self._drafted = {e.comment.id for e in entries if e.has_draft}

    def add_entry(self, index: int, entry: Entry) -> None:
        """`entry` in the reading order at `index` (the views are the caller's). The map
        by id follows (the entries after it move down one) rather than being made again,
        when the thread holds each id once (5,000 ids mapped: 2-4 ms of a reply)."""
        self._entries.insert(index, entry)
        where, new = self._where, entry.comment.id
        if where is not None and new not in where and len(where) == len(self._entries) - 1:
            for moved in islice(self._entries, index + 1, None):
                where[moved.comment.id] += 1
            where[new] = index
        else:
            self._where = None
        if entry.has_draft:
            self._drafted.add(entry.comment.id)

    def place(self, comment: Comment, comments: Mapping[str, Comment]) -> tuple[int, int] | None:
        """(index, depth) of a new `comment` in the reading order, told from its parent's
        place (None: the thread must be ordered again: `threadplace.leaf_place`)."""
        parent = self.index_of(comment.parent_id) if comment.parent_id else None
        return leaf_place(Order(self._entries), comment, comments, parent)

    def _map(self) -> dict[str, int]:
        if self._where is None:
            self._where = {}
            for i, e in enumerate(self._entries):
                self._where.setdefault(e.comment.id, i)
        return self._where

    def index_of(self, comment_id: str) -> int | None:
        """Where `comment_id` is in the reading order."""
        return self._map().get(comment_id)

    def holds(self, comment_id: str) -> bool:
        """Is `comment_id` in the thread (mounted or not)?"""
        return comment_id in self._map()

    def id_count(self) -> int:
        """How many comments (by id) the thread holds."""
        return len(self._map())

    def _visible(self) -> list[int]:
        return [i for i, e in enumerate(self.entries) if e.shown]

    def _subtree_end(self, index: int) -> int:
        depth = self.entries[index].depth
        end = index + 1
        while end < len(self.entries) and self.entries[end].depth > depth:
            end += 1
        return end
