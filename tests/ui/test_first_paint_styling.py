"""What the first frame styles: each node of the main screen once as it is mounted, the list
pane once more when the list takes the focus, nothing else. Counted, never timed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from reeltui.ui.app import ReelApp
from tests.ui.helpers import press, settle, wait_until
from tests.ui.test_first_paint import _at_first_rows


def _until_first_rows(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Not empty once the list first draws rows."""
    return _at_first_rows(monkeypatch, lambda post_list: [])


async def test_the_first_screen_gives_the_focus_once(
    app: ReelApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first rows are drawn the focus goes to the post list, and only there: each
    move restyles the list pane (its :focus-within border). Textual's auto-focus gave it
    to the first focusable widget, the hidden search box, then the screen moved it to the
    list: twice the styling, and a Focus and a Blur for the box."""
    drawn = _until_first_rows(monkeypatch)
    focused: list[str] = []
    set_focus = Screen.set_focus

    def recorded(screen: Screen[object], widget: Widget | None, *args: object) -> None:
        if not drawn and widget is not None and widget is not screen.focused:
            focused.append(widget.id or type(widget).__name__)
        set_focus(screen, widget, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "set_focus", recorded)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(drawn), "rows drawn")
        await settle(pilot)
        main = app.main_screen
        assert main is not None and main.focused is main.post_list
        await press(pilot, "slash")  # the search box still takes the focus when asked
        assert main.focused is not None and main.focused.id == "list-search"
    assert focused == ["post-list"]


async def test_the_first_screen_styles_each_node_once_outside_the_focused_pane(
    app: ReelApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each node outside the list pane is styled once before the first frame, as it is
    mounted. Textual styled the whole screen again when it was first shown (a screen
    resumed), a moment after it had styled every node it mounted."""
    drawn = _until_first_rows(monkeypatch)
    styled: Counter[int] = Counter()
    apply = Stylesheet.apply

    def recorded(sheet: Stylesheet, node: DOMNode, *args: object, **kwargs: object) -> None:
        if not drawn:
            styled[id(node)] += 1
        apply(sheet, node, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", recorded)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(drawn), "rows drawn")
        await settle(pilot)
        main = app.main_screen
        assert main is not None
        pane = main.query_one("#list-pane")
        outside = [w for w in main.walk_children(with_self=True) if not _within(w, [pane])]
    first = [w for w in outside if styled[id(w)]]  # (the footer's keys come after the frame)
    again = {f"{type(w).__name__}#{w.id}": styled[id(w)] for w in first if styled[id(w)] > 1}
    assert len(first) > 10 and not again


def _within(widget: DOMNode, ancestors: Iterable[DOMNode]) -> bool:
    return any(a in widget.ancestors_with_self for a in ancestors)
