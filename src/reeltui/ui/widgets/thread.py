"""The comment thread of a post: a tree by parent, collapsible, with keyboard jumps."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reeltui.domain.models import Comment
from reeltui.ui.widgets import thread_intents as intents
from reeltui.ui.widgets.comment_view import CommentView
from reeltui.ui.widgets.pane_paint import PanePaint
from reeltui.ui.widgets.thread_jumps import ThreadJumps
from reeltui.ui.widgets.thread_window import WINDOW, Entry, ThreadWindow

__all__ = ["CommentView", "Thread"]


class Thread(PanePaint, ThreadJumps, ThreadWindow, can_focus=True):
    """Comments in reading order; the cursor moves over visible comments. Only a window of
    them is mounted (thread_window.py): a thread of thousands answers like a short one.

    Reply and moderation keys post an intent message (thread_intents: `Reply`, `Edit`,
    `Delete`, `Moderate`, `Undo`) for the screen to act on; `x` marks comments so one
    moderation key acts on all.
    """

    ALLOW_MAXIMIZE = True  # zoom (app.zoom) fills the screen with the thread

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reply", "Reply", id="thread.reply"),
        Binding("greater_than_sign", "reply(True)", "Quote", key_display=">", id="thread.quote"),
        Binding("e", "edit_reply", "Edit reply", show=False, id="thread.edit_reply"),
        Binding("d", "delete_reply", "Delete reply", show=False, id="thread.delete_reply"),
        Binding("x", "mark", "Mark, move down", show=False, id="thread.mark"),
        Binding("a", "moderate('approve')", "Approve", show=False, id="thread.approve"),
        Binding("u", "moderate('unapprove')", "Unapprove", show=False, id="thread.unapprove"),
        Binding("s", "moderate('spam')", "Spam", show=False, id="thread.spam"),
        Binding("t", "moderate('trash')", "Trash", show=False, id="thread.trash"),
        Binding("R", "moderate('restore')", "Restore", show=False, id="thread.restore"),
        Binding("z", "undo", "Undo moderation", show=False, id="thread.undo"),
        Binding("j,down", "move(1)", "Next", show=False, id="thread.down"),
        Binding("k,up", "move(-1)", "Previous", show=False, id="thread.up"),
        Binding("g,home", "edge(0)", "First", show=False, id="thread.first"),
        Binding("G,end", "edge(-1)", "Last", show=False, id="thread.last"),
        Binding("space", "toggle_collapse", "Collapse/expand", show=False, id="thread.toggle"),
        Binding("p", "parent", "Parent", show=False, id="thread.parent"),
        Binding("J", "sibling(1)", "Next sibling", show=False, id="thread.next_sibling"),
        Binding("K", "sibling(-1)", "Prev sibling", show=False, id="thread.prev_sibling"),
        Binding(
            "right_curly_bracket", "top_level(1)", "Next top", show=False, id="thread.next_top"
        ),
        Binding(
            "left_curly_bracket", "top_level(-1)", "Prev top", show=False, id="thread.prev_top"
        ),
        Binding("ctrl+d,pagedown", "page(1)", "Page down", show=False, id="thread.page_down"),
        Binding("ctrl+u,pageup", "page(-1)", "Page up", show=False, id="thread.page_up"),
    ]

    # The views show the cursor (their `-cursor` class): the pane itself is not painted
    # again (its 25 lines of background and border at 120x40, a third of a cursor key's paint).
    cursor: reactive[int] = reactive(-1, always_update=True, repaint=False)

    class Moved(Message):
        def __init__(self, comment_id: str | None) -> None:
            super().__init__()
            self.comment_id = comment_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.collapsed: set[str] = set()
        self.marked: list[str] = []  # comment ids, in the order they were marked
        self.readers: int | None = None  # the post's readers' comments (`set_counted`)
        self.border_title = "Comments"

    def on_mount(self) -> None:
        if not self.entries:
            self.mount(Static("Open a post to read its comments.", classes="empty"))

    async def show(
        self,
        thread: list[tuple[Comment, int]],
        post_author: str,
        drafts: set[str] | frozenset[str] = frozenset(),
        select: str | None = None,
    ) -> None:
        """Show `thread`; `drafts` are comments holding a kept reply draft; the cursor goes
        to `select` when given."""
        await self.remove_children()
        self.collapsed.clear()
        shown = {c.id for c, _ in thread}
        self.marked = [m for m in self.marked if m in shown]
        marked = set(self.marked)
        own = bool(post_author)
        self.entries = [
            Entry(c, d, own and c.author == post_author, c.id in drafts, c.id in marked)
            for c, d in thread
        ]
        self.views, self.start = [], 0
        self.set_reactive(Thread.cursor, 0 if self.entries else -1)
        if self.entries:
            for mounted in self.recut(0, self._walk(0, 1, WINDOW)):
                await mounted
        else:
            await self.mount(Static("No comments yet.", classes="empty"))
        self._titles()
        self.scroll_home(animate=False)
        self.cursor = self.cursor
        if select is not None:
            self.select(select)

    async def insert(self, comment: Comment, depth: int, index: int, post_author: str) -> None:
        """Add one comment at `index` of the reading order (a new reply), without drawing
        the others again (mounted only when inside the window)."""
        entry = Entry(comment, depth, bool(post_author) and comment.author == post_author)
        self.add_entry(index, entry)
        if not self.views:  # (an empty thread: its "no comments" line goes)
            await self.remove_children()
            for mounted in self.recut(index, index + 1):
                await mounted
        elif index < self.start:
            self.start += 1
        elif index < self.end:
            view = self.make_view(index)
            with self.mounting():  # (the views moved are repainted, not the pane: pane_paint)
                await self.mount(view, before=self.views[index - self.start])
            self.views.insert(index - self.start, view)
        elif index == self.end and self.end == len(self.entries) - 1:
            view = self.make_view(index)
            with self.mounting():
                await self.mount(view, after=self.views[-1])
            self.views.append(view)
        self._titles()

    def set_counted(self, readers: int) -> None:
        """The post's readers' comments, the number the list and the reader show for it:
        said under the thread when it holds others too (the blog's replies, pending...)."""
        self.readers = readers
        self._titles()

    def _titles(self) -> None:
        total = len(self.entries)
        marked = f", {len(self.marked)} marked" if self.marked else ""  # (what a/s/t act on)
        readers = self.readers
        self.set_titles(  # (the border's rows repainted alone: pane_paint.py)
            f"Comments ({total}{marked})",
            f"{readers} of them readers' comments, as the list counts"
            if readers is not None and readers != total
            else "",
        )

    def select(self, comment_id: str) -> bool:
        """Put the cursor on `comment_id` (expanding collapsed threads above it)."""
        index = self.index_of(comment_id)
        if index is None:
            return False
        if not self.entries[index].shown:
            self.collapsed.clear()
            self._relayout()
        self.cursor = index
        # Freshly mounted views have no size yet: scroll once they are laid out.
        self.call_after_refresh(self._scroll_to_cursor)
        return True

    def _scroll_to_cursor(self, tries: int = 8) -> None:
        view = self.view_at(self.cursor)
        if view is None:
            return
        if not view.region.height and tries:  # not laid out yet: after the next refresh
            self.call_after_refresh(self._scroll_to_cursor, tries - 1)
        else:  # (at once: a scroll put off a refresh more would undo the window's own
            self.scroll_to_widget(view, animate=False, immediate=True)  # keeping of places)

    def highlighted_comment_id(self) -> str | None:
        return self.current.id if self.current else None

    # -- structure -----------------------------------------------------------------------

    def _relayout(self) -> None:
        hide_below: int | None = None
        for i, e in enumerate(self.entries):
            if hide_below is not None and e.depth > hide_below:
                e.shown = False
                continue
            hide_below = None
            e.shown = True
            if e.comment.id in self.collapsed:
                e.hidden_replies = self._subtree_end(i) - i - 1
                hide_below = e.depth
            else:
                e.hidden_replies = 0
        for i, view in enumerate(self.views, self.start):
            e = self.entries[i]
            view.display, view.hidden_replies = e.shown, e.hidden_replies
            view.update(view.build())
        if self.cursor >= 0:  # as many comments shown around the cursor as before
            start = self._walk(self.cursor, -1, WINDOW // 2)
            self.recut(start, self._walk(self.cursor, 1, WINDOW))

    # -- cursor --------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if 0 <= new < len(self.entries):
            self.ensure_window(new)
        for i in (old, new):
            view = self.view_at(i)
            if view is not None:
                view.set_class(i == new, "-cursor")
        view = self.view_at(new)
        if view is not None and view.region.height:
            self.scroll_to_widget(view, animate=False)
        elif view is not None:
            self.call_after_refresh(self._scroll_to_cursor)
        self.post_message(self.Moved(self.current.id if self.current else None))

    def action_move(self, step: int) -> None:
        visible = self._visible()
        if not visible:
            return
        if self.cursor not in visible:
            self.cursor = visible[0]
            return
        pos = visible.index(self.cursor) + step
        self.cursor = visible[max(0, min(pos, len(visible) - 1))]

    def action_edge(self, where: int) -> None:
        visible = self._visible()
        if visible:
            self.cursor = visible[where]

    def action_page(self, direction: int) -> None:
        self.scroll_relative(y=direction * max(1, self.size.height - 1), animate=False)

    def action_toggle_collapse(self) -> None:
        comment = self.current
        if comment is None:
            return
        if self._subtree_end(self.cursor) == self.cursor + 1:
            self.notify("this comment has no replies to collapse")
            return
        self.collapsed ^= {comment.id}
        self._relayout()

    # -- intents (the screen acts on them) -----------------------------------------------

    def action_reply(self, quote: bool = False) -> None:
        self.post_message(intents.Reply(self.current.id if self.current else None, quote))

    def action_edit_reply(self) -> None:
        if self.current is not None:
            self.post_message(intents.Edit(self.current.id))

    def action_delete_reply(self) -> None:
        if self.current is not None:
            self.post_message(intents.Delete(self.current.id))

    def action_mark(self) -> None:
        """Mark (or unmark) the highlighted comment and move on to the next one."""
        if self.current is None:
            return
        entry = self.entries[self.cursor]
        if entry.comment.id in self.marked:
            self.marked.remove(entry.comment.id)
        else:
            self.marked.append(entry.comment.id)
        entry.marked = entry.comment.id in self.marked
        self.redraw_entry(self.cursor)
        self._titles()
        self.action_move(1)

    def action_moderate(self, action: str) -> None:
        targets = list(self.marked) or ([self.current.id] if self.current else [])
        if targets:
            self.post_message(intents.Moderate(targets, action))
        self.clear_marks()

    def clear_marks(self) -> None:
        if self.marked:
            self.marked.clear()
            self._titles()
        for i, entry in enumerate(self.entries):
            if entry.marked:
                entry.marked = False
                self.redraw_entry(i)

    def action_undo(self) -> None:
        self.post_message(intents.Undo())

    def on_click(self, event: events.Click) -> None:
        widget = event.widget
        if isinstance(widget, CommentView) and widget in self.views:
            self.cursor = self.start + self.views.index(widget)
