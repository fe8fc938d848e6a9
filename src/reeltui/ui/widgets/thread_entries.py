"""The thread pane's comments as a model: every comment of the thread as an `Entry` (what
its view shows), in reading order, looked up by id in a map made once per change (a walk
through a 5,000-comment thread took milliseconds, several times a reply)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
        """`entry` in the reading order at `index` (the views are the caller's)."""
        self._entries.insert(index, entry)
        self._where = None
        if entry.has_draft:
            self._drafted.add(entry.comment.id)

    def place(self, comment: Comment, comments: Mapping[str, Comment]) -> tuple[int, int] | None:
        """(index, depth) of a new `comment` in the reading order, told from its parent's
        place (None: the thread must be ordered again: `threadplace.leaf_place`)."""
        order = [(e.comment, e.depth) for e in self._entries]
        parent = self.index_of(comment.parent_id) if comment.parent_id else None
        return leaf_place(order, comment, comments, parent)

    def index_of(self, comment_id: str) -> int | None:
        """Where `comment_id` is in the reading order."""
        if self._where is None:
            self._where = {}
            for i, e in enumerate(self._entries):
                self._where.setdefault(e.comment.id, i)
        return self._where.get(comment_id)

    def comment_ids(self) -> set[str]:
        """Every comment of the thread shown (mounted or not)."""
        return {e.comment.id for e in self.entries}

    def _visible(self) -> list[int]:
        return [i for i, e in enumerate(self.entries) if e.shown]

    def _subtree_end(self, index: int) -> int:
        depth = self.entries[index].depth
        end = index + 1
        while end < len(self.entries) and self.entries[end].depth > depth:
            end += 1
        return end
