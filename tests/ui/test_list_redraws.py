"""What a keystroke in the list's search redraws: only what changed.

Each letter typed in the list's search box draws the screen again; these keep that frame
small: no horizontal scroll bar under the list (it took a row's line, and was drawn again
each time the rows changed), the hint line and the pane's title redrawn only when what they
say changes (a hint line asking for a layout moved every pane at each letter).
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.query_box import QueryHint
from tests.ui.helpers import press, settle, wait_until


def count_refreshes(widget: Widget, calls: list[dict[str, Any]]) -> None:
    real = widget.refresh

    def refresh(*regions: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(*regions, **kwargs)

    widget.refresh = refresh  # type: ignore[method-assign]


def count_layouts(monkeypatch: Any) -> list[str]:
    """The layouts of a screen made from now on (the screens' names, in order)."""
    from textual.screen import Screen

    layouts: list[str] = []
    real = Screen._refresh_layout

    def counted(self: Screen[Any], *args: Any, **kwargs: Any) -> Any:
        layouts.append(type(self).__name__)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return layouts


async def test_the_post_list_never_shows_a_horizontal_scroll_bar(app: ReelApp) -> None:
    async with app.run_test(size=(120, 11)) as pilot:  # more rows than the list has lines
        await settle(pilot)
        post_list = app.screen.query_one(PostList)
        assert post_list.show_vertical_scrollbar
        assert not post_list.show_horizontal_scrollbar
        assert post_list.max_scroll_x == 0
        # every line of the list is a row's (none left to a scroll bar)
        assert post_list.scrollable_content_region.height == post_list.size.height
        await pilot.resize_terminal(90, 11)
        await settle(pilot)
        assert not post_list.show_horizontal_scrollbar


async def test_the_hint_line_is_drawn_again_only_when_it_says_something_else(
    app: ReelApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hint = app.screen.query_one(QueryHint)
        calls: list[dict[str, Any]] = []
        count_refreshes(hint, calls)
        hint.say("tab → tag:noir")
        assert calls and calls[-1].get("layout") is True  # the line appears: panes move
        await settle(pilot)
        calls.clear()
        hint.say("tab → tag:noir")
        assert calls == []  # said already
        hint.say("tab → tag:neon")
        assert calls and not any(c.get("layout") for c in calls)  # same line, new words


async def test_the_list_panes_title_is_set_only_when_it_changes(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane = screen.query_one("#list-pane")
        calls: list[dict[str, Any]] = []
        count_refreshes(pane, calls)
        screen.listing.show_status()
        assert calls == []  # the same counts: the pane is not drawn again
        await press(pilot, "slash", "z", "z", "q")
        await wait_until(pilot, lambda: pane.border_title == "Posts (0)", "no post found")
        assert calls  # a new title: drawn


async def test_a_letter_typed_in_the_search_lays_nothing_out(
    app: ReelApp, monkeypatch: Any
) -> None:
    """Each letter asked for a layout of the whole screen twice: the search box (Textual's
    Input sets its scrollable width to the text's, a reactive that lays the screen out) and
    the list (a new count, a new scrollable height). A box of a fixed width and a list whose
    scroll bar stays need none."""
    layouts = count_layouts(monkeypatch)
    async with app.run_test(size=(120, 8)) as pilot:  # the list's scroll bar shows
        await settle(pilot)
        post_list = app.screen.query_one(PostList)
        await press(pilot, "slash", "e")
        await settle(pilot)
        for letter in "ar":  # "ear": fewer posts each time, the scroll bar stays
            shown = len(post_list.items)
            layouts.clear()
            await press(pilot, letter)
            await settle(pilot)
            assert post_list.show_vertical_scrollbar
            assert layouts == [], (letter, shown, len(post_list.items))


async def test_the_hint_line_stays_while_the_search_is_typed(
    app: ReelApp, monkeypatch: Any
) -> None:
    """A letter starting a field name brought a completion under the box and the next one
    ended it (an error too): the hint line came or went, the list shrank or grew by a line,
    and the screen was laid out twice (the line, then the list's scroll bar resized: 30-70
    ms a letter at 50,000 posts). The line stays, blank when it has nothing to say, while
    the box is shown."""
    layouts = count_layouts(monkeypatch)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        hint = app.screen.query_one(QueryHint)
        post_list = app.screen.query_one(PostList)
        await press(pilot, "slash")
        assert hint.display  # (blank)
        height = post_list.size.height
        # " s": "tab → status:"; "c": no completion; a backspace: the completion again
        for key in ("e", "space", "s", "c", "backspace", "backspace", "backspace"):
            layouts.clear()
            await press(pilot, key)
            assert hint.display, key
            assert post_list.size.height == height, key
            assert layouts == [], (key, hint.text)
        await press(pilot, "escape")  # the box closes: its line goes with it
        assert not app.screen.query_one("#list-search").display
        assert not hint.display
