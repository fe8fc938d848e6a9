"""The editor's focused field stands out (the new-user pass: Textual's compact fields told
it from the others by one shade of grey, 235 against 234, so the writer could not see where
their keys would go)."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget
from textual.widgets import Input, Select
from textual.widgets._select import SelectCurrent

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from tests.ui.helpers import press, settle


def _look(widget: Widget) -> tuple[tuple[int, int, int], bool]:
    """The field's background (RGB) and whether its words are bold."""
    style = widget.rich_style
    assert style.bgcolor is not None
    r, g, b = style.bgcolor.get_truecolor()
    return (r, g, b), bool(style.bold)


def _apart(one: tuple[int, int, int], other: tuple[int, int, int]) -> int:
    return sum(abs(a - b) for a, b in zip(one, other, strict=True))


async def test_the_focused_field_stands_out(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "enter", "e", "f2", "tab")  # the slug field
            await settle(pilot)
            slug = app.screen.query_one("#field-slug", Input)
            author = app.screen.query_one("#field-author", Input)
            assert app.screen.focused is slug
            focused, rest = _look(slug), _look(author)
            assert _apart(focused[0], rest[0]) >= 40, (focused, rest)  # not one shade
            assert focused[1] and not rest[1]
            await press(pilot, "tab", "tab")  # the status (a Select)
            await settle(pilot)
            status = app.screen.query_one("#field-status", Select)
            assert app.screen.focused is status
            shown = _look(status.query_one(SelectCurrent))
            assert _apart(shown[0], _look(slug)[0]) >= 40 and shown[1]
