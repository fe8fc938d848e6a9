"""Search inside the post shown by the reader: the search bar under the post (its box, its
counter), matches in the Markdown blocks or in the lines of a very long post (LongBody);
n/N step through them, a counter says where."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from reeltui.domain.text import find_folded
from reeltui.ui.widgets.inputs import ReturningInput, focus_now
from reeltui.ui.widgets.long_body import LongBody, Match

HIT_STYLE = "underline"
CURRENT_HIT_STYLE = "reverse bold"

if TYPE_CHECKING:
    from textual.widget import Widget as _Base
    from textual.widgets import Markdown
    from textual.widgets.markdown import MarkdownBlock
else:
    _Base = object


class SearchInput(ReturningInput):
    """The search box of the reader: down/up step through matches while typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,ctrl+n", "step(1)", "Next match", id="reader.search_next"),
        Binding("up", "step(-1)", "Previous match", id="reader.search_prev"),
    ]

    class Step(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))


class ReaderSearchMixin(_Base):
    """Mixed into Reader (which has #reader-scroll, #reader-body and a LongBody once
    needed). Textual collects `@on` handlers from widget classes only: Reader's own handlers
    of the search box's messages call `_run_search`, `action_next_hit`, `clear_search`."""

    hits: list[tuple[MarkdownBlock, int, int]]
    long_hits: list[Match]
    hit_index: int
    query_text: str
    counter: str
    _originals: dict[int, tuple[MarkdownBlock, Content]]
    long: LongBody | None
    searchbar: tuple[SearchInput, Static] | None  # mounted when first opened

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

    async def search_box(self) -> SearchInput:
        """The search bar's box (the bar mounted under the post the first time: awaited,
        the keys typed next reach the box once focused)."""
        if self.searchbar is None:
            box = SearchInput(placeholder="search in this post", id="reader-search")
            self.searchbar = (box, Static("", id="reader-count"))
            await self.mount(Horizontal(*self.searchbar, id="reader-searchbar"))
        return self.searchbar[0]

    def counter_box(self) -> Static | None:
        return self.searchbar[1] if self.searchbar is not None else None

    async def action_search(self) -> None:
        box = await self.search_box()
        self.query_one("#reader-searchbar").add_class("-visible")
        box.return_focus = self.scroller
        box.value = self.query_text
        focus_now(box)

    def clear_search(self) -> None:
        """Close the search bar and drop the matches."""
        if self.searchbar is not None:  # (once opened)
            box = self.searchbar[0]
            if self.screen.focused is box:
                focus_now(self.scroller)
            with box.prevent(Input.Changed):
                box.value = ""
            self.query_one("#reader-searchbar").remove_class("-visible")
        self._run_search("")

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
