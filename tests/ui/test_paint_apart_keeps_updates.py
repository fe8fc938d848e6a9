"""The main screen paints a layout of the thread's views a loop step after the layout
(ui/scroll_paint.py). A widget whose update reached the screen in that step (the status
line's count after a reply) was dropped from the screen's list of widgets to draw without its
lines being handed to the compositor: the terminal kept "0 queued replies" after a reply
until something else drew the line (seen in tmux, about one reply in two)."""

from __future__ import annotations

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.status import StatusLine
from tests.ui.helpers import burst, settle


async def test_a_widget_drawn_before_the_put_off_paint_is_painted(app: ReelApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await burst(pilot, "<enter>", "c")  # a post open, its thread shown
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        status = screen.query_one(StatusLine)
        status.refresh()  # its lines to draw again...
        screen._dirty_widgets.add(status)  # ...as its Update message tells the screen
        screen._paint_apart()  # the put-off paint runs before the screen's update timer
        pending = status in screen._dirty_widgets
        handed = not status._repaint_regions  # its regions are the compositor's
        assert pending or handed, "the status line's update was dropped unpainted"
