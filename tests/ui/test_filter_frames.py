"""What the frame of a filter keystroke draws when the list's answer changes.

A short word's answer at 50,000 posts (49,852 posts hold "har") leaves the rows on screen as
they were, the scroll bar's thumb where it was, and changes the count in the pane's title:
the frame drew every row again, the bar's 31 lines and the whole pane (the title's change
drew all of it): 10-20 ms of CPU a key. Now only what the user sees change is drawn again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from benchmarks.generate import write_archive
from textual.widget import Widget

from reeltui.services.reads import Marks, mark_read
from reeltui.services.session import open_blog
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.screens.main_list import Listing
from reeltui.ui.widgets.post_list import Items, PostList
from tests.ui.helpers import app_ready, press, settle, wait_until

POSTS = 120


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("frames") / "store"
    write_archive(path, POSTS)
    with open_blog(path) as blog:
        blog.search_index().prepare()
    return path


def count_refreshes(widget: Widget) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    real = widget.refresh

    def refresh(*regions: Any, **kwargs: Any) -> Any:
        calls.append(regions)
        return real(*regions, **kwargs)

    widget.refresh = refresh  # type: ignore[method-assign]
    return calls


def count_lines_drawn(widget: Widget) -> list[int]:
    """The content lines of `widget` rendered from now on (a line kept from the frame
    before is not rendered again)."""
    lines: list[int] = []
    real = widget.render_line

    def render_line(y: int) -> Any:
        lines.append(y)
        return real(y)

    widget.render_line = render_line  # type: ignore[method-assign]
    return lines


async def test_an_answer_keeping_the_rows_on_screen_draws_no_row_nor_the_scroll_bar(
    archive: Path,
) -> None:
    async with app_ready(archive) as (pilot, main, _):
        post_list = main.query_one(PostList)
        await settle(pilot)
        items = post_list.items
        assert isinstance(items, Items)
        on_screen = post_list.size.height // 2 + 1
        assert len(items) > on_screen * 2  # the last rows are off screen
        assert post_list.show_vertical_scrollbar
        bar = post_list.vertical_scrollbar
        list_refreshes, bar_refreshes = count_refreshes(post_list), count_refreshes(bar)
        lines = count_lines_drawn(post_list)
        # the answer to a word most posts hold: the last post (off screen) left out
        post_list.set_items(Items(items.rows[:-1], Marks(main.blog)))
        await settle(pilot)
        assert len(post_list.items) == len(items) - 1
        assert bar.window_virtual_size == (len(items) - 1) * 2  # (its figures are set)
        assert (list_refreshes, bar_refreshes, lines) == ([], [], [])
        assert post_list.cursor == 0
        # one row on screen left out: the rows are drawn again
        post_list.set_items(Items(items.rows[1:-1], Marks(main.blog)))
        await settle(pilot)
        assert list_refreshes
        assert len(lines) >= post_list.size.height
        assert post_list.current_id == items.rows[1].post.id


async def test_a_row_on_screen_whose_mark_changed_is_drawn_again(archive: Path) -> None:
    async with app_ready(archive) as (pilot, main, _):
        post_list = main.query_one(PostList)
        await settle(pilot)
        items = post_list.items
        assert isinstance(items, Items)
        assert items[0].mark.unread
        mark_read(main.blog, items[0].row.post.id)  # (as another view of the post would)
        lines = count_lines_drawn(post_list)
        post_list.set_items(Items(items.rows[:-1], Marks(main.blog)))
        await settle(pilot)
        assert post_list.items[0].mark != items[0].mark
        assert 0 in lines  # the first row's title line (its unread dot) drawn again


async def test_a_new_count_draws_the_panes_title_line_only(archive: Path) -> None:
    async with app_ready(archive) as (pilot, main, _):
        assert isinstance(main, MainScreen)
        pane = main.query_one("#list-pane")
        await press(pilot, "slash")
        await settle(pilot)
        before = pane.border_title
        lines = count_lines_drawn(pane)
        refreshes = count_refreshes(pane)
        await press(pilot, "z", "z", "q")
        await wait_until(pilot, lambda: pane.border_title == "Posts (0)", "no post found")
        await settle(pilot)
        assert before != pane.border_title
        assert lines == []  # none of the pane's own lines (its border's line only)
        assert refreshes and all(len(r) == 1 and r[0].height == 1 for r in refreshes)
        assert main.query_one(PostList).empty_text == "No posts match."


class Watched(list[Any]):
    """A list of rows that counts the walks through it made on the UI thread."""

    walks: ClassVar[list[str]] = []

    def __iter__(self) -> Iterator[Any]:
        if threading.current_thread() is threading.main_thread():
            Watched.walks.append("walked")
        return super().__iter__()


async def test_the_cursors_post_is_looked_for_in_the_worker_not_on_the_ui_thread(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search's new answer without the post under the cursor was walked row by row on the
    UI thread to find it (6-9 ms of such a keystroke at 50,000 posts)."""
    real = Listing._items

    def items(self: Listing, rows: list[Any], first: bool = False) -> Items:
        made = real(self, rows, first)
        made.rows = Watched(made.rows)
        return made

    monkeypatch.setattr(Listing, "_items", items)
    async with app_ready(archive) as (pilot, main, _):
        post_list = main.query_one(PostList)
        await settle(pilot)
        first = post_list.items[0].row.post
        # a word of another post's title that the first post's text lacks: its answer
        # leaves the post under the cursor out
        word = next(
            w
            for item in post_list.items[1:]
            for w in item.row.post.title.lower().split()
            if len(w) > 3
            and w.isalpha()
            and w not in main.blog.post(first.id).body.lower()
            and w not in first.title.lower()
        )
        Watched.walks.clear()
        await press(pilot, "slash", *word)
        await wait_until(
            pilot,
            lambda: main.listing.search == word and not main.listing.partial,
            "the answer",
        )
        await settle(pilot)
        walked = list(Watched.walks)
        assert len(post_list.items) > 0
        assert all(row.post.id != first.id for row in list.copy(post_list.items.rows))  # type: ignore[union-attr]
        assert post_list.cursor == 0
        assert walked == []
