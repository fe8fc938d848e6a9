"""Search inside the post shown by the reader: matches in the Markdown blocks, or in the
lines of a very long post (LongBody); n/N step through them, a counter says where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reeltui.domain.text import find_folded
from reeltui.ui.widgets.long_body import LongBody, Match

HIT_STYLE = "underline"
CURRENT_HIT_STYLE = "reverse bold"

if TYPE_CHECKING:
    from textual.widget import Widget as _Base
    from textual.widgets import Markdown
    from textual.widgets.markdown import MarkdownBlock
else:
    _Base = object


class ReaderSearchMixin(_Base):
    """Mixed into Reader (which has #reader-scroll, #reader-body, a search bar and a LongBody
    once needed)."""

    hits: list[tuple[MarkdownBlock, int, int]]
    long_hits: list[Match]
    hit_index: int
    query_text: str
    counter: str
    _originals: dict[int, tuple[MarkdownBlock, Content]]
    long: LongBody | None

    @property
    def scroller(self) -> VerticalScroll:
        raise NotImplementedError

    @property
    def markdown(self) -> Markdown:
        raise NotImplementedError

    def _scroll_to_line(self, line: int, *, center: bool = False) -> None:
        raise NotImplementedError

    def long_body(self) -> LongBody:
        raise NotImplementedError

    def counter_box(self) -> Static | None:
        raise NotImplementedError

    @property
    def _hit_count(self) -> int:
        return len(self.long_hits) if self.has_class("-long") else len(self.hits)

    def action_next_hit(self, step: int) -> None:
        if not self._hit_count:
            if self.query_text:
                self.notify(f"no match for {self.query_text!r}", severity="warning")
            return
        self.hit_index = (self.hit_index + step) % self._hit_count
        self._paint()

    def _clear_hits(self) -> None:
        for block, content in self._originals.values():
            if block.is_attached:
                block.set_content(content)
        self._originals.clear()
        self.hits = []
        self.long_hits = []
        if self.long is not None:
            self.long.mark([], -1)
        self.hit_index = -1

    def _run_search(self, query: str) -> None:
        self._clear_hits()
        self.query_text = query
        if self.has_class("-long"):
            self.long_hits = self.long_body().find(query)
            self.hit_index = 0 if self.long_hits else -1
        elif query and self.query("#reader-body"):  # (a body once a post was shown)
            from textual.widgets.markdown import MarkdownBlock

            for block in self.markdown.query(MarkdownBlock):  # compared folded (accents...)
                for start, end in find_folded(block._content.plain, query):
                    self.hits.append((block, start, end))
            self.hit_index = 0 if self.hits else -1
        self._paint()

    def _paint(self) -> None:
        if self.has_class("-long"):
            self.long_body().mark(self.long_hits, self.hit_index)
            if self.long_hits:
                self._scroll_to_line(self.long_hits[self.hit_index][0][0], center=True)
            self._show_counter(len(self.long_hits))
            return
        for block, content in self._originals.values():
            block.set_content(content)
        for i, (block, start, end) in enumerate(self.hits):
            self._originals.setdefault(id(block), (block, block._content))
            style = CURRENT_HIT_STYLE if i == self.hit_index else HIT_STYLE
            block.set_content(block._content.stylize(style, start, end))
        if self.hits:
            block = self.hits[self.hit_index][0]
            self.scroller.scroll_to_widget(block, animate=False, center=True)
        self._show_counter(len(self.hits))

    def _show_counter(self, count: int) -> None:
        if not self.query_text:
            self.counter = ""
        elif not count:
            self.counter = "no matches"
        else:
            self.counter = f"{self.hit_index + 1}/{count}"
        shown = self.counter_box()
        if shown is not None:  # (the search bar once opened)
            shown.update(self.counter)
