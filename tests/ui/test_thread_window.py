"""A thread of thousands of comments mounts a window of them (ui/widgets/thread_window.py):
counted widgets, never timed. Keys, moderation, replies, collapse and scrolling work across
the window's edges as in a short thread (Pilot, the real app on a real store)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.screen import Screen

from reeltui.config import Settings
from reeltui.domain import Comment
from reeltui.services import Blog
from reeltui.store import records
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.widgets.thread import CommentView, Thread
from reeltui.ui.widgets.thread_window import WINDOW
from tests import storefiles
from tests.ui.helpers import HER, press, screen_text, settle

MANY = 3_000  # comments: a top-level one, then two replies to it, and so on


def many_comments(post_id: str) -> list[Comment]:
    out = []
    for i in range(MANY):
        top = i - i % 3
        out.append(
            Comment(
                id=f"c-many-{i:04d}",
                post_id=post_id,
                author=f"Reader {i}",
                body=f"Comment number {i}.",
                date=f"2014-02-{1 + i // 1440:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00+00:00",
                parent_id=None if i == top else f"c-many-{top:04d}",
            )
        )
    return out


@pytest.fixture
def huge(open_store: Blog) -> Iterator[tuple[ReelApp, str]]:
    her = open_store.post_by_slug(HER)
    records.put_many(open_store.store, [], many_comments(her.id))
    open_store.invalidate()
    yield make_app(open_store, settings=Settings()), her.id


async def opened(app: ReelApp, post_id: str, pilot: object) -> Thread:
    main = app.screen
    await main.open_post(post_id)  # type: ignore[attr-defined]
    main.action_pane("thread")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return main.query_one(Thread)


def mounted(thread: Thread) -> int:
    """Comment views in the DOM (the window's)."""
    return len(thread.query(CommentView))


async def test_a_huge_thread_mounts_a_window_and_keys_cross_its_edges(
    huge: tuple[ReelApp, str],
) -> None:
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        assert mounted(thread) <= WINDOW + 1  # not thousands (the old thread: 3,006)
        total = len(thread.entries)
        assert total == MANY + 6 and mounted(thread) == len(thread.views)
        assert f"Comments ({total})" in screen_text(app)
        first = thread.current
        await press(pilot, "G")  # the last comment: the window is cut around it
        assert thread.current is thread.entries[-1].comment
        assert thread.view_at(thread.cursor) is thread.views[-1]
        assert thread.end == total and mounted(thread) <= WINDOW + 1
        assert thread.entries[-1].comment.body in screen_text(app)
        await press(pilot, "g")
        assert thread.current is first and thread.start == 0
        # j across the window's lower edge: the comment after it is mounted and shown.
        edge = thread.end - 1
        thread.select(thread.entries[edge].comment.id)
        await settle(pilot)
        await press(pilot, "j")
        assert thread.cursor == edge + 1
        view = thread.view_at(edge + 1)
        assert view is not None and view.has_class("-cursor")
        assert thread.entries[edge + 1].comment.body in screen_text(app)
        assert mounted(thread) <= WINDOW + 1
        # p (parent) and K (previous sibling) from the middle of the thread.
        thread.select("c-many-1502")
        await settle(pilot)
        await press(pilot, "p")
        assert thread.current is not None and thread.current.id == "c-many-1500"
        await press(pilot, "K")
        assert thread.current is not None and thread.current.id == "c-many-1497"
        assert thread.view_at(thread.cursor) is not None


async def test_scrolling_to_the_window_end_mounts_more(huge: tuple[ReelApp, str]) -> None:
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        end = thread.end
        for _ in range(3):
            thread.scroll_end(animate=False, immediate=True)
            await settle(pilot)
        assert thread.end > end  # grown below as it was scrolled
        assert mounted(thread) == len(thread.views) <= 2 * WINDOW + 1
        await press(pilot, "G")  # the window at the end, then scrolled up: grown above
        start = thread.start
        top = thread.views[0]
        thread.scroll_home(animate=False, immediate=True)
        await settle(pilot)
        assert thread.start < start and top in thread.views
        assert mounted(thread) == len(thread.views) <= 2 * WINDOW + 1
        # What was at the top of the pane is still there: the content did not jump.
        assert top.region.y >= thread.region.y and thread.scroll_y > 0


async def test_collapse_keeps_a_window_of_shown_comments(huge: tuple[ReelApp, str]) -> None:
    app, post_id = huge
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        thread.select("c-many-0000")
        await settle(pilot)
        await press(pilot, "space")  # its two replies hidden
        assert "+2 replies hidden" in screen_text(app)
        shown = [v for v in thread.views if v.display]
        assert len(shown) >= WINDOW // 2
        await press(pilot, "j")
        assert thread.current is not None and thread.current.id == "c-many-0003"
        await press(pilot, "k", "space")
        assert "hidden" not in screen_text(app)


async def test_reply_and_moderation_in_a_huge_thread(
    huge: tuple[ReelApp, str], open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, post_id = huge
    layouts: list[int] = []
    real = Screen._refresh_layout

    def layout(self: Screen[object], size: object = None, scroll: bool = False) -> None:
        if not scroll:
            layouts.append(len(self.query(CommentView)))  # the views it arranged
        real(self, size, scroll)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", layout)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = await opened(app, post_id, pilot)
        thread.select("c-many-2001")
        await settle(pilot)
        layouts.clear()
        await press(pilot, "s")  # spam: drawn alone, no layout
        await settle(pilot)
        assert storefiles.comments(open_store.path)["c-many-2001"]["status"] == "spam"
        assert "[spam]" in screen_text(app)
        assert layouts == []
        await press(pilot, "r")
        assert isinstance(app.screen, ComposerScreen)
        app.screen.query_one("TextArea").insert("A reply deep in the thread")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert thread.current is not None and thread.current.body == "A reply deep in the thread"
        assert thread.view_at(thread.cursor) is not None
        assert "A reply deep in the thread" in screen_text(app)
        assert len(thread.entries) == MANY + 7
        assert layouts and max(layouts) <= WINDOW + 2  # laid out: a window, not thousands
