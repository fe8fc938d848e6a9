"""The main screen's header is Textual's without the blank widget that keeps the clock's place
(ui/widgets/header.py): one widget fewer to style, lay out and draw before the first frame, and
the same line on screen (the title centred where Textual's header centres it)."""

from __future__ import annotations

import pytest
from textual.widgets import Header

from reeltui.ui.app import ReelApp
from reeltui.ui.widgets.header import ReelHeader
from tests.ui.helpers import settle


def _top_line(app: ReelApp) -> list[tuple[str, str]]:
    """The screen's first line as drawn: each cell's character and the colours and attributes
    it is drawn with (not the mouse's offsets within each widget)."""
    strip = app.screen._compositor.render_strips()[0]
    return [
        (c, str(s.style.clear_meta_and_links() if s.style else "")) for s in strip for c in s.text
    ]


@pytest.mark.parametrize("width", [120, 80])
async def test_the_header_is_textual_s_line_with_one_widget_less(app: ReelApp, width: int) -> None:
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        header = app.screen.query_one(ReelHeader)
        assert [type(w).__name__ for w in header.children] == ["HeaderIcon", "HeaderTitle"]
        ours = _top_line(app)
        assert "reeltui" in "".join(text for text, _ in ours)  # the title is there
        # Textual's own header (with its clock's blank place) in its stead: the same line
        await header.remove()
        await app.screen.mount(Header(icon="●"), before=0)
        await settle(pilot)
        assert "HeaderClockSpace" in [type(w).__name__ for w in app.screen.walk_children()]
        assert _top_line(app) == ours
