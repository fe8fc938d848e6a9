"""The comment thread of a post: a tree by parent, collapsible, with keyboard jumps."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reeltui.domain.models import Comment
from reeltui.domain.sanitize import sanitize, sanitize_line
from reeltui.ui.replying import BINDINGS as REPLY_BINDINGS
from reeltui.ui.replying import CommentKeysMixin
from reeltui.ui.widgets.badges import comment_badges
from reeltui.ui.widgets.reply_badges import DRAFT_STYLE

MAX_INDENT_LEVELS = 6


_EMPHASIS = re.compile(r"(\*\*|\*|_)(?=\S)(.+?)(?<=\S)\1")


def inline_markdown(body: str) -> Text:
    """Comment text with *emphasis* and **strong** shown as styles (never as markup)."""
    text = Text()
    position = 0
    for match in _EMPHASIS.finditer(body):
        text.append(body[position : match.start()])
        text.append(match.group(2), "bold" if match.group(1) == "**" else "italic")
        position = match.end()
    text.append(body[position:])
    return text


class CommentView(Static):
    """One comment: author, date, badges, body (wrapped); a collapsed one shows a count."""

    def __init__(
        self, comment: Comment, depth: int, is_post_author: bool, has_draft: bool = False
    ) -> None:
        super().__init__(classes="comment")
        self.comment = comment
        self.has_draft = has_draft
        self.depth = depth
        self.is_post_author = is_post_author
        self.hidden_replies = 0
        self.styles.margin = (0, 0, 1, 2 * min(depth - 1, MAX_INDENT_LEVELS))

    def on_mount(self) -> None:
        self.update(self.build())

    def build(self) -> Text:
        c = self.comment
        text = Text()
        text.append("▸ " if self.hidden_replies else "", "bold")
        text.append(sanitize_line(c.author) or "anonymous", "bold")
        if self.is_post_author:
            text.append(" (author)", "italic")
        text.append(f"  {c.date[:16].replace('T', ' ')}", "dim")
        for badge, style in comment_badges(c):
            text.append("  ")
            text.append(f"[{badge}]", style)
        if self.has_draft:
            text.append("  ")
            text.append("[✎ reply draft]", DRAFT_STYLE)
        if self.hidden_replies:
            s = "y" if self.hidden_replies == 1 else "ies"
            text.append(f"  +{self.hidden_replies} repl{s} hidden", "italic")
        text.append("\n")
        text.append_text(inline_markdown(sanitize(c.body).strip() or "(empty)"))
        return text


class Thread(CommentKeysMixin, VerticalScroll, can_focus=True):
    """Comments in reading order; the cursor moves over visible comments.

    Reply and moderation keys (r, >, e, d, a, u, s, t, R) come from `replying.BINDINGS`; the
    screen gives the widget its `reply_actions`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *REPLY_BINDINGS,
        Binding("j,down", "move(1)", "Next", show=False, id="thread.down"),
        Binding("k,up", "move(-1)", "Previous", show=False, id="thread.up"),
        Binding("g,home", "edge(0)", "First", show=False, id="thread.first"),
        Binding("G,end", "edge(-1)", "Last", show=False, id="thread.last"),
        Binding("space", "toggle_collapse", "Collapse/expand", id="thread.toggle"),
        Binding("p", "parent", "Parent", id="thread.parent"),
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

    cursor: reactive[int] = reactive(-1, always_update=True)

    class Moved(Message):
        def __init__(self, comment_id: str | None) -> None:
            super().__init__()
            self.comment_id = comment_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[CommentView] = []
        self.collapsed: set[str] = set()
        self.border_title = "Comments"

    def on_mount(self) -> None:
        if not self.views:
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
        self.views = [
            CommentView(c, d, bool(post_author) and c.author == post_author, c.id in drafts)
            for c, d in thread
        ]
        if self.views:
            await self.mount_all(self.views)
        else:
            await self.mount(Static("No comments yet.", classes="empty"))
        self.border_title = f"Comments ({len(self.views)})"
        self.cursor = 0 if self.views else -1
        self.scroll_home(animate=False)
        if select is not None:
            self.select(select)

    async def insert(self, comment: Comment, depth: int, index: int, post_author: str) -> None:
        """Add one comment at `index` of the reading order (a new reply), without drawing
        the others again."""
        view = CommentView(comment, depth, bool(post_author) and comment.author == post_author)
        if index < len(self.views):
            await self.mount(view, before=self.views[index])
        else:
            await self.mount(view)
        self.views.insert(index, view)
        self.border_title = f"Comments ({len(self.views)})"

    def select(self, comment_id: str) -> bool:
        """Put the cursor on `comment_id` (expanding collapsed threads above it)."""
        for i, view in enumerate(self.views):
            if view.comment.id == comment_id:
                if not view.display:
                    self.collapsed.clear()
                    self._relayout()
                self.cursor = i
                # Freshly mounted views have no size yet: scroll once they are laid out.
                self.call_after_refresh(self.scroll_to_widget, view, animate=False)
                return True
        return False

    def highlighted_comment_id(self) -> str | None:
        return self.current.id if self.current else None

    # -- structure -----------------------------------------------------------------------

    @property
    def current(self) -> Comment | None:
        return self.views[self.cursor].comment if 0 <= self.cursor < len(self.views) else None

    def _visible(self) -> list[int]:
        return [i for i, v in enumerate(self.views) if v.display]

    def _subtree_end(self, index: int) -> int:
        depth = self.views[index].depth
        end = index + 1
        while end < len(self.views) and self.views[end].depth > depth:
            end += 1
        return end

    def _relayout(self) -> None:
        hide_below: int | None = None
        for i, view in enumerate(self.views):
            if hide_below is not None and view.depth > hide_below:
                view.display = False
                continue
            hide_below = None
            view.display = True
            if view.comment.id in self.collapsed:
                view.hidden_replies = self._subtree_end(i) - i - 1
                hide_below = view.depth
            else:
                view.hidden_replies = 0
            view.update(view.build())

    # -- cursor --------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        for i in (old, new):
            if 0 <= i < len(self.views):
                self.views[i].set_class(i == new, "-cursor")
        if 0 <= new < len(self.views):
            self.scroll_to_widget(self.views[new], animate=False)
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

    def action_parent(self) -> None:
        if self.cursor < 0:
            return
        depth = self.views[self.cursor].depth
        for i in range(self.cursor - 1, -1, -1):
            if self.views[i].depth < depth:
                self.cursor = i
                return
        self.notify("this comment is a top-level comment")

    def action_sibling(self, step: int) -> None:
        if self.cursor < 0:
            return
        depth = self.views[self.cursor].depth
        i = self.cursor + step
        while 0 <= i < len(self.views):
            if self.views[i].depth < depth:
                break
            if self.views[i].depth == depth:
                self.cursor = i
                return
            i += step
        self.notify("no more replies at this level")

    def action_top_level(self, step: int) -> None:
        i = self.cursor + step
        while 0 <= i < len(self.views):
            if self.views[i].depth == 1:
                self.cursor = i
                return
            i += step
        self.notify("no more top-level comments")

    def on_click(self, event: events.Click) -> None:
        widget = event.widget
        if isinstance(widget, CommentView) and widget in self.views:
            self.cursor = self.views.index(widget)
