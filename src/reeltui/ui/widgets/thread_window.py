"""The window of the thread pane's comments that is mounted (the comments themselves:
thread_entries.py).

A widget per comment of a 5,000-comment thread made every layout (a cursor moved, a reply
added, a comment moderated) arrange 5,000 widgets: the screen froze for most of a second.
The thread keeps every comment as an `Entry` (what a comment view shows) and mounts views
for a window of them only: about `WINDOW` comments shown around the cursor. The window is
cut again around the cursor when it leaves it; when the cursor comes within `MARGIN` shown
comments of an edge that has more beyond it, the window follows it by `STEP` comments a
frame (mounting 40 views at once, then laying out the screen, froze it for 100-200 ms: a
reply landing near the edge did); it grows by `CHUNK` when the pane is scrolled (wheel, page
keys) near one; past `2 * WINDOW` the far end is dropped. A thread of up to WINDOW comments
is mounted whole.
Comments inside a collapsed thread count for nothing: the window holds comments *shown*.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.geometry import Size

from reeltui.domain.models import Comment
from reeltui.ui.widgets.comment_view import CommentView
from reeltui.ui.widgets.thread_entries import Entry, ThreadEntries

__all__ = ["CHUNK", "MARGIN", "STEP", "WINDOW", "Entry", "ThreadWindow"]

# Comments shown that are mounted after the window is cut again: each layout of the screen
# arranges every one (120 were that many of the screen's 200 widgets: a reply's layouts took
# twice the CPU); 60 are still several screens of comments around the cursor.
WINDOW = 60
MARGIN = 20  # the cursor this near an edge with more beyond it: the window follows it
CHUNK = 40  # comments mounted at a time when the pane is scrolled near an edge
STEP = 10  # comments mounted (and dropped) a frame as the window follows the cursor


class ThreadWindow(ThreadEntries):
    """`entries`: every comment in reading order; `views`: the mounted ones, for
    `entries[start : start + len(views)]`; `cursor` is an index of `entries`."""

    cursor: int
    # A layout of the views is painted a step after it (ui/scroll_paint.PacedScreen): the
    # views are most of the main screen's layout, and a moved view is repainted whole.
    PAINT_APART = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[CommentView] = []
        self.start = 0
        self._extending = False
        self._following = False  # a step of the window toward the cursor is asked for

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # A new scroll height (a comment added, a window cut again) asked Textual for a
        # second layout of the whole screen after the one that measured it; the scroll bar
        # coming or going still asks for one (`show_vertical_scrollbar`).
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    # -- entries and their views -------------------------------------------------------

    @property
    def end(self) -> int:
        return self.start + len(self.views)

    def view_at(self, index: int) -> CommentView | None:
        """The mounted view of entry `index` (None when outside the window)."""
        return self.views[index - self.start] if self.start <= index < self.end else None

    def make_view(self, index: int) -> CommentView:
        e = self.entries[index]
        view = CommentView(
            e.comment,
            e.depth,
            e.is_post_author,
            e.has_draft,
            marked=e.marked,
            hidden_replies=e.hidden_replies,
        )
        view.display = e.shown
        view.set_class(index == self.cursor, "-cursor")
        return view

    def redraw_entry(self, index: int) -> None:
        """Draw entry `index` again after a change of its comment, badges or mark."""
        view = self.view_at(index)
        if view is not None:
            e = self.entries[index]
            view.comment, view.has_draft, view.marked = e.comment, e.has_draft, e.marked
            view.redraw()

    def update_comment(self, comment: Comment) -> None:
        """Draw `comment` (changed in place: moderated, edited) again, alone."""
        index = self.index_of(comment.id)
        if index is not None:
            self.entries[index].comment = comment
            self.redraw_entry(index)

    def set_draft(self, comment_id: str, has_draft: bool) -> None:
        """Show (or not) the "reply draft" badge on `comment_id`."""
        index = self.index_of(comment_id)
        if index is not None and self.entries[index].has_draft != has_draft:
            self.entries[index].has_draft = has_draft
            (self._drafted.add if has_draft else self._drafted.discard)(comment_id)
            self.redraw_entry(index)

    def set_drafts(self, parents: set[str]) -> None:
        """The "reply draft" badge on exactly the comments in `parents`: the ones whose
        badge changes are looked up, not every comment of the thread."""
        for comment_id in sorted(self._drafted ^ parents):
            self.set_draft(comment_id, comment_id in parents)

    @property
    def current(self) -> Comment | None:
        return self.entries[self.cursor].comment if 0 <= self.cursor < len(self.entries) else None

    # -- the window ----------------------------------------------------------------------

    def _walk(self, index: int, step: int, count: int) -> int:
        """The entry index reached from `index` going `step` (1, -1) past `count` shown
        entries: an end of the window (exclusive going down, inclusive going up)."""
        seen = 0
        if step > 0:
            while index < len(self.entries) and seen < count:
                seen += self.entries[index].shown
                index += 1
            return index
        while index > 0 and seen < count:
            index -= 1
            seen += self.entries[index].shown
        return index

    def _shown_between(self, a: int, b: int) -> int:
        return sum(e.shown for e in self.entries[a:b])

    def ensure_window(self, index: int) -> None:
        """Cut the window again around entry `index` when it is outside it; follow it a
        step a frame when it is near an edge (`_follow`)."""
        if not self.entries:
            return
        if not self.start <= index < self.end:
            self.recut(*self._around(index))
        elif not self._roomy(index) and not self._following:
            self._following = True
            self.call_after_refresh(self._follow)

    def _around(self, index: int) -> tuple[int, int]:
        """The window cut around entry `index`: WINDOW // 2 shown comments above it."""
        start = self._walk(index, -1, WINDOW // 2)
        return start, self._walk(index, 1, WINDOW - self._shown_between(start, index))

    def _roomy(self, index: int) -> bool:
        """Has entry `index` MARGIN shown comments of the window on each side (or its
        thread's end)?"""
        n = len(self.entries)
        room_above = self.start == 0 or self._shown_between(self.start, index) >= MARGIN
        room_below = self.end == n or self._shown_between(index + 1, self.end) >= MARGIN
        return room_above and room_below

    def _follow(self) -> None:
        """Move each end of the window by up to STEP shown comments toward the window cut
        around the cursor, keeping what is on screen in place; again after the next
        frame until the cursor has room."""
        self._following = False
        index = self.cursor
        if not self.start <= index < self.end or self._roomy(index):
            return
        if self._extending:  # (a scroll's growth is being placed: after it)
            self._follow_on()
            return
        start, end = self._around(index)
        a, b = self._toward(self.start, start), self._toward(self.end, end)
        self._move(a, b, then=self._follow_on)

    def _follow_on(self) -> None:
        if self.start <= self.cursor < self.end and not self._roomy(self.cursor):
            self._following = True
            self.call_after_refresh(self._follow)

    def _toward(self, edge: int, goal: int) -> int:
        """`edge` moved toward `goal` by up to STEP shown comments."""
        if goal > edge:
            return min(goal, self._walk(edge, 1, STEP))
        return max(goal, self._walk(edge, -1, STEP))

    def recut(self, a: int, b: int) -> list[Awaitable[None]]:
        """Mount views for entries[a:b] exactly (the ones already mounted are kept); what
        it returns is done once they are mounted and the others removed."""
        lo, hi = max(a, self.start), min(b, self.end)
        done: list[Awaitable[None]] = []
        if lo >= hi:  # nothing in common: every view made again
            gone = self.views
            self.views = [self.make_view(i) for i in range(a, b)]
            self.start = a
            if gone:
                done.append(self.remove_children(gone))
            if self.views:
                done.append(self.mount_all(self.views))
            return done
        keep = self.views[lo - self.start : hi - self.start]
        gone = self.views[: lo - self.start] + self.views[hi - self.start :]
        above = [self.make_view(i) for i in range(a, lo)]
        below = [self.make_view(i) for i in range(hi, b)]
        if gone:
            done.append(self.remove_children(gone))
        if above:
            done.append(self.mount_all(above, before=keep[0]))
        if below:
            done.append(self.mount_all(below, after=keep[-1]))
        self.views = above + keep + below
        self.start = a
        return done

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._extending or self._following or not self.views:  # (moving already)
            return
        page = max(1, self.size.height)
        if new_value >= self.max_scroll_y - page and self.end < len(self.entries):
            self._grow(1)
        elif new_value <= page and self.start > 0:
            self._grow(-1)

    def _grow(self, step: int) -> None:
        """Mount CHUNK more shown comments below (1) or above (-1) the window, dropping
        the far end past 2 * WINDOW; the comments on screen stay where they are."""
        if step > 0:
            a, b = self.start, self._walk(self.end, 1, CHUNK)
            while self._shown_between(a, b) > 2 * WINDOW:
                a = self._walk(a, 1, CHUNK)
        else:
            a, b = self._walk(self.start, -1, CHUNK), self.end
            while self._shown_between(a, b) > 2 * WINDOW:
                b = self._walk(b, -1, CHUNK)
        self._move(a, b)

    def _move(self, a: int, b: int, then: Callable[[], None] | None = None) -> None:
        """The window made entries[a:b], the comments on screen kept where they are;
        `then` once they are placed."""
        anchor = self.view_at(max(a, self.start))  # stays on screen where it is
        before = anchor.virtual_region.y if anchor is not None else 0
        self._extending = True
        self.recut(a, b)
        if anchor is not None:
            self.call_after_refresh(self._keep_place, anchor, before, then)
        else:
            self._extending = False
            if then is not None:
                then()

    def _keep_place(
        self, anchor: CommentView, before: int, then: Callable[[], None] | None = None
    ) -> None:
        """After the window grew or shrank above `anchor`: scroll by as much."""
        try:
            if anchor.is_attached:
                shift = anchor.virtual_region.y - before
                if shift:
                    self.scroll_to(y=self.scroll_y + shift, animate=False, immediate=True)
        finally:
            self._extending = False
        if then is not None:
            then()
