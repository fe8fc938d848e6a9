"""The reader: a header block (title, author, date, terms, rating, film) and the Markdown body,
with a table of contents for long posts (reader_toc.py) and `/` search inside the post (n/N,
match counter: reader_search.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from reeltui.domain.models import Post
from reeltui.domain.sanitize import sanitize
from reeltui.ui.widgets import thread_intents as intents
from reeltui.ui.widgets.heights import keeps_height
from reeltui.ui.widgets.inputs import focus_now
from reeltui.ui.widgets.lists import ReelOptions
from reeltui.ui.widgets.long_body import LongBody, Match
from reeltui.ui.widgets.post_text import header_text
from reeltui.ui.widgets.reader_search import ReaderSearchMixin, SearchInput
from reeltui.ui.widgets.reader_toc import ReaderTocMixin

if TYPE_CHECKING:  # Textual's Markdown widget (markdown-it, its blocks) is imported and
    # mounted when the first post is shown: the first paint has no use for it (see `body`)
    from textual.widgets import Markdown
    from textual.widgets.markdown import MarkdownBlock


class Reader(ReaderSearchMixin, ReaderTocMixin, Vertical):
    """Shows one post. Posts messages up for links, history and the links picker."""

    ALLOW_MAXIMIZE = True  # zoom (app.zoom) fills the screen with the reader, not its text

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="reader.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="reader.up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("space,ctrl+d,pagedown", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("b,ctrl+u,pageup", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("slash", "search", "Search", id="reader.search"),
        Binding("n", "next_hit(1)", "Next match", show=False, id="reader.next_match"),
        Binding("N", "next_hit(-1)", "Previous match", show=False, id="reader.prev_match"),
        Binding("t", "toggle_toc", "Contents", id="reader.toc"),
        Binding("f", "links", "Links", id="reader.links"),
        Binding("r", "reply", "Reply", show=False, id="reader.reply"),
        Binding("H", "history(-1)", "Back", id="reader.back"),
        Binding("L", "history(1)", "Forward", show=False, id="reader.forward"),
    ]

    class LinkFollowed(Message):
        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    class Links(Message):
        """Pick one of the post's links."""

    class History(Message):
        """Step back (-1) or forward (+1) in the posts read."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.post: Post | None = None
        self.hits: list[tuple[MarkdownBlock, int, int]] = []
        self.hit_index = -1
        self.query_text = ""
        self.counter = ""
        self._originals: dict[int, tuple[MarkdownBlock, Content]] = {}
        self._toc_wanted: bool | None = None  # t's choice on this post (None: by headings)
        self.long_hits: list[Match] = []
        self.searchbar: tuple[SearchInput, Static] | None = None  # mounted when first opened
        self.long: LongBody | None = None  # mounted for the first very long post
        self.contents: ReelOptions | None = None  # mounted with the first post's headings

    def compose(self) -> ComposeResult:
        # (the contents box, #reader-toc, is mounted first in #reader-main by `toc`)
        with Horizontal(id="reader-main"), VerticalScroll(id="reader-scroll"):
            yield Static("Open a post from the list (enter).", id="reader-head")
            # (the Markdown body, #reader-body, is mounted here by `body`, a very long
            # post's lines, #reader-long, by `long_body`)
        # (the search bar, #reader-searchbar, is mounted below by `search_box`)

    # The parts hidden until used (the search bar, a very long post's lines) are mounted the
    # first time they are needed: the first paint lays out and styles fewer widgets.

    def long_body(self) -> LongBody:
        """The lines of a very long post (mounted after the body the first time)."""
        if self.long is None:
            self.long = LongBody(id="reader-long")
            self.scroller.mount(self.long)
        return self.long

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#reader-scroll", VerticalScroll)

    @property
    def markdown(self) -> Markdown:
        """The body's Markdown widget (mounted by `body` when the first post is shown)."""
        from textual.widgets import Markdown

        return self.query_one("#reader-body", Markdown)

    async def body(self) -> Markdown:
        """The body's Markdown widget, mounted under the header the first time: empty, it
        is no line on screen, and the first paint then skips importing and styling it."""
        from textual.widgets import Markdown

        found = self.query("#reader-body")
        if found:
            return found.first(Markdown)
        markdown = Markdown(id="reader-body", open_links=False)
        await self.scroller.mount(markdown, after="#reader-head")
        return markdown

    def show_counts(self, comment_count: int, pending: int = 0) -> None:
        """The shown post's header with these counts (its comments changed)."""
        if self.post is not None:
            head = self.query_one("#reader-head", Static)
            text = header_text(self.post, comment_count, pending)
            head.update(text, layout=not keeps_height(head, text))  # (no layout: same height)

    async def show(self, post: Post, comment_count: int, pending: int = 0) -> None:
        """Display `post` (awaits the Markdown rendering), with its readers' comments and
        those waiting for moderation. Another post than the one shown starts afresh: no
        search, no contents box it does not need, scrolled to the top."""
        if self.post is None or self.post.id != post.id:
            self._reset()
        self.post = post
        self._clear_hits()
        self.query_one("#reader-head", Static).update(header_text(post, comment_count, pending))
        # A long post is shown piece by piece: the first screens at once, the rest appended
        # in the background (Textual's Markdown slows down faster than the text grows).
        from reeltui.formats.display import readable
        from reeltui.services.longtext import LONG_PIECES, pieces

        chunks = pieces(sanitize(readable(post.body)))  # raw HTML blocks made readable
        markdown = await self.body()
        if len(chunks) > LONG_PIECES:  # a very long post: pre-rendered lines, see LongBody
            self.add_class("-long")
            if self.contents is not None:
                self.contents.clear_options()
            self._fit_toc()  # (its headings come as the lines are made)
            await markdown.update("")
            self.long_body().show(chunks)
            self.scroller.scroll_home(animate=False)
            return
        self.remove_class("-long")
        if self.long is not None:
            self.long.show([])
        first, *rest = chunks
        await markdown.update(first)
        self.scroller.scroll_home(animate=False)
        if rest:  # started once the first piece is on screen
            self.call_after_refresh(
                self.run_worker, self._append(post.id, rest), exclusive=True, group="reader-rest"
            )
        elif self.query_text:
            self._run_search(self.query_text)

    async def _append(self, post_id: str, rest: list[str]) -> None:
        for part in rest:
            if self.post is None or self.post.id != post_id:
                return  # another post was opened meanwhile
            await self.markdown.append("\n\n" + part)
        if self.query_text:
            self._run_search(self.query_text)

    def _reset(self) -> None:
        """Forget what was done to the previous post (its search, the contents box)."""
        box = self.searchbar[0] if self.searchbar else None
        if (box and box.has_focus) or (self.contents and self.contents.has_focus):
            focus_now(self.scroller)
        self.clear_search()
        self._toc_wanted = None
        self.remove_class("-toc")

    def links(self) -> list[tuple[str, str]]:
        from reeltui.formats.display import readable
        from reeltui.ui.widgets.post_text import post_links

        return post_links(readable(self.post.body)) if self.post else []

    # -- table of contents (reader_toc.py) ----------------------------------------------

    @on(LongBody.Grown)
    def _long_grown(self, event: LongBody.Grown) -> None:
        event.stop()
        self.toc_grown()

    @on(OptionList.OptionSelected, "#reader-toc")
    def _toc_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.go_to_heading(event.option.id)

    def action_reply(self) -> None:
        """No comment is picked here: the screen says what `r` needs (thread_intents.Reply)."""
        self.post_message(intents.Reply(None))

    # -- scrolling -----------------------------------------------------------------------

    def action_scroll(self, lines: int) -> None:
        self.scroller.scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        self.scroller.scroll_relative(
            y=direction * max(1, self.scroller.scrollable_content_region.height - 1),
            animate=False,
        )

    def action_top(self) -> None:
        self.scroller.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroller.scroll_end(animate=False)

    def _scroll_to_line(self, line: int, *, center: bool = False) -> None:
        body = self.long_body()
        offset = self.scroller.scrollable_content_region.height // 2 if center else 0
        self.scroller.scroll_to(y=max(0, body.virtual_region.y + line - offset), animate=False)

    # -- links and history ---------------------------------------------------------------

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        self._link_clicked(event)

    @on(LongBody.LinkClicked)
    def _link_clicked(self, event: Markdown.LinkClicked | LongBody.LinkClicked) -> None:
        event.stop()
        self.post_message(self.LinkFollowed(event.href))

    def action_links(self) -> None:
        self.post_message(self.Links())

    def action_history(self, step: int) -> None:
        self.post_message(self.History(step))

    # -- search (reader_search.py) ------------------------------------------------------

    @on(Input.Changed, "#reader-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._run_search(event.value)

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @on(SearchInput.Step)
    def _search_step(self, event: SearchInput.Step) -> None:
        event.stop()
        self.action_next_hit(event.step)

    @on(SearchInput.Closed, "#reader-search")
    def _search_closed(self, event: SearchInput.Closed) -> None:
        event.stop()
        self.clear_search()
