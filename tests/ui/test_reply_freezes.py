"""What a reply or a moderation costs the UI thread, counted (never timed): Ctrl+S under the
composer paints its status line and nothing else (a message handled by the covered main
screen made Textual paint the composer whole); no collector pass over the older generations
(full, or over what ten young passes kept) runs from the moment the save is asked for until
the screen has drawn the change, and they come back after (ui/collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual._compositor import Compositor

from reeltui.domain import memory
from reeltui.services import Blog
from reeltui.ui import collector
from reeltui.ui.app import ReelApp
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.widgets.thread import CommentView, Thread
from tests import storefiles
from tests.ui.helpers import press, screen_text, settle, wait_until
from tests.ui.test_background_saves import Gate
from tests.ui.test_thread_window import huge, opened

__all__ = ["huge"]  # (the fixture: a thread of 3,006 comments)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Holds the store's commits (the writes to disk) while closed."""
    held = Gate(monkeypatch)
    yield held
    held.open.set()


async def test_ctrl_s_paints_the_composer_status_alone(
    app: ReelApp, open_store: Blog, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole: list[str] = []  # screens painted whole (every line of the terminal composed again;
    # a screenshot too: `screen_text` is read after the count)
    real = Compositor.render_full_update

    def full(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        whole.append(type(app.screen).__name__)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_full_update", full)
    gate.open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        app.screen.query_one(Thread).select("c-her-4")
        await press(pilot, "r")
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        await pilot.press(*"Agreed, Tom.")
        await settle(pilot)
        whole.clear()
        gate.open.clear()  # the reply is made in memory and announced, then held
        await pilot.press("ctrl+s")
        her = open_store.comment("c-her-4").post_id
        made = lambda: any(c.body == "Agreed, Tom." for c in open_store.comments(her))  # noqa: E731
        await wait_until(pilot, made, "the reply made in memory")
        for _ in range(10):  # its announcements reach the app and its screens
            await pilot.pause()
        assert whole == []  # only the status line and the frozen text were painted
        assert app.screen is composer and "Saving…" in screen_text(app)
        gate.open.set()
        await settle(pilot)
        assert not isinstance(app.screen, ComposerScreen)
        assert "Agreed, Tom." in screen_text(app)


class Passes:
    """The collector set to run often (a pass every 100 allocations, a full one every few);
    each pass is recorded while `until()` does not hold yet."""

    def __init__(self) -> None:
        self.seen: list[int] = []
        self.until: Callable[[], bool] = lambda: True

    def record(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and not self.until():
            self.seen.append(info["generation"])

    def save_drawn(self, app: ReelApp, check: Callable[[], bool]) -> Callable[[], bool]:
        """From the moment the next save is asked for (the key's way to it is not counted)
        until `check()` holds (once it held, for good: a later repaint is another matter),
        or the app has no screen (it ended)."""
        queue = save_queue(app)
        asked = queue.asked
        held: list[bool] = []

        def until() -> bool:
            if held or not app.screen_stack or (queue.asked > asked and check()):
                held.append(True)
            return bool(held) or queue.asked == asked

        return until


@pytest.fixture
def passes() -> Iterator[Passes]:
    recorded = Passes()
    thresholds = gc.get_threshold()
    gc.set_threshold(100, 2, 2)
    gc.callbacks.append(recorded.record)
    yield recorded
    gc.callbacks.remove(recorded.record)
    gc.set_threshold(*thresholds)


def drawn(app: ReelApp, thread: Thread, shows: Callable[[CommentView], bool]) -> bool:
    """Is the main screen shown with a comment view laid out that `shows` the change, and
    nothing left for the screen to lay out or paint?"""
    screen = app.screen
    views = [v for v in thread.views if shows(v)] if screen is thread.screen else []
    pending = screen._layout_required or screen._repaint_required or screen._dirty_widgets
    return bool(views) and bool(views[0].region) and not pending


def deferring() -> bool:
    """Are the older generations' passes deferred (their thresholds out of reach)?"""
    return gc.get_threshold()[1:] == (memory.NEVER, memory.NEVER)


async def test_no_full_collector_pass_while_a_save_is_made_and_drawn(
    huge: tuple[ReelApp, str],
    open_store: Blog,
    gate: Gate,
    passes: Passes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "AFTER_REPORT", 4.0)  # (a slow test machine's redraw)
    app, post_id = huge
    gate.open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        thread.select("c-many-2001")
        await settle(pilot)
        spam = lambda v: v.comment.id == "c-many-2001" and v.comment.status == "spam"  # noqa: E731
        passes.until = passes.save_drawn(app, lambda: drawn(app, thread, spam))
        gate.threads.clear()
        gate.open.clear()
        await pilot.press("s")  # a moderation, held before the disk:
        await wait_until(pilot, lambda: gate.threads, "the write under way")
        assert deferring()  # full passes wait while it is written...
        gate.open.set()
        await settle(pilot)
        assert storefiles.comments(open_store.path)["c-many-2001"]["status"] == "spam"
        await wait_until(pilot, lambda: not deferring(), "full passes back")  # ...and drawn
        assert 2 not in passes.seen and 1 not in passes.seen  # (the youngest ones may run)
        await press(pilot, "r")
        assert isinstance(app.screen, ComposerScreen)
        app.screen.query_one("TextArea").insert("A reply deep in the thread")
        await settle(pilot)
        reply = lambda v: v.comment.body == "A reply deep in the thread"  # noqa: E731
        passes.until = passes.save_drawn(app, lambda: drawn(app, thread, reply))
        await press(pilot, "ctrl+s")  # the composer closes, the reply's view is mounted
        await settle(pilot)
        await wait_until(pilot, lambda: not deferring(), "full passes back")
        assert "A reply deep in the thread" in screen_text(app)
        assert 2 not in passes.seen and 1 not in passes.seen
        passes.until = lambda: False
        for _ in range(3):  # other keys: full passes as before
            await press(pilot, "j", "k", "G", "g")
        assert 2 in passes.seen and 1 in passes.seen
        passes.until = lambda: True
