"""Comments found across the blog (`in:comments`), two lines each like the post list:
the post's title; the commenter, the date and the matched words in context."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.message import Message

from reeltui.domain.dates import display_date
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import PostRow
from reeltui.services.reads import ReadMark

if TYPE_CHECKING:  # (the search's modules are imported after the first paint)
    from reeltui.services.comment_hit import CommentHit
from reeltui.ui.widgets.post_list import Items, ListItem, PostList

READ = ReadMark(unread=False, new_comments=0)


class HitItem(ListItem):
    __slots__ = ("hit",)

    def __init__(self, row: PostRow, mark: ReadMark, hit: CommentHit | None = None) -> None:
        super().__init__(row, mark)
        self.hit = hit


def hit_items(hits: list[CommentHit]) -> list[ListItem]:
    return [HitItem(PostRow(h.post, 0, 0), READ, h) for h in hits]


class CommentHitList(PostList):
    """The list pane's view of a comment search; enter opens the thread at the comment."""

    class CommentOpened(Message):
        def __init__(self, post_id: str, comment_id: str) -> None:
            super().__init__()
            self.post_id = post_id
            self.comment_id = comment_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_text = "No comments match."

    @property
    def current_hit(self) -> CommentHit | None:
        if 0 <= self.cursor < len(self.items):
            item = self.items[self.cursor]
            return item.hit if isinstance(item, HitItem) else None
        return None

    @property
    def current_id(self) -> str | None:
        hit = self.current_hit
        return hit.comment.id if hit else None

    def set_items(self, items: list[ListItem] | Items, keep: str | None = None) -> None:
        keep = keep or self.current_id
        super().set_items(items, None)
        for i, item in enumerate(items):
            if isinstance(item, HitItem) and item.hit and item.hit.comment.id == keep:
                self.cursor = i
                break

    def action_open(self) -> None:
        hit = self.current_hit
        if hit is not None:
            self.post_message(self.CommentOpened(hit.post.id, hit.comment.id))

    def action_ask(self, what: str) -> None:
        if what != "toggle_read":  # (the screen says the order and filters are the posts')
            super().action_ask(what)
            return
        key_of = getattr(self.app, "key_of", None)  # read marks are the posts': said so
        key, back = (key_of("list.toggle_read"), key_of("main.results")) if key_of else ("u", "C")
        self.notify(f"{key} marks posts read or unread: {back} shows the post list", timeout=4)

    def _title_line(self, item: ListItem) -> Text:
        text = Text("   ", no_wrap=True, overflow="ellipsis")
        hit = item.hit if isinstance(item, HitItem) else None
        if hit is None:
            return text
        text.append(sanitize_line(hit.comment.author) or "(anonymous)", Style(bold=True))
        text.append(" on ", self._fg("post-list--meta"))
        text.append(sanitize_line(hit.post.title) or "(untitled)")
        return text

    def _meta_line(self, item: ListItem) -> Text:
        meta = self._fg("post-list--meta")
        text = Text("   ", no_wrap=True, overflow="ellipsis")
        hit = item.hit if isinstance(item, HitItem) else None
        if hit is None:
            return text
        text.append(display_date(hit.comment.date) or "no date", meta)
        if hit.comment.status != "approved":
            text.append(f" [{hit.comment.status}]", meta)
        text.append("  ")
        text.append_text(marked(sanitize_line(hit.snippet), hit.words, self._fg("post-list--new")))
        return text


def marked(text: str, words: tuple[str, ...], style: Style) -> Text:
    """`text` with every occurrence of `words` (any case) in `style`."""
    out = Text(text)
    for word in words:
        pattern = r"\s+".join(re.escape(part) for part in word.split())
        if pattern:
            out.highlight_regex(re.compile(pattern, re.IGNORECASE), style)
    return out
