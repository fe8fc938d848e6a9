"""The browsing screen: post list | reader over the comment thread, status line, footer.

Data flow: widgets post messages up; this screen calls services (disk work in thread workers)
and sets what the widgets show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input

from reeltui.config import SORTS
from reeltui.services import Blog, Counts, replies
from reeltui.services import reads as read_service
from reeltui.ui.navigation import History, internal_slug, is_external
from reeltui.ui.screens.dialogs import LinkActionScreen, PickScreen, filter_choices
from reeltui.ui.screens.main_comments import CommentsMixin
from reeltui.ui.screens.main_list import ListMixin
from reeltui.ui.widgets.inputs import ReturningInput, focus_now
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.status import StatusLine
from reeltui.ui.widgets.thread import Thread

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp

NARROW_WIDTH = 100
PANES = ("list-pane", "reader", "thread")
FILTER_KINDS = ("category", "tag", "status", "author")


class ListSearch(ReturningInput):
    """The filter-as-you-type box of the post list."""


class MainScreen(ListMixin, CommentsMixin, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "pane('list-pane')", "List", show=False, id="main.list"),
        Binding("c", "pane('thread')", "Comments", id="main.comments"),
        Binding("e", "edit_post", "Edit", id="main.edit"),
        Binding("n", "new_post", "New post", id="main.new"),
        Binding("1", "pane('list-pane')", "List", show=False, id="main.pane_list"),
        Binding("2", "pane('reader')", "Reader", show=False, id="main.pane_reader"),
        Binding("3", "pane('thread')", "Comments", show=False, id="main.pane_thread"),
    ]

    def __init__(self, blog: Blog, sort: str = "date") -> None:
        super().__init__()
        self.blog = blog
        self.sort = sort if sort in SORTS else "date"
        self.search = ""
        self.filters: dict[str, str] = {}
        self.history = History()
        self.current_post: str | None = None
        self.counts: Counts | None = None
        self.pane = "list-pane"
        self.site: str | None = None  # the blog's host name, from the posts' source links

    @property
    def reel_app(self) -> ReelApp:
        from reeltui.ui.app import ReelApp

        assert isinstance(self.app, ReelApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header(icon="●")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield ListSearch(placeholder="filter posts as you type", id="list-search")
                yield PostList(id="post-list")
            with Vertical(id="right"):
                yield Reader(id="reader")
                yield Thread(id="thread")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#list-pane").border_title = "Posts"
        self._set_pane("list-pane")
        self.on_resize()
        search_box = self.query_one("#list-search", ListSearch)
        search_box.return_focus = self.query_one(PostList)
        self.query_one(PostList).search_box = search_box
        self.query_one(PostList).focus()
        self.setup_comment_actions()
        self.load_index()

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._set_pane(self.pane)

    # -- panes ---------------------------------------------------------------------------

    def action_pane(self, name: str) -> None:
        if name == "list-pane" and self.query_one("#list-search", Input).has_focus:
            self.action_close_search()
            return
        self._set_pane(name)
        target: Widget = {
            "list-pane": self.query_one(PostList),
            "reader": self.query_one(Reader).scroller,
            "thread": self.query_one(Thread),
        }[name]
        focus_now(target)

    def _set_pane(self, name: str) -> None:
        # Screen classes restyle every widget (costly with a long post): only narrow
        # layouts need them, so wide ones skip the change.
        self.pane = name
        if self.has_class("-narrow"):
            self.set_classes(
                {"-narrow", f"-show-{name}"} | (set(self.classes) - {f"-show-{p}" for p in PANES})
            )

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        for pane in PANES:
            if focused is not None and any(a.id == pane for a in focused.ancestors_with_self):
                if pane != self.pane:
                    self._set_pane(pane)
                return

    # -- the list ------------------------------------------------------------------------

    @on(PostList.Opened)
    async def _opened(self, event: PostList.Opened) -> None:
        await self.open_post(event.post_id)
        self.action_pane("reader")

    async def open_post(self, post_id: str, record: bool = True) -> None:
        post = self.blog.post(post_id)
        thread = self.blog.thread(post_id)
        self.current_post = post_id
        if record:
            self.history.visit(post_id)
        await self.query_one(Reader).show(post, len(thread))
        drafts = replies.draft_parents(self.blog, post_id)
        await self.query_one(Thread).show(thread, post.author, drafts)
        post_list = self.query_one(PostList)
        post_list.set_rows(post_list.rows, post_id)
        self.mark_read(post_id)

    @work(thread=True, group="reads")
    def mark_read(self, post_id: str, unread: bool = False) -> None:
        count = 0
        try:
            if unread:
                read_service.mark_unread(self.blog, post_id)
            else:
                count = read_service.mark_read(self.blog, post_id)
        except Exception as exc:  # e.g. disk full: say so, keep browsing
            self.app.call_from_thread(self.notify, f"could not save the read mark: {exc}")
            return
        self.app.call_from_thread(self.query_one(PostList).update_mark, post_id, unread, count)

    @on(PostList.Asked)
    def _list_asked(self, event: PostList.Asked) -> None:
        if event.what == "sort":
            self.cycle_sort()
        elif event.what == "filters":
            self.ask_filters()
        elif event.what == "clear":
            self.clear_filters()
        elif event.what == "toggle_read" and event.post_id:
            post_list = self.query_one(PostList)
            row = next(r for r in post_list.rows if r.post.id == event.post_id)
            self.mark_read(event.post_id, unread=not post_list.mark_of(row).unread)

    def cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reel_app.remember(sort=self.sort)
        self.notify(f"sorted by {self.sort}", timeout=2)
        self.load_rows()

    def ask_filters(self) -> None:
        choices = filter_choices(self.blog.posts(), FILTER_KINDS)
        self.app.push_screen(PickScreen("Filter posts by", choices), self._filter_chosen)

    def _filter_chosen(self, choice: str | None) -> None:
        if not choice:
            return
        kind, _, value = choice.partition(":")
        if kind == "clear":
            self.clear_filters()
            return
        self.filters[kind] = value
        self.load_rows()

    def clear_filters(self) -> None:
        self.filters.clear()
        self.search = ""
        self.query_one("#list-search", Input).value = ""
        self.query_one("#list-search", Input).remove_class("-visible")
        self.load_rows()

    @on(Input.Changed, "#list-search")
    def _search_changed(self, event: Input.Changed) -> None:
        """A keystroke in the filter box: the posts whose summary matches are shown at once
        (no disk, no waiting for an earlier keystroke); the text search answers after."""
        self.search = event.value.strip()
        self._text_hits = set()
        if self.loading:
            return  # the end of loading shows the rows as asked by then
        if not self.search:
            self.searching = False
            self.load_rows()
            return
        self._show_rows(self._rows(self._search_ids()), self.counts, None)
        self._ask_text()

    @on(ListSearch.Closed, "#list-search")
    def action_close_search(self) -> None:
        box = self.query_one("#list-search", ListSearch)
        box.value = ""
        box.remove_class("-visible")
        self.search = ""
        self.query_one(PostList).focus()
        self.setup_comment_actions()
        self.load_rows()

    # -- the reader ----------------------------------------------------------------------

    @on(Reader.Asked)
    async def _reader_asked(self, event: Reader.Asked) -> None:
        if event.what == "history":
            target = self.history.step(event.step)
            if target is None:
                self.notify("no more history that way", timeout=2)
            else:
                await self.open_post(target, record=False)
        elif event.what == "links":
            links = self.query_one(Reader).links()
            if not links:
                self.notify("this post has no links")
                return
            choices = [(href, f"{text}  →  {href}") for text, href in links]
            self.app.push_screen(PickScreen("Links in this post", choices), self._link_chosen)

    def _link_chosen(self, href: str | None) -> None:
        if href:
            self.run_worker(self.follow(href))

    @on(Reader.LinkFollowed)
    async def _link_followed(self, event: Reader.LinkFollowed) -> None:
        await self.follow(event.href)

    async def follow(self, href: str) -> None:
        slug = internal_slug(href)
        if slug is not None:
            try:
                post = self.blog.post_by_slug(slug)
            except Exception as exc:  # the service's NotFound: say it, in one line
                self.notify(str(exc), severity="warning")
                return
            await self.open_post(post.id)
            self.action_pane("reader")
        elif is_external(href):
            self.app.push_screen(LinkActionScreen(href), lambda what: self._link_action(href, what))
        else:
            self.notify(f"cannot follow the link {href!r}", severity="warning")

    def _link_action(self, href: str, what: str | None) -> None:
        if what == "open":
            self.notify(self.reel_app.open_link(href))
        elif what == "copy":
            self.reel_app.copy_text(href)
            self.notify(f"copied {href}")
