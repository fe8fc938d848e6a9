"""What the post list is asked from the keyboard: the search as you type, the sort, the
order, the filters and the "my drafts" view. Part of the main screen's `Listing`
(main_list.py), which loads the rows each of these asks for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from reeltui.domain.vocab import SORT_KEYS, SortKey
from reeltui.ui.collector import Typing
from reeltui.ui.held_paint import PaintHold
from reeltui.ui.widgets.reader import Reader

if TYPE_CHECKING:
    from reeltui.services import Blog
    from reeltui.ui.screens.main import MainScreen

FILTER_KINDS = ("category", "tag", "status", "author")


class ListAsking:
    screen: MainScreen
    blog: Blog
    sort: SortKey
    reversed: bool
    search: str
    filters: dict[str, str]
    my_drafts: bool
    _hold: PaintHold | None
    _typing: Typing | None

    def load(self, keep: str | None = None, asked: bool = False) -> None:
        raise NotImplementedError  # (Listing's)

    @property
    def hold(self) -> PaintHold:
        if self._hold is None:
            self._hold = PaintHold(self.screen.app)
        return self._hold

    @property
    def typing(self) -> Typing:
        if self._typing is None:
            self._typing = Typing(self.screen.app)
        return self._typing

    def typed(self, text: str) -> None:
        """The search box's text changed, in the key's own handling: its answer is looked
        for at once (the box's Changed message reached the screen 2-10 ms later, through
        every container's queue), and the letter is drawn with it if it comes within HOLD
        (ui/held_paint.py)."""
        if text.strip() != self.search:
            self.typing.key()  # no full collector pass inside the keys (ui/collector.py)
            self.hold.start()
            self.searched(text)

    def for_posts(self, binding_id: str, does: str) -> bool:
        """May the post list's order or filters change now? Not while the pane shows the
        comments a search found (`C`): their order is their own (newest first), and a toast
        said "sorted by rating" of a list nobody saw. Then one line says where it applies."""
        searching = self.screen.searching
        if not (searching.mounted and searching.hits.display):
            return True
        app = self.screen.reel_app
        key, back = app.key_of(binding_id), app.key_of("main.results")
        self.screen.notify(f"{key} {does} the post list: {back} shows it", timeout=4)
        return False

    def cycle_sort(self) -> None:
        if not self.for_posts("list.sort", "sorts"):
            return
        self.sort = SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)]
        self.screen.reel_app.remember(sort=self.sort)
        self.screen.notify(f"sorted by {self.sort}", timeout=2)
        self.load(asked=True)

    def reverse(self) -> None:
        if not self.for_posts("list.reverse", "reverses"):
            return
        self.reversed = not self.reversed
        self.screen.notify("order reversed" if self.reversed else "usual order", timeout=2)
        self.load(asked=True)

    def toggle_my_drafts(self) -> None:
        """Show the writer's posts, drafts first (again: every post)."""
        if not self.for_posts("main.my_drafts", "puts your drafts first in"):
            return
        self.my_drafts = not self.my_drafts
        self.screen.notify("my drafts first" if self.my_drafts else "all posts", timeout=2)
        self.load(asked=True)

    def ask_filters(self) -> None:
        if not self.for_posts("list.filters", "filters"):
            return
        from reeltui.ui.screens.dialogs import PickScreen, filter_choices  # (not at start)

        view = ("view:my-drafts", "My drafts (your posts, drafts first)")
        choices = [view, *filter_choices(self.blog.posts(), FILTER_KINDS)]
        self.screen.app.push_screen(PickScreen("Filter posts by", choices), self._filter_chosen)

    def _filter_chosen(self, choice: str | None) -> None:
        if not choice:
            return
        kind, _, value = choice.partition(":")
        if kind == "view":
            self.toggle_my_drafts()
            return
        if kind == "clear":
            self.clear_filters()
            return
        self.filters[kind] = value
        self.load(asked=True)

    def clear_filters(self) -> None:
        """Every post again: no filter, no view, no search in the list or in the open post."""
        self.filters.clear()
        self.my_drafts = False
        self.screen.query_one(Reader).clear_search()
        self.clear_search()

    def searched(self, text: str) -> None:
        search = text.strip()
        if search == self.search:  # a space typed, the box emptied by `clear_search`: the
            return  # same query, its rows shown or coming (a second load cost a key's time)
        self.search = search
        self.load(asked=True)

    def clear_search(self) -> None:
        box = self.screen.query_one("#list-search", Input)
        self.search = ""  # (before the box is emptied: `typed` has nothing to look for)
        box.value = ""
        box.remove_class("-visible")
        self.hold.start()
        self.load(asked=True)
