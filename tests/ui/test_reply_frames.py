"""The frames a reply lands in on the main screen, counted (never timed): each layout of the
screen arranges its widgets once (a scroll before it had marked the full map stale, and the
first widget asked its region in the layout arranged the whole screen again); the layout
that places the reply's view is painted in a step of the event loop of its own, after the
callbacks queued meanwhile (ui/scroll_paint.py). The reply's step that draws it walks none of
the thread's 5,000 comments to find its place and the cursor's: no map of the thread's ids
made again, no list of its (comment, depth) pairs; nor is the post's body counted again for
the reader's header (ui/widgets/thread_entries.py, post_text.py)."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.screen import Screen

from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.comment_view import CommentView
from tests.ui.helpers import press, screen_text, settle
from tests.ui.test_reply_lands import reply
from tests.ui.test_thread_window import huge, opened

__all__ = ["huge"]  # (the fixture: a thread of 3,006 comments)


class Arranged:
    """The main screen's whole layouts and its compositor's whole arrangements (every
    widget placed: a scroll places only what is visible), from `reset()` on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.layouts = 0
        self.arranged = 0
        layout, arrange = Screen._refresh_layout, Compositor._arrange_root

        def counted_layout(screen: Screen[object], size: Any = None, scroll: bool = False) -> None:
            if isinstance(screen, MainScreen) and not (scroll and not screen._layout_widgets):
                self.layouts += 1
            layout(screen, size, scroll)

        def counted_arrange(
            compositor: Compositor, root: Any, size: Any, visible_only: bool = True
        ) -> Any:
            if isinstance(root, MainScreen) and not visible_only:
                self.arranged += 1
            return arrange(compositor, root, size, visible_only)

        monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
        monkeypatch.setattr(Compositor, "_arrange_root", counted_arrange)

    def reset(self) -> None:
        self.layouts = self.arranged = 0


