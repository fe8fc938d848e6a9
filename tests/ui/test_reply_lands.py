"""What a reply costs the screen it lands on, counted (never timed): the main screen is laid
out once, for the reply's view: no new scroll height asks for another layout (Textual laid
it out again for each: the thread's, the new comment view's), nor does the composer's
removal (a whole layout and repaint of the screen beneath); the thread is not ordered again
to find the reply's place (12 ms for 5,000 comments), and no comment view but the reply's
is made; a reply landing near the window's edge moves the window a step a frame
(ui/screens/main_thread.py, ui/widgets/thread_window.py, ui/screens/composer.py)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget

from reeltui.domain import models
from reeltui.domain.identity import Identity
from reeltui.services import Blog, blog_index
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.widgets.thread import Thread
from reeltui.ui.widgets.thread_window import MARGIN, STEP, WINDOW, ThreadWindow
from tests.ui.helpers import press, screen_text, settle, wait_until
from tests.ui.test_thread_window import huge, opened

__all__ = ["huge"]  # (the fixture: a thread of 3,006 comments)


class Counts:
    """Whole layouts of the main screen (a scroll only places what is visible), the
    widgets whose new size asked for another layout once laid out (Textual's reactive
    `virtual_size`: a second layout of the screen, or the first one when the requests
    came close enough together), the screens asked for a whole layout and repaint (the
    composer's removal asked the screen beneath: in the reply's frame, or a second layout
    when it came after it), the thread's orderings, the comment views made, from `reset()`
    on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.layouts: list[str] = []
        self.asked: list[str] = []
        self.whole: list[str] = []
        self.orders = 0
        self.views = 0
        layout, order, make = Screen._refresh_layout, models.thread_order, ThreadWindow.make_view
        sized = Widget._size_updated

        def counted_size(widget: Widget, *args: Any, **kwargs: Any) -> bool:
            before = widget._layout_required
            changed = sized(widget, *args, **kwargs)
            if widget._layout_required and not before:
                self.asked.append(type(widget).__name__)
            return changed

        def counted_layout(screen: Screen[object], size: Any = None, scroll: bool = False) -> None:
            if not scroll:
                self.layouts.append(type(screen).__name__)
            layout(screen, size, scroll)

        def counted_order(comments: list[models.Comment]) -> Any:
            self.orders += 1
            return order(comments)

        def counted_view(thread: ThreadWindow, index: int) -> Any:
            self.views += 1
            return make(thread, index)

        whole = Screen.refresh

        def counted_whole(screen: Screen[object], *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("layout") and not args:  # the whole screen laid out and repainted
                self.whole.append(type(screen).__name__)
            return whole(screen, *args, **kwargs)

        monkeypatch.setattr(Screen, "refresh", counted_whole)
        monkeypatch.setattr(Widget, "_size_updated", counted_size)
        monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
        monkeypatch.setattr("reeltui.services.blog_comments.thread_order", counted_order)
        monkeypatch.setattr(ThreadWindow, "make_view", counted_view)

    def reset(self) -> None:
        self.layouts.clear()
        self.asked.clear()
        self.whole.clear()
        self.orders = self.views = 0


async def reply(app: ReelApp, pilot: Any, to: str, words: str) -> None:
    """Answer `to` in the composer; the counts start at Ctrl+S."""
    app.screen.query_one(Thread).select(to)
    await press(pilot, "r")
    assert isinstance(app.screen, ComposerScreen)
    app.screen.query_one("TextArea").insert(words)
    await settle(pilot)


async def test_a_reply_lands_with_one_layout_and_no_ordering_of_the_thread(
    huge: tuple[ReelApp, str], open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, post_id = huge
    counts = Counts(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        for n, to in enumerate(["c-many-1500", "c-many-1502", "c-many-0003"]):
            await reply(app, pilot, to, f"Reply number {n}")
            counts.reset()
            await press(pilot, "ctrl+s")
            assert not isinstance(app.screen, ComposerScreen)
            assert f"Reply number {n}" in screen_text(app)
            assert counts.asked == []  # no layout asked for by a new scroll height
            assert counts.whole == []  # nor a whole one by the composer's removal
            # Laid out once, for the reply's view. (Textual's AwaitMount asks the thread for a
            # layout twice: when the mount is awaited and again from its own call_next; on a
            # busy machine a frame falls between the two: a second layout, Textual's.)
            assert counts.layouts in (["MainScreen"], ["MainScreen"] * 2), counts.layouts
            assert counts.orders == 0  # its place told from its parent's
            assert counts.views == 1  # the reply's view alone
            assert thread.current is not None and thread.current.body == f"Reply number {n}"
        # In the order the whole thread has once drawn again (the post opened afresh).
        order = [(c.id, d) for c, d in open_store.thread(post_id)]
        assert [(e.comment.id, e.depth) for e in thread.entries] == order


async def test_a_reply_near_the_window_edge_moves_it_a_step_a_frame(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reply lands a few comments from the window's lower edge: the window follows the
    cursor by STEP comments a frame, what is on screen staying put (it was cut again around
    the reply in the reply's own frame: 40 views made and 40 dropped, then the screen laid
    out, 100-200 ms on the benchmark's 5,000-comment post)."""
    app, post_id = huge
    counts = Counts(monkeypatch)
    made: list[int] = []  # views made before each layout of the main screen
    real = Screen._refresh_layout

    def layout(screen: Screen[object], size: Any = None, scroll: bool = False) -> None:
        made.append(counts.views)
        counts.views = 0
        real(screen, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", layout)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        # A top-level comment with room enough below it: its reply, after its two replies,
        # has less.
        ends = (thread.end - 1 - MARGIN, thread.end - 2 - MARGIN)
        edge = next(i for i in ends if thread.entries[i].depth == 1)
        await reply(app, pilot, thread.entries[edge].comment.id, "Near the edge")
        assert thread.end - 1 - edge >= MARGIN  # (the window did not move for it)
        made.clear()
        counts.reset()
        await press(pilot, "ctrl+s")
        room = lambda: thread._shown_between(thread.cursor + 1, thread.end) >= MARGIN  # noqa: E731
        await wait_until(pilot, room, "the window moved down around the reply")
        await settle(pilot)
        assert thread.current is not None and thread.current.body == "Near the edge"
        assert "Near the edge" in screen_text(app)
        assert thread.start > 0  # (it moved)
        assert max(made) <= STEP + 1  # (the reply's view and a step)
        assert len(thread.views) <= WINDOW + 1


async def test_a_new_signer_counts_the_posts_again_in_the_background(
    blog: Blog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer says their name (the composer asks it at the first reply signed): the
    posts' readers' comments are counted again for the new set of people signing as the
    blog by the worker that saves the settings. The next redraw did it on the UI thread
    (every post's author walked: 20-45 ms at 50,000 posts, in the reply's frame)."""
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    on_ui: list[bool] = []  # per count: was it made on the UI thread?
    real = blog_index.of_posts

    def counted(*args: Any, **kwargs: Any) -> Any:
        on_ui.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(blog_index, "of_posts", counted)
    app = make_app(blog)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = blog.posts()[0].id
        blog.summary(first)  # (counted with the people known at the start)
        on_ui.clear()
        app.remember(identity=Identity("Someone New", ""))
        await wait_until(pilot, lambda: "[identity]" in config.read_text(), "settings saved")
        await settle(pilot)
        blog.summary(first)  # what a redraw asks: counted already
    assert on_ui == [False]  # counted once, in the background


async def test_a_scroll_while_the_window_follows_the_cursor_does_not_grow_it(
    huge: tuple[ReelApp, str],
) -> None:
    """The pane scrolled to its end while the window is on its way to the cursor (a step a
    frame): the scroll does not grow it as well (by CHUNK, up to twice its size: a thread
    test counting the views failed now and then under load)."""
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        thread.select(thread.entries[thread.end - 2].comment.id)  # near the edge: follows
        thread.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        await wait_until(pilot, lambda: thread._roomy(thread.cursor), "the window followed")
        await settle(pilot)
        assert len(thread.views) <= WINDOW + 1


async def test_the_screen_shown_again_is_painted_before_the_reply_lands(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The composer closes: Textual paints the main screen whole (every line: the composer
    dimmed it), then, a step of the event loop later (keys and timers answered between),
    the reply's view is mounted. Both came in one step: the paint after the mount, 50-60 ms
    of one frame at 50,000 posts (ui/changes.py)."""
    import asyncio

    from textual._compositor import Compositor

    app, post_id = huge
    seen: list[str] = []
    loop_ran: list[bool] = []  # per paint: a callback queued with it has run
    paint, insert = Compositor.render_full_update, Thread.insert

    def painted(compositor: Compositor, *args: Any, **kwargs: Any) -> Any:
        seen.append("paint")
        loop_ran.append(False)
        asyncio.get_running_loop().call_soon(loop_ran.__setitem__, len(loop_ran) - 1, True)
        return paint(compositor, *args, **kwargs)

    async def inserted(thread: Thread, *args: Any, **kwargs: Any) -> None:
        seen.append("insert" if all(loop_ran) else "insert in the paint's step")
        await insert(thread, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_full_update", painted)
    monkeypatch.setattr(Thread, "insert", inserted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(app, post_id, pilot)
        await reply(app, pilot, "c-many-1500", "Painted first")
        seen.clear()
        await press(pilot, "ctrl+s")
        assert "Painted first" in screen_text(app)
    assert seen[:2] == ["paint", "insert"], seen


async def test_a_scroll_after_a_layout_paints_what_moved(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply is laid out, then scrolled to; the cursor then moves down the thread, the
    pane scrolling: the screen is painted whole once, when it is shown again (the composer
    dimmed it). Textual's compositor found every widget moved at the first scroll after a
    layout and painted the whole screen again, 15-40 ms (ui/scroll_paint.py)."""
    from textual._compositor import Compositor

    app, post_id = huge
    whole: list[str] = []
    paint = Compositor.render_full_update

    def painted(compositor: Compositor, *args: Any, **kwargs: Any) -> Any:
        whole.append(type(app.screen).__name__)
        return paint(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_full_update", painted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        await reply(app, pilot, "c-many-1500", "Scrolled to")
        whole.clear()
        await press(pilot, "ctrl+s")
        assert whole == ["MainScreen"]  # shown again (counted before a screenshot: one too)
        assert thread.current is not None and thread.current.body == "Scrolled to"
        top = thread.scroll_y
        await press(pilot, *["j"] * 25)
        assert thread.scroll_y > top  # (it scrolled)
        assert whole == ["MainScreen"]
        assert "Scrolled to" not in screen_text(app)  # (scrolled out of sight)


async def test_a_reply_draws_its_posts_row_alone(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list after a reply: the row of the reply's post is drawn again (its figures and
    read mark), not every row on screen (screens/main_rows.py)."""
    from reeltui.ui.widgets.post_list import ROW_HEIGHT, PostList

    app, post_id = huge
    whole: list[int] = []  # the list asked to draw every row again
    rows: list[int] = []  # rows asked to be drawn again
    refresh, lines = PostList.refresh, PostList.refresh_lines

    def all_rows(post_list: PostList, *regions: Any, **kwargs: Any) -> Any:
        if not regions:
            whole.append(1)
        return refresh(post_list, *regions, **kwargs)

    def some_rows(post_list: PostList, y: int, count: int = 1) -> None:
        rows.append(y)
        lines(post_list, y, count)

    monkeypatch.setattr(PostList, "refresh", all_rows)
    monkeypatch.setattr(PostList, "refresh_lines", some_rows)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(app, post_id, pilot)
        post_list = app.screen.query_one(PostList)
        await reply(app, pilot, "c-many-1500", "One row")
        whole.clear()
        rows.clear()
        await press(pilot, "ctrl+s")
        at = post_list.position(post_id)
        assert at is not None
        assert whole == []
        assert rows and set(rows) == {at * ROW_HEIGHT}, rows  # (its two lines)
