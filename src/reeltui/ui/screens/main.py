"""The browsing screen: post list | reader over the comment thread, status line, footer.

Data flow: widgets post messages up; this screen calls services (disk work in thread workers)
and sets what the widgets show. It redraws when the services announce a change of the store
(ui/changes.py), whoever made it: an editor, a reply, the inbox, a sync, an import.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import AwaitMount
from textual.widgets import Header, Input

from reeltui.domain.vocab import SortKey
from reeltui.services import Blog
from reeltui.ui import opening
from reeltui.ui.changes import listen
from reeltui.ui.navigation import History
from reeltui.ui.screens.main_follow import OpenPostFollower
from reeltui.ui.screens.main_links import LinkFollower
from reeltui.ui.screens.main_list import Listing
from reeltui.ui.screens.main_opening import PostOpening
from reeltui.ui.screens.main_panes import Panes
from reeltui.ui.scroll_paint import PacedScreen
from reeltui.ui.widgets import thread_intents as intents
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.inputs import ReturningInput, focus_now
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.status import StatusLine
from reeltui.ui.widgets.thread import Thread

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp
    from reeltui.ui.screens.comment_actions import CommentActions
    from reeltui.ui.screens.main_search import Searching
    from reeltui.ui.widgets.comment_hits import CommentHitList


FIRST_ROWS_WAIT = 0.5  # seconds the first frame waits for the list's first rows, at most


class MainScreen(PostOpening, PacedScreen[None]):
    AUTO_FOCUS = "#post-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "pane('list-pane')", "List", show=False, id="main.list"),
        Binding("c", "pane('thread')", "Comments", id="main.comments"),
        Binding("e", "edit_post", "Edit", id="main.edit"),
        Binding("n", "new_post", "New post", id="main.new"),
        Binding("m", "my_drafts", "My drafts", show=False, id="main.my_drafts"),
        Binding("1", "pane('list-pane')", "List", show=False, id="main.pane_list"),
        Binding("2", "pane('reader')", "Reader", show=False, id="main.pane_reader"),
        Binding("3", "pane('thread')", "Comments", show=False, id="main.pane_thread"),
        Binding(
            "right_square_bracket",
            "next_post('unread')",
            "Next unread",
            key_display="]",
            id="main.next_unread",
        ),
        Binding(
            "W", "next_post('comments')", "Next with new comments", show=False, id="main.next_new"
        ),
        Binding("C", "results", "Posts/comments found", show=False, id="main.results"),
        Binding("A", "mark_all_read", "Mark all read", show=False, id="main.mark_all_read"),
        Binding("F", "clear_filters", "Clear filters", show=False, id="main.clear_filters"),
    ]

    def __init__(self, blog: Blog, sort: SortKey = "date", *, late: bool = True) -> None:
        """`late`: the parts the first frame does not show are mounted after it
        (main_late.py)."""
        super().__init__()
        self.blog = blog
        self.history = History()
        self.current_post: str | None = None
        self.panes = Panes(self)
        self.listing = Listing(self, sort)
        self.follower = OpenPostFollower(self)  # redraws after the store changed
        self.links = LinkFollower(self)
        self._shown_once = False
        self._late: list[AwaitMount] | None = [] if late else None  # None: mounted at once
        self._opening = late  # typed keys wait (`opening`)

    @functools.cached_property
    def comment_actions(self) -> CommentActions:
        """Replies and moderation from the thread (made, and their module and the save
        queue's imported, when first asked: not for the first frame)."""
        from reeltui.ui.screens.comment_actions import CommentActions

        return CommentActions(self, self.blog, self.follower.point_at)

    @functools.cached_property
    def searching(self) -> Searching:
        """The list's search (made when first asked: its box, hint and comments' list, and
        their modules, come after the first frame, main_late.py)."""
        from reeltui.ui.screens.main_search import Searching

        return Searching(self)

    @property
    def reel_app(self) -> ReelApp:
        from reeltui.ui.app import ReelApp

        assert isinstance(self.app, ReelApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header(icon="●")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield PostList(id="post-list")  # (the search box, above, in main_late.py)
            with Vertical(id="right"):
                yield Reader(id="reader")
                yield Thread(id="thread")
        yield StatusLine(id="status")
        yield ReelFooter()

    @property
    def post_list(self) -> PostList:
        return self.query_one(PostList)

    async def on_mount(self) -> None:
        self.query_one("#list-pane").border_title = "Posts"
        self.panes.show("list-pane")
        self.panes.resized()
        focus_now(self.post_list)
        if self._late is None:  # another screen first, or a [keymap] to check: all at once
            for mounting in self._mount_late():
                await mounting
        listen(self, self.follower.store_changed)
        self.listing.load()
        # The screen is first laid out and drawn once mounted: with the rows (read by the
        # load's worker meanwhile), not without them and again with them (a fifth of the
        # start). A slow disk: the screen is shown after FIRST_ROWS_WAIT, the rows follow.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.listing.shown.wait(), FIRST_ROWS_WAIT)

    def on_resize(self) -> None:
        self.panes.resized()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown_once:  # every node was styled as it was mounted, a moment ago:
            self._shown_once = True  # not all of them again before the first frame
            event.refresh_styles = False
        super()._on_screen_resume(event)  # first: the parts below come after its frame
        # Textual would run Screen's handler again after this one, as it runs each class's of
        # the MRO (every style refreshed twice); and an `on_screen_resume` beside this method
        # was never called (one handler a class: the underscored one).
        event.prevent_default()
        if self._late == []:  # the first frame is out: the parts it did not show
            self._late = self._mount_late()
            self.call_later(self._late_mounted)
        self.follower.shown()  # the changes made while another screen covered this one

    def _mount_late(self) -> list[AwaitMount]:
        """The parts the first frame does not show (their modules imported here: after the
        first frame, unless they are mounted with the screen)."""
        from reeltui.ui.screens.main_late import mount_late

        return mount_late(self)

    async def _late_mounted(self) -> None:
        for mounting in self._late or []:
            await mounting
        self._opening = False
        self.reel_app.typeahead.go_on()

    def opening(self) -> bool:
        """Are parts of the screen still to be mounted after its first frame (typed keys wait
        for them: `/` typed as the app opens opens the search box)?"""
        return self._opening

    # -- panes (see main_panes.py) --------------------------------------------------------

    @property
    def pane(self) -> str:
        """The pane shown (narrow) or focused (wide): "list-pane", "reader" or "thread"."""
        return self.panes.current

    def action_pane(self, name: str) -> None:
        self.panes.go(name)

    def on_descendant_focus(self, event: object) -> None:
        self.panes.focus_moved()

    # -- opening (a post and its thread shown: main_opening.py) --------------------------

    @on(PostList.Opened)
    async def _opened(self, event: PostList.Opened) -> None:
        if await self.open_post(event.post_id):
            self.action_pane("reader")

    # -- the list's intents and keys (see main_list.py) ----------------------------------

    @on(PostList.Sort)
    def _sort(self) -> None:
        self.listing.cycle_sort()

    @on(PostList.Reverse)
    def _reverse(self) -> None:
        self.listing.reverse()

    @on(PostList.Filters)
    def _filters(self) -> None:
        self.listing.ask_filters()

    def action_clear_filters(self) -> None:
        self.listing.clear_filters()

    def action_my_drafts(self) -> None:
        self.listing.toggle_my_drafts()

    @on(PostList.ToggleRead)
    def _toggle_read(self, event: PostList.ToggleRead) -> None:
        item = next((i for i in self.post_list.items if i.row.post.id == event.post_id), None)
        if item is not None:
            self.mark_read(item.row.post.id, unread=not item.mark.unread)

    @on(Input.Changed, "#list-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.listing.searched(event.value)

    @on(ReturningInput.Closed, "#list-search")  # (the list's search box: main_late.py)
    def action_close_search(self) -> None:
        self.listing.clear_search()
        focus_now(self.post_list)

    @property
    def search(self) -> str:
        """What the list's search box holds (the query language)."""
        return self.listing.search

    def run_search(self, text: str, focus_box: bool = True) -> None:
        """Search for `text` as if typed in the list's box (saved searches, the palette)."""
        self.searching.run(text, focus_box)

    def action_results(self) -> None:
        self.searching.toggle_comments()

    async def on_comment_hit_list_comment_opened(self, event: CommentHitList.CommentOpened) -> None:
        await self.open_comment(event.post_id, event.comment_id)

    async def action_next_post(self, which: str) -> None:
        """Open the next unread post (or the next with new comments) after the cursor."""
        found = self.listing.next_post(which)
        if found is not None:
            await self.open_post(found)
            self.action_pane("thread" if which == "comments" else "reader")

    def action_mark_all_read(self) -> None:
        self.listing.mark_all_read()

    # -- the reader's links and history (see main_links.py) ------------------------------

    @on(Reader.Links)
    def _reader_links(self) -> None:
        self.links.pick()

    @on(Reader.History)
    async def _reader_history(self, event: Reader.History) -> None:
        await self.links.step(event.step)

    @on(Reader.LinkFollowed)
    async def _link_followed(self, event: Reader.LinkFollowed) -> None:
        await self.links.follow(event.href)

    # -- the thread's intents (see comment_actions.py) -----------------------------------

    @on(intents.Reply)
    def _reply(self, event: intents.Reply) -> None:
        if event.comment_id is None:
            self.comment_actions.no_comment(self.current_post)
        else:
            self.comment_actions.reply(event.comment_id, quote=event.quote)

    @on(intents.Edit)
    def _edit_reply(self, event: intents.Edit) -> None:
        self.comment_actions.edit(event.comment_id)

    @on(intents.Delete)
    def _delete_reply(self, event: intents.Delete) -> None:
        self.comment_actions.delete(event.comment_id)

    @on(intents.Moderate)
    def _moderate(self, event: intents.Moderate) -> None:
        self.comment_actions.moderate(event.comment_ids, event.action)

    @on(intents.Undo)
    def _undo(self) -> None:
        self.comment_actions.undo()

    # -- writing: the editor on the open post, or a new post from a template --------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e Edit` is offered once a post is open (there is nothing to edit before)."""
        return action != "edit_post" or self.current_post is not None

    def action_edit_post(self) -> None:
        if self.current_post is None:
            self.notify("open a post first (enter on the list)")
            return
        if self.comment_actions.writable():  # (refused before a word is typed)
            opening.open_editor(self.reel_app, self.current_post)

    def action_new_post(self) -> None:
        if self.comment_actions.writable():
            opening.pick_template(self.reel_app, self.new_from_template)

    def new_from_template(self, template: str | None) -> None:
        if template:
            opening.open_editor(self.reel_app, template=template)
