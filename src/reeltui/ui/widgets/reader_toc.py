"""The reader's table of contents: a box left of the post listing its headings (the Markdown
body's, or a very long post's as LongBody finds them in its lines), shown when there are many
or `t` asks for it; picking one scrolls the post to its heading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from reeltui.domain.sanitize import sanitize_line
from reeltui.ui.widgets.inputs import focus_now
from reeltui.ui.widgets.lists import ReelOptions

if TYPE_CHECKING:
    from textual.containers import VerticalScroll
    from textual.widget import Widget as _Base
    from textual.widgets import Markdown

    from reeltui.ui.widgets.long_body import LongBody
else:
    _Base = object

TOC_MIN_HEADINGS = 3


class ReaderTocMixin(_Base):
    """Mixed into Reader (which has #reader-main, #reader-scroll, the body and a LongBody
    once needed). Textual collects `@on` handlers from widget classes only: Reader's own
    handlers call `toc_grown` and `go_to_heading`."""

    contents: ReelOptions | None
    _toc_wanted: bool | None  # t's choice on this post (None: by headings)
    query_text: str

    if TYPE_CHECKING:

        @property
        def scroller(self) -> VerticalScroll: ...

        @property
        def markdown(self) -> Markdown: ...

        def long_body(self) -> LongBody: ...

        def _scroll_to_line(self, line: int, *, center: bool = False) -> None: ...

        def _run_search(self, query: str) -> None: ...

    def toc(self) -> ReelOptions:
        """The contents box, left of the post (mounted the first time a post lists its
        headings, shown by the `-toc` class)."""
        if self.contents is None:
            self.contents = ReelOptions(id="reader-toc")
            self.query_one("#reader-main").mount(self.contents, before=0)
        return self.contents

    def _headings(self) -> int:
        return self.contents.option_count if self.contents is not None else 0

    def _fit_toc(self) -> None:
        """The contents box shows when it has headings, and there are many (unless `t` hid
        it) or `t` asked for it: never empty."""
        headings = self._headings()
        wanted = headings >= TOC_MIN_HEADINGS if self._toc_wanted is None else self._toc_wanted
        self.set_class(bool(headings) and wanted, "-toc")

    def on_markdown_table_of_contents_updated(
        self, event: Markdown.TableOfContentsUpdated
    ) -> None:  # (by its name: Markdown is not imported when the class is made)
        event.stop()
        if self.has_class("-long"):
            return  # the emptied Markdown's: a long post's headings come from LongBody
        toc = self.toc()
        toc.clear_options()
        entries = event.table_of_contents
        toc.add_options(
            Option(Text("  " * (level - 1) + sanitize_line(label)), id=block_id)
            for level, label, block_id in entries
            if block_id
        )
        self._fit_toc()

    def toc_grown(self) -> None:
        """A very long post's lines grew (LongBody.Grown): its headings listed as found."""
        body = self.long_body()
        toc = self.toc()
        shown = [toc.get_option_at_index(i).id for i in range(toc.option_count)]
        found = [f"line-{line}" for _, _, line in body.headings]
        # Lines made again for a new width list their headings afresh: keep the box until
        # they catch up (hiding it would change the width once more and start all over).
        if found != shown and (len(found) >= len(shown) or body.complete):
            toc.clear_options()
            toc.add_options(
                Option(Text("  " * (level - 1) + sanitize_line(label)), id=f"line-{line}")
                for level, label, line in body.headings
            )
            self._fit_toc()
        if body.complete and self.query_text:
            self._run_search(self.query_text)

    def go_to_heading(self, option_id: str | None) -> None:
        """Scroll the post to the heading picked in the contents box."""
        if option_id and option_id.startswith("line-"):
            self._scroll_to_line(int(option_id[5:]))
            self.scroller.focus()
        elif option_id:
            block = self.markdown.query_one(f"#{option_id}")
            self.scroller.scroll_to_widget(block, top=True, animate=False)
            self.scroller.focus()

    def action_toggle_toc(self) -> None:
        if not self.has_class("-toc") and not self._headings():
            self.notify("this post has no headings", timeout=2)
            return
        self._toc_wanted = not self.has_class("-toc")
        self._fit_toc()
        if self._toc_wanted:
            focus_now(self.toc())
        elif self.contents is not None and self.screen.focused is self.contents:
            focus_now(self.scroller)
