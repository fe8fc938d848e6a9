"""The main screen following the store's changes (from anywhere: see ui/changes.py): the
list reloads (only its marks when posts were read, only the rows of the posts whose comments
changed when that cannot change which posts it shows or their order), and the open post and
its thread are drawn again, the thread's cursor kept (patched view by view when it can be:
main_thread.py).

While another screen covers it (the composer, a dialog, the inbox) the changes wait and are
drawn once, when it is shown again: each redraw underneath a modal screen repainted that
screen whole (a reply's composer, open until the reply is on disk, was repainted for the
list's reload and again for the thread's new comment: tens of milliseconds each)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from reeltui.errors import ReelError
from reeltui.services import replies
from reeltui.services.events import Change
from reeltui.services.people import thread_counts
from reeltui.ui.changes import touches
from reeltui.ui.screens.main_rows import update_rows
from reeltui.ui.screens.main_thread import PATCHED_KINDS, patch_thread
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.thread import Thread

if TYPE_CHECKING:
    from reeltui.ui.screens.main import MainScreen


class OpenPostFollower:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._select_next: str | None = None  # the comment the next thread redraw selects
        self._drawing = False  # the thread is being redrawn (see _refresh_open)
        self._unshown: list[Change] = []  # changes the thread has not followed yet
        self._covered: list[Change] = []  # changes made while another screen covered this one

    def store_changed(self, changes: list[Change]) -> Awaitable[None] | None:
        """Follow `changes`; what it returns (a patch of the thread) is awaited before the
        screen is drawn again, so the rows, the thread and the screen come in one frame."""
        screen = self.screen
        if screen.app.screen is not screen:  # covered: drawn once shown again (`shown`)
            self._covered += changes
            return None
        if all(c.kind == "reads" for c in changes):
            screen.listing.refresh_marks({post_id for c in changes for post_id in c.ids})
            return None
        if not update_rows(screen.listing, changes):
            screen.listing.load()
        if screen.current_post is None:
            return None
        # The changes of one save may come in several bursts (made in the save queue's
        # thread): a newer redraw cancels an older one, so each takes every change not
        # shown yet, and gives them back if it is cancelled before it is done.
        self._unshown += changes
        redrawing = any(w.group == "thread" and not w.is_finished for w in screen.workers)
        if not redrawing and all(c.kind in PATCHED_KINDS for c in changes):
            return self._patch_unshown()  # a patch (a few views): done before the paint
        screen.run_worker(self._refresh_unshown(), exclusive=True, group="thread")
        return None

    def shown(self) -> None:
        """The screen is shown again: draw the changes made while it was covered, once
        it is painted. Textual paints it whole (every line: the composer over it dimmed
        the rest), 15-40 ms; the reply's view mounted and laid out is another frame's work
        (they came in one, 50-60 ms at 50,000 posts)."""
        changes, self._covered = self._covered, []
        if changes:
            self.screen.call_after_refresh(self._draw_covered, changes)

    async def _draw_covered(self, changes: list[Change]) -> None:
        if self.screen.app.screen is not self.screen:  # covered again meanwhile
            self._covered = changes + self._covered
            return
        drawn = self.store_changed(changes)
        if drawn is not None:
            await drawn

    async def _patch_unshown(self) -> None:
        """Patch the thread with nothing drawn meanwhile (Textual's repaint timer runs
        while a mount is awaited): the screen is then laid out and painted once, with the
        rows, the new comment and the screen shown again (it was painted, then laid out)."""
        with self.screen.app.batch_update():
            await self._refresh_unshown()

    async def _refresh_unshown(self) -> None:
        changes, self._unshown = self._unshown, []
        try:
            await self._refresh_open(changes)
        except asyncio.CancelledError:
            self._unshown = changes + self._unshown
            raise

    async def _refresh_open(self, changes: list[Change]) -> None:
        """Redraw the open post (when it changed) and its thread, the cursor kept."""
        screen, blog = self.screen, self.screen.blog
        post_id = screen.current_post
        if post_id is None or not changes:
            return
        try:
            post = blog.post(post_id)
        except ReelError:  # deleted by a sync: say nothing, show what is left
            return
        widget = screen.query_one(Thread)
        if not touches(changes, "post", post_id) and await patch_thread(
            blog, post_id, widget, changes
        ):  # comments changed in place, or one new in a long thread: those views alone
            row = blog.summary(post_id)  # the header's count follows (as the list's)
            screen.query_one(Reader).show_counts(row.readers, row.pending)
            widget.set_counted(row.readers)
            if self._select_next is not None and widget.select(self._select_next):
                self._select_next = None
            return
        thread = blog.thread(post_id)
        counts = thread_counts(blog, thread)
        if touches(changes, "post", post_id):
            await screen.query_one(Reader).show(post, *counts)
        else:  # a comment moderated, a reply queued...: the header's count follows
            screen.query_one(Reader).show_counts(*counts)
        drafts = replies.draft_parents(blog, post_id)
        self._drawing = True
        try:
            await widget.show(thread, post.author, drafts, select=widget.highlighted_comment_id())
            widget.set_counted(counts[0])
        finally:
            self._drawing = False
        if self._select_next is not None and widget.select(self._select_next):
            self._select_next = None  # asked for while the thread was being drawn

    def point_at(self, comment_id: str | None) -> None:
        """Put the thread's cursor on `comment_id` (now, or once it is drawn)."""
        if comment_id is None:
            return
        if self._drawing or not self.screen.query_one(Thread).select(comment_id):
            self._select_next = comment_id
