"""One comment of the thread pane: author, date, badges, its Markdown; marks and folds."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from reeltui.domain.dates import display_date
from reeltui.domain.models import Comment
from reeltui.domain.sanitize import sanitize_line
from reeltui.ui.widgets.badges import comment_badges
from reeltui.ui.widgets.comment_text import comment_text
from reeltui.ui.widgets.reply_badges import DRAFT_STYLE

MAX_INDENT_LEVELS = 6
MARK_STYLE = "bold reverse"


class CommentView(Static):
    """One comment: author, date, badges, body (wrapped); a collapsed one shows a count."""

    def __init__(
        self,
        comment: Comment,
        depth: int,
        is_post_author: bool,
        has_draft: bool = False,
        *,
        marked: bool = False,
        hidden_replies: int = 0,
    ) -> None:
        super().__init__(classes="comment")
        self.comment = comment
        self.has_draft = has_draft
        self.marked = marked
        self.depth = depth
        self.is_post_author = is_post_author
        self.hidden_replies = hidden_replies
        self.styles.margin = (0, 0, 1, 2 * min(depth - 1, MAX_INDENT_LEVELS))
        self._drawn = ("", 0)  # the body and the head's width last drawn (see `redraw`)
        self.update(self.build())  # before the first layout: its height is right at once

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Nothing scrolls in a comment: its virtual size arranges nothing, where Textual
        # asked for a second layout of the whole screen when it changed (each view mounted).
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def redraw(self) -> None:
        """Draw again after a change of the comment, its badges or its mark: when only the
        head changed and it still fits on one line, without a layout pass (the height is the
        same; laying out a thread of thousands of comments took a second)."""
        body, head = self._drawn
        text = self.build()
        width = self.content_region.width
        same = body == self.comment.body and 0 < max(head, self._drawn[1]) <= width
        self.update(text, layout=not same)

    def build(self) -> Text:
        c = self.comment
        text = Text()
        if self.marked:
            text.append("✓ ", MARK_STYLE)
        text.append("▸ " if self.hidden_replies else "", "bold")
        text.append(sanitize_line(c.author) or "anonymous", "bold")
        if self.is_post_author:
            text.append(" (author)", "italic")
        text.append(f"  {display_date(c.date)}", "dim")
        for badge, style in comment_badges(c):
            text.append("  ")
            text.append(f"[{badge}]", style)
        if self.has_draft:
            text.append("  ")
            text.append("[✎ reply draft]", DRAFT_STYLE)
        if self.hidden_replies:
            s = "y" if self.hidden_replies == 1 else "ies"
            text.append(f"  +{self.hidden_replies} repl{s} hidden", "italic")
        self._drawn = (c.body, text.cell_len)
        text.append("\n")
        text.append_text(comment_text(c.body))
        return text
