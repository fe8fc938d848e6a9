"""What the thread pane and the composer paint for a cursor key and a reply, counted (lines
rendered again, never timed): a cursor key renders none of the pane's own lines (its views
show the cursor), a reply's new count renders the pane's border rows only, and Ctrl+S freezes
the composer's text without rendering the text box again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import TextArea

from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.composer import ComposerScreen
from tests.ui.helpers import press, screen_text, settle
from tests.ui.test_background_saves import Gate
from tests.ui.test_thread_window import huge, opened

__all__ = ["huge"]  # (the fixture: a thread of 3,006 comments)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.open.set()


def lines_rendered(widget: Widget) -> list[int]:
    """The widget's own lines rendered again from now on (not taken from its cache)."""
    drawn: list[int] = []
    cache = widget._styles_cache
    real = cache.render_line

    def render_line(styles: Any, y: int, *args: Any, **kwargs: Any) -> Any:
        drawn.append(y)
        return real(styles, y, *args, **kwargs)

    cache.render_line = render_line  # type: ignore[method-assign]
    return drawn


async def test_a_cursor_key_renders_none_of_the_panes_own_lines(
    huge: tuple[ReelApp, str],
) -> None:
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        drawn = lines_rendered(thread)
        for key in "jjk":
            await press(pilot, key)
            await settle(pilot)
        assert thread.cursor == 1
        view = thread.view_at(1)
        assert view is not None and view.has_class("-cursor")
        assert drawn == []  # (the old pane: its 25 lines at each key)


async def test_a_reply_renders_the_panes_border_rows_only(huge: tuple[ReelApp, str]) -> None:
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        total = len(thread.entries)
        await press(pilot, "j", "r")
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press(*"Agreed.")
        await settle(pilot)
        drawn = lines_rendered(thread)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ComposerScreen)
        assert len(thread.entries) == total + 1
        assert f"Comments ({total + 1})" in screen_text(app)
        height = thread.outer_size.height
        assert height > 10 and set(drawn) <= {0, height - 1}  # (the old pane: every line)


async def test_ctrl_s_freezes_the_text_without_rendering_the_box_again(
    app: ReelApp, open_store: Blog, gate: Gate
) -> None:
    gate.open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c", "r")
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        await pilot.press(*"Thanks Marcy!")
        await settle(pilot)
        area = composer.query_one("#composer-text", TextArea)
        drawn = lines_rendered(area)
        gate.open.clear()  # the write held: the composer says it is saving
        await pilot.press("ctrl+s")
        await pilot.press(*"xyz", "enter", "backspace")  # (typed while it saves: not taken)
        for _ in range(5):
            await pilot.pause()
        assert app.screen is composer and "Saving…" in screen_text(app)
        assert area.read_only and area.text == "Thanks Marcy!"
        assert drawn == []  # (the old composer: every line of the box, restyled read-only)
        gate.open.set()
        await settle(pilot)
        assert not isinstance(app.screen, ComposerScreen)
