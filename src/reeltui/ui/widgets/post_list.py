"""The post list: a virtualised two-line-per-post list (only visible lines are ever rendered).

OptionList and DataTable both measure every row up front (7.5 s and 3.3 s for 10,000 posts on
the dev machine); this Line API widget keeps the rows it is given (the Blog's own row objects,
built once: no per-row work when the list is filtered) and renders the ones on screen; a
row's read mark is looked up when the row is drawn.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import sanitize_line
from reeltui.services import PostRow
from reeltui.services.reads import ReadMark, ReadMarks
from reeltui.ui.widgets.badges import author_label, status_style

ROW_HEIGHT = 2
STRIPS = 2000  # lines kept drawn


class PostList(ScrollView, can_focus=True):
    """Posts, two lines each: marker and title; date, author, status, reels, comments."""

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
        Binding("slash", "search", "Filter", id="list.search"),
        Binding("s", "ask('sort')", "Sort", id="list.sort"),
        Binding("f", "ask('filters')", "Filters", id="list.filters"),
        Binding("F", "ask('clear')", "Clear filters", show=False, id="list.clear_filters"),
        Binding("u", "ask('toggle_read')", "Read/unread", show=False, id="list.toggle_read"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        """The user opened a post (enter, l, click)."""

        def __init__(self, post_id: str) -> None:
            super().__init__()
            self.post_id = post_id

    class Asked(Message):
        """A key asking the screen for something: search, sort, filters, clear, toggle_read."""

        def __init__(self, what: str, post_id: str | None) -> None:
            super().__init__()
            self.what = what
            self.post_id = post_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[PostRow] = []
        self.marks = ReadMarks({})
        # Lines already drawn, by what they show (a row's summary object changes when its
        # post is saved): filtering redraws rows seen a moment ago without building them.
        self._strips: dict[tuple[object, ...], Strip] = {}
        self.empty_text = "No posts."
        self.search_box: Widget | None = None  # set by the screen: focused at once on `/`

    # -- data ----------------------------------------------------------------------------

    def set_rows(self, rows: list[PostRow], keep: str | None = None) -> None:
        """Show `rows`; keep the cursor on post `keep` (or the current one) when present."""
        keep = keep or self.current_id
        self.rows = rows
        self.virtual_size = Size(self.size.width, max(1, len(rows)) * ROW_HEIGHT)
        index = next((i for i, row in enumerate(rows) if row.post.id == keep), 0)
        self.cursor = min(index, max(0, len(rows) - 1))
        self.refresh()

    def mark_of(self, row: PostRow) -> ReadMark:
        return self.marks.mark(row.post.id, row.comment_count)

    def update_mark(self, post_id: str, unread: bool, comments: int = 0) -> None:
        """The post was read (or marked unread): redraw its row if it is shown."""
        self.marks.set(post_id, None if unread else comments)
        self.refresh()

    @property
    def current_id(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].post.id
        return None

    # -- cursor --------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(new * ROW_HEIGHT, ROW_HEIGHT)
        self.scroll_to_region(
            Region(0, new * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, force=True, immediate=True
        )

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

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

    def action_ask(self, what: str) -> None:
        self.post_message(self.Asked(what, self.current_id))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ROW_HEIGHT
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, max(1, len(self.rows)) * ROW_HEIGHT)

    # -- rendering -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_offset.y)
        index, part = divmod(line, ROW_HEIGHT)
        base = self.rich_style
        if not self.rows:
            text = Text(self.empty_text if line == 0 else "", style=base)
            return self._strip(text, width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        mark = self.mark_of(row)
        key = (row.post, part, width, index == self.cursor, self.has_focus, mark, base)
        found = self._strips.get(key)
        if found is not None:
            return found
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("post-list--cursor")
        text = self._title_line(row, mark) if part == 0 else self._meta_line(row, mark)
        found = self._strips[key] = self._strip(text, width, style)
        if len(self._strips) > STRIPS:  # a few screens' worth: drop the oldest
            for old in list(self._strips)[: STRIPS // 2]:
                del self._strips[old]
        return found

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, style)

    def _fg(self, name: str) -> Style:
        """A component's colour and text style, without its background."""
        style = self.get_component_rich_style(name)
        return Style(color=style.color, bold=style.bold, italic=style.italic)

    def _title_line(self, row: PostRow, mark: ReadMark) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if mark.unread:
            text.append(" ● ", self._fg("post-list--unread"))
        else:
            text.append("   ")
        text.append(sanitize_line(row.post.title) or "(untitled)", Style(bold=True))
        return text

    def _meta_line(self, row: PostRow, mark: ReadMark) -> Text:
        post = row.post
        meta = self._fg("post-list--meta")
        text = Text("   ", no_wrap=True, overflow="ellipsis")
        text.append(post.date[:10] or "no date", meta)
        reels = format_reels(post.rating)
        if reels:
            text.append(f"  {reels}")
        count = row.comment_count
        text.append(f"  {count} comment{'' if count == 1 else 's'}", meta)
        if mark.new_comments:
            text.append(f" +{mark.new_comments} new", self._fg("post-list--new"))
        text.append("  ")
        text.append(author_label(post), meta)
        text.append("  ")
        text.append(f"[{post.status}]", status_style(post.status))
        return text