async def test_a_reply_arranges_the_screen_once_a_layout(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, post_id = huge
    counts = Arranged(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(app, post_id, pilot)
        for n, to in enumerate(["c-many-1500", "c-many-0003"]):
            await reply(app, pilot, to, f"Arranged {n}")
            counts.reset()
            await press(pilot, "ctrl+s")
            assert f"Arranged {n}" in screen_text(app)
            assert counts.layouts >= 1  # (the reply's view laid out)
            assert counts.arranged == counts.layouts  # (twice each on the old compositor)


async def test_the_reply_is_laid_out_and_painted_in_two_steps(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laying out the thread's 120 views and painting every line they moved made one step
    of 37-66 ms under load (the longest of a reply on the 5,000-comment post): a key or a
    timer due meanwhile waited for both."""
    app, post_id = huge
    seen: list[str] = []
    ran: list[bool] = []  # per layout placing a new comment view: a callback queued with it ran
    reflow, render = Compositor.reflow, Compositor.render_update

    def laid_out(compositor: Compositor, parent: Any, size: Any) -> Any:
        result = reflow(compositor, parent, size)
        if isinstance(parent, MainScreen) and any(isinstance(w, CommentView) for w in result.shown):
            seen.append("layout")
            ran.append(False)
            asyncio.get_running_loop().call_soon(ran.__setitem__, len(ran) - 1, True)
        return result

    def painted(compositor: Compositor, *args: Any, **kwargs: Any) -> Any:
        if isinstance(compositor.root, MainScreen) and seen:
            seen.append("paint" if all(ran) else "paint in the layout's step")
        return render(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "reflow", laid_out)
    monkeypatch.setattr(Compositor, "render_update", painted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(app, post_id, pilot)
        await reply(app, pilot, "c-many-1500", "Two steps")
        seen.clear()
        await press(pilot, "ctrl+s")
        assert "Two steps" in screen_text(app)
    assert seen[:2] == ["layout", "paint"], seen


async def test_a_reply_lands_without_walking_the_whole_thread(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reeltui.ui.widgets import post_text, thread_entries
    from reeltui.ui.widgets.thread_entries import ThreadEntries

    app, post_id = huge
    maps: list[int] = []  # the thread's map of ids made again (a walk of every entry)
    orders: list[int] = []  # lists of every (comment, depth) pair handed to `leaf_place`
    counted: list[int] = []  # the post's body counted for its reading time
    index_of, place, minutes = (
        ThreadEntries.index_of,
        thread_entries.leaf_place,
        post_text.reading_time,
    )

    def looked_up(thread: ThreadEntries, comment_id: str) -> Any:
        if thread._where is None:
            maps.append(len(thread.entries))
        return index_of(thread, comment_id)

    def placed(order: Any, *args: Any) -> Any:
        if isinstance(order, list):
            orders.append(len(order))
        return place(order, *args)

    def reading(body: str) -> int:
        counted.append(1)
        return minutes(body)

    monkeypatch.setattr(ThreadEntries, "index_of", looked_up)
    monkeypatch.setattr(thread_entries, "leaf_place", placed)
    monkeypatch.setattr(post_text, "reading_time", reading)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        for n, to in enumerate(["c-many-1500", "c-many-0003"]):
            await reply(app, pilot, to, f"Walked {n}")
            maps.clear()
            orders.clear()
            counted.clear()
            await press(pilot, "ctrl+s")
            assert f"Walked {n}" in screen_text(app)
            assert thread.current is not None and thread.current.body == f"Walked {n}"
            assert (maps, orders, counted) == ([], [], [])
        # The map followed each reply: where every comment is, as a map made afresh says.
        fresh = {e.comment.id: i for i, e in enumerate(thread.entries)}
        assert {cid: thread.index_of(cid) for cid in fresh} == fresh


async def test_a_reply_lays_out_a_window_of_sixty_comment_views(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each layout of the screen arranges every mounted widget, and the thread's comment
    views were 120 of its 200 (a reply's two layouts: 30-40 ms of CPU under load, a window
    of 60: 11-25 ms); 60 views are still several screens of comments around the cursor."""
    app, post_id = huge
    placed: list[int] = []  # comment views in each whole arrangement of the main screen
    reflow = Compositor.reflow

    def laid_out(compositor: Compositor, parent: Any, size: Any) -> Any:
        result = reflow(compositor, parent, size)
        if isinstance(parent, MainScreen):
            placed.append(sum(isinstance(w, CommentView) for w in compositor._full_map))
        return result

    monkeypatch.setattr(Compositor, "reflow", laid_out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        for n, to in enumerate(["c-many-1500", "c-many-0003"]):
            await reply(app, pilot, to, f"Windowed {n}")
            placed.clear()
            await press(pilot, "ctrl+s")
            assert f"Windowed {n}" in screen_text(app)
            assert placed and max(placed) <= 61 + 10, placed  # (the reply's, a STEP more)
            views = thread.views
            assert sum(v.outer_size.height for v in views) >= 3 * thread.size.height


async def test_a_reply_does_not_draw_the_lists_scroll_bar_again(
    huge: tuple[ReelApp, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each layout of the screen made Textual update and refresh the post list's scroll bar
    (it compared the layout's virtual size with the list's own, never equal): its 35 lines
    were rendered again in the paint of a reply's layout, though the list kept its rows."""
    from reeltui.domain.models import Post
    from reeltui.store import records
    from reeltui.ui.widgets.post_list import PostList

    app, post_id = huge
    more = [  # (a list taller than its pane: a scroll bar to draw)
        Post(id=f"p{i}", slug=f"p-{i}", title=f"Review {i}", author="Ruth", status="published")
        for i in range(40)
    ]
    records.put_many(app.blog.store, more, [])
    app.blog.invalidate()
    updates: list[str] = []  # the list's scroll bars updated, by whom
    update = PostList._scroll_update

    def updated(view: PostList, virtual_size: Any) -> None:
        updates.append(sys._getframe(1).f_code.co_name)
        update(view, virtual_size)

    monkeypatch.setattr(PostList, "_scroll_update", updated)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(app, post_id, pilot)
        listed = app.screen.query_one(PostList)
        assert listed.show_vertical_scrollbar
        for n, to in enumerate(["c-many-1500", "c-many-0003"]):
            await reply(app, pilot, to, f"Steady {n}")
            updates.clear()
            await press(pilot, "ctrl+s")
            assert f"Steady {n}" in screen_text(app)
            assert "_size_updated" not in updates, updates  # (a layout: nothing of the list's)
        assert listed.show_vertical_scrollbar and listed.vertical_scrollbar.window_size == 35
