"""The post list: a virtualised two-line-per-post list (only visible lines are ever rendered).

OptionList and DataTable both measure every row up front (7.5 s and 3.3 s for 10,000 posts on
the dev machine); this Line API widget stores the rows (the Blog's own row objects, built
once) and renders the ones on screen, keeping the lines it drew: filtering redraws rows seen a
moment ago without building them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reeltui.domain.listing import PostSummary
from reeltui.services.reads import ReadMark
from reeltui.ui.scroll_paint import SteadyScrollView
from reeltui.ui.widgets.list_bar import quiet_update
from reeltui.ui.widgets.list_items import Items, ListItem, post_ids, same_rows, same_screen
from reeltui.ui.widgets.row_lines import foreground, meta_line, strip_of, title_line

__all__ = ["ROW_HEIGHT", "STRIPS", "Items", "ListItem", "PostList", "post_ids"]

ROW_HEIGHT = 2
STRIPS = 2000  # lines kept drawn


class PostList(SteadyScrollView, can_focus=True):
    """Posts, two lines each: marker and title; date, author, status, reels, comments."""

    ALLOW_MAXIMIZE = True  # zoom (app.zoom) fills the screen with this pane

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "post-list--cursor",
        "post-list--unread",
        "post-list--meta",
        "post-list--new",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("g,home", "jump(0)", "First", show=False, id="list.first"),
        Binding("G,end", "jump(-1)", "Last", show=False, id="list.last"),
        Binding("ctrl+d,pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("ctrl+u,pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("enter,l,right", "open", "Open", key_display="enter", id="list.open"),
        Binding("slash", "search", "Search", id="list.search"),
        Binding("s", "ask('sort')", "Sort", id="list.sort"),
        Binding("r", "ask('reverse')", "Reverse order", show=False, id="list.reverse"),
        Binding("f", "ask('filters')", "Filters", id="list.filters"),
        Binding("u", "ask('toggle_read')", "Read/unread", show=False, id="list.toggle_read"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        """The user opened a post (enter, l, click)."""

        def __init__(self, post_id: str) -> None:
            super().__init__()
            self.post_id = post_id

    class Asked(Message):
        """A key asking the screen for something about the list (one subclass per intent);
        `post_id`: the post under the cursor."""

        def __init__(self, post_id: str | None) -> None:
            super().__init__()
            self.post_id = post_id

    class Sort(Asked):
        """Sort by the next key (date, rating, comments, title)."""

    class Reverse(Asked):
        """Reverse the order."""

    class Filters(Asked):
        """Choose a filter (category, tag, status, author)."""

    class ToggleRead(Asked):
        """Mark the post under the cursor read, or unread."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[ListItem] | Items = []
        self._positions: dict[str, int] | None = None  # post id -> row (`position`)
        # Lines already drawn, by what they show (a row's summary object changes when its
        # post is saved): filtering redraws rows seen a moment ago without building them.
        self._strips: dict[tuple[object, ...], Strip] = {}
        # The summary each row was last drawn with, by row (`set_items`: the same rows may
        # hold new summaries, a post saved since).
        self._drawn: dict[int, object] = {}
        self._empty_text = "No posts."
        self._frame: tuple[Style, int] | None = None  # (style, width) while a frame is drawn
        self.search_box: Widget | None = None  # set by the screen: focused at once on `/`

    # -- data ----------------------------------------------------------------------------

    @property
    def empty_text(self) -> str:
        """What the list says when it has no rows."""
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            if not self.items:  # (shown only then: rows drawn again for nothing otherwise)
                self.refresh()

    def set_items(self, items: list[ListItem] | Items, keep: str | None = None) -> None:
        """Show `items`; keep the cursor on post `keep` (or the current one) when present."""
        keep = keep or self.current_id
        same = same_rows(self.items, items) and keep == self.current_id
        shown = None if same else self.items_on_screen
        self.items = items
        self._positions = None  # made again when first asked (`position`)
        if same:  # (a letter most posts hold, a longer word in the same posts: nothing on
            # screen changes; drawing every row again was most of such a frame) — unless a
            # row on screen holds a summary it was not drawn with (a post saved meanwhile)
            if isinstance(items, Items) and self._stale_on_screen(items):
                self.refresh()
            return
        self._fit(refresh=False)
        cursor = min(self._index_of(items, keep) or 0, max(0, len(items) - 1))
        if cursor == self.cursor and shown is not None and self._screen_unchanged(shown):
            return  # (a short word's answer: the rows on screen are the same ones)
        self._drawn.clear()
        self.cursor = cursor
        self.refresh()

    @staticmethod
    def _index_of(items: list[ListItem] | Items, post_id: str | None) -> int | None:
        if post_id is None:
            return None
        if isinstance(items, Items):
            return items.index_of(post_id)  # (found by the rows worker: Items.locate)
        return next((i for i, pid in enumerate(post_ids(items)) if pid == post_id), None)

    @property
    def items_on_screen(self) -> tuple[int, list[ListItem]]:
        """The first row on screen and the items of the rows on screen."""
        first = int(self.scroll_offset.y) // ROW_HEIGHT
        return first, list(self.items[first : first + self.size.height // ROW_HEIGHT + 1])

    def _screen_unchanged(self, shown: tuple[int, list[ListItem]]) -> bool:
        """Do the rows on screen show what `shown` (`items_on_screen` before the list
        changed) showed (list_items.same_screen)?"""
        return isinstance(self.items, Items) and same_screen(
            shown, self.items_on_screen, self._drawn
        )

    def _stale_on_screen(self, items: Items) -> bool:
        """Does a row on screen hold another summary than the one it was drawn with?"""
        first = int(self.scroll_offset.y) // ROW_HEIGHT
        last = min(len(items.rows), first + self.size.height // ROW_HEIGHT + 2)
        drawn, rows = self._drawn, items.rows
        return any(rows[i].post is not drawn.get(i, rows[i].post) for i in range(first, last))

    def position(self, post_id: str) -> int | None:
        """Where the row of `post_id` is (None: not in the list); looked up in a map made
        once per list shown (a search through 50,000 rows took a frame)."""
        if self._positions is None:
            self._positions = {pid: i for i, pid in enumerate(post_ids(self.items))}
        return self._positions.get(post_id)

    def update_mark(self, post_id: str, mark: ReadMark) -> None:
        i = self.position(post_id)
        if i is not None:
            self.items[i] = ListItem(self.items[i].row, mark)
            self.refresh_lines(i * ROW_HEIGHT, ROW_HEIGHT)

    @property
    def current_id(self) -> str | None:
        if 0 <= self.cursor < len(self.items):
            return self.items[self.cursor].row.post.id
        return None

    # -- cursor --------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.items) - 1)) if self.items else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(new * ROW_HEIGHT, ROW_HEIGHT)
        # A list an odd number of lines high scrolled down to the cursor's row by an odd
        # number of lines: a date line alone on top. The line under the row is shown too.
        tall = ROW_HEIGHT + self.scrollable_content_region.height % ROW_HEIGHT
        self.scroll_to_region(
            Region(0, new * ROW_HEIGHT, 1, tall), animate=False, force=True, immediate=True
        )

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.items) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def action_search(self) -> None:
        # Focus synchronously so keys typed right after `/` land in the box, not the list.
        if self.search_box is not None:
            self.search_box.add_class("-visible")
            self.screen.set_focus(self.search_box)

    def action_ask(self, intent: str) -> None:
        asked = {
            "sort": self.Sort,
            "reverse": self.Reverse,
            "filters": self.Filters,
            "toggle_read": self.ToggleRead,
        }[intent]
        self.post_message(asked(self.current_id))

    def next_after_cursor(self, wanted: Callable[[ListItem], bool]) -> str | None:
        """The first post after the cursor (then from the top) that is `wanted`."""
        count = len(self.items)
        for step in range(1, count + 1):
            item = self.items[(self.cursor + step) % count]
            if wanted(item):
                return item.row.post.id
        return None

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ROW_HEIGHT
        if 0 <= index < len(self.items):
            self.cursor = index
            self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self, refresh: bool = True) -> None:
        """The rows' height; no width of their own (rows are cut to the list's width), so
        never a horizontal scroll bar (one took a row's line and was drawn again at every
        keystroke, the vertical bar leaving the rows two columns less than the list)."""
        size = Size(0, max(1, len(self.items)) * ROW_HEIGHT)
        shown = self.container_size.height
        if shown and (size.height > shown) == (self.virtual_size.height > shown):
            # The scroll bar stays (or stays away): its thumb is set here, no layout of the
            # whole screen (a new height asked for one at every keystroke of a search).
            self.set_reactive(Widget.virtual_size, size)
            if not quiet_update(self, size):  # (the bar drawn again only if its thumb moved)
                self._scroll_update(size)
            if refresh:
                self.refresh()
        else:
            self.virtual_size = size

    # -- rendering -----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style and width once per frame, not once per line (rich_style walks
        # the ancestors each time: most of a frame's cost when the rows were drawn before).
        self._frame = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        base, width = self._frame or (self.rich_style, self.scrollable_content_region.width)
        line = y + int(self.scroll_offset.y)
        index, part = divmod(line, ROW_HEIGHT)
        if not self.items:
            text = Text(self.empty_text if line == 0 else "", style=base)
            return self._strip(text, width, base)
        if index >= len(self.items):
            return Strip.blank(width, base)
        item = self.items[index]
        post = item.row.post  # a summary: one object per saved state (a whole Post: no key)
        if len(self._drawn) > STRIPS:  # rows scrolled past: forgotten
            first = int(self.scroll_offset.y) // ROW_HEIGHT
            self._drawn = {i: p for i, p in self._drawn.items() if 0 <= i - first < STRIPS // 4}
        self._drawn[index] = post
        key = (post, part, width, index == self.cursor, self.has_focus, item.mark, base)
        found = self._strips.get(key) if isinstance(post, PostSummary) else None
        if found is not None:
            return found
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("post-list--cursor")
        text = self._title_line(item) if part == 0 else self._meta_line(item)
        found = self._strip(text, width, style)
        if isinstance(post, PostSummary):
            self._strips[key] = found
        if len(self._strips) > STRIPS:  # a few screens' worth: drop the oldest
            for old in list(self._strips)[: STRIPS // 2]:
                del self._strips[old]
        return found

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        return strip_of(text, width, style, self.app.console)

    def _fg(self, name: str) -> Style:
        """A component's colour and text style, without its background."""
        return foreground(self.get_component_rich_style(name))

    def _title_line(self, item: ListItem) -> Text:
        return title_line(item, self._fg)

    def _meta_line(self, item: ListItem) -> Text:
        return meta_line(item, self._fg)
