"""The post list's rows: a ListItem per row drawn (its read mark worked out when first
needed), made from the Blog's own rows as they are drawn (`Items`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from reeltui.services import PostRow
from reeltui.services.reads import Marks, ReadMark


class ListItem:
    """A row of the list and its read mark, worked out when first needed (`marks`): only
    the rows drawn, or looked through, ever need theirs."""

    __slots__ = ("_mark", "_marks", "row")

    def __init__(self, row: PostRow, mark: ReadMark | None = None, marks: Marks | None = None):
        self.row = row
        self._mark = mark
        self._marks = marks

    @property
    def mark(self) -> ReadMark:
        if self._mark is None:
            if self._marks is None:
                self._mark = ReadMark(unread=False, new_comments=0)
            else:
                self._mark = self._marks.of(self.row.post, self.row.comment_count)
        return self._mark


class Items(Sequence[ListItem]):
    """The list's rows as ListItems, each made when first asked: a list of 50,000 rows (a
    one-letter search) makes the screenful it draws, not 50,000 objects per keystroke."""

    __slots__ = ("_found", "_made", "_marks", "rows")

    def __init__(self, rows: list[PostRow], marks: Marks | None = None) -> None:
        self.rows = rows
        self._marks = marks
        self._made: dict[int, ListItem] = {}
        self._found: dict[str, int | None] = {}  # post id -> its row (`index_of`)

    def index_of(self, post_id: str) -> int | None:
        """The row of post `post_id` (None: not among them), found once. The rows worker
        finds the one the list's cursor is on (`locate`) before the list is given them: a
        post left out of a search's new answer was looked for through every row on the UI
        thread, 6-9 ms of the keystroke's frame at 50,000 posts."""
        if post_id not in self._found:
            self._found[post_id] = next(
                (i for i, row in enumerate(self.rows) if row.post.id == post_id), None
            )
        return self._found[post_id]

    def locate(self, post_id: str | None) -> None:
        """Find the row of `post_id` now (see `index_of`)."""
        if post_id is not None:
            self.index_of(post_id)

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> ListItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[ListItem]: ...
    def __getitem__(self, index: int | slice) -> ListItem | list[ListItem]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.rows)))]
        if index < 0:
            index += len(self.rows)
        item = self._made.get(index)
        if item is None:
            item = self._made[index] = ListItem(self.rows[index], marks=self._marks)
        return item

    def __setitem__(self, index: int, item: ListItem) -> None:
        self.rows[index]  # (IndexError, as a list would)
        self._made[index] = item

    @property
    def made(self) -> int:
        """How many ListItems were made so far."""
        return len(self._made)


def same_rows(shown: Sequence[ListItem], items: Sequence[ListItem]) -> bool:
    """Do `items` show the very rows `shown` shows, in the same order (the Blog's own row
    objects: a post saved since has a new one)?"""
    if not (isinstance(shown, Items) and isinstance(items, Items)):
        return False
    return len(shown) == len(items) and shown.rows == items.rows


def same_screen(
    before: tuple[int, list[ListItem]], now: tuple[int, list[ListItem]], drawn: dict[int, object]
) -> bool:
    """Do the rows on screen `now` (the first row's index, the items on screen) show what
    they showed `before` the list changed: the same rows, in the same places, with the same
    marks, each drawn with the summary it holds (`drawn`: by row)? A short word's answer
    (most posts hold "li") keeps the screenful of rows: nothing of the list to draw again
    (drawing every row again was most of such a frame)."""
    (first, shown), (start, items) = before, now
    if first != start or len(shown) != len(items):
        return False
    return all(
        a.row is b.row and a.mark == b.mark and b.row.post is drawn.get(first + i)
        for i, (a, b) in enumerate(zip(shown, items, strict=True))
    )


def post_ids(items: Sequence[ListItem]) -> Iterator[str]:
    """The post ids of `items`, in order (without making the ListItems of an `Items`)."""
    if isinstance(items, Items):
        return (row.post.id for row in items.rows)
    return (item.row.post.id for item in items)
