"""What is drawn again after a reply or a moderation, counted (never timed): the screen
under the reply's composer is not drawn while it is covered, but once, when the composer has
closed (each redraw underneath a modal screen repainted the composer whole); the list is not
loaded again for a change of some posts' comments (their rows are drawn again, the status
line counted again), unless that change can reorder it or change what it shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.main_list import Listing
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.status import StatusLine
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import press, screen_text, settle, wait_until
from tests.ui.test_background_saves import Gate

QUESTION = (
    "p-first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again"
)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Holds the store's commits (the writes to disk) while closed."""
    held = Gate(monkeypatch)
    yield held
    held.open.set()


def counted(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[Any]:
    """Record every call of `owner.name` (what the app's screen was at the time)."""
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(owner, name)

    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        app = self.app if hasattr(self, "app") else self.screen.app
        calls.append(type(app.screen).__name__)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, call)
    return calls


async def open_question(app: ReelApp, pilot: Any) -> Any:
    """The main screen with the question post open in its thread pane (one pending comment)."""
    await settle(pilot)
    main = app.screen
    await main.open_post(QUESTION)  # type: ignore[attr-defined]
    main.action_pane("thread")  # type: ignore[attr-defined]
    await settle(pilot)
    return main


def row_text(app: ReelApp, post_id: str) -> str:
    post_list = app.screen.query_one(PostList)
    index = next(i for i, it in enumerate(post_list.items) if it.row.post.id == post_id)
    return post_list._meta_line(post_list.items[index]).plain


async def test_nothing_is_drawn_under_the_composer_and_the_reply_is_mounted_alone(
    app: ReelApp, open_store: Blog, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate.open.set()
    inserts = counted(monkeypatch, Thread, "insert")
    shows = counted(monkeypatch, Thread, "show")
    loads = counted(monkeypatch, Listing, "load")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        views = list(thread.views)
        thread.select("c-her-4")
        shows.clear()
        loads.clear()
        await press(pilot, "r")
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        await pilot.press(*"Agreed, Tom.")
        gate.open.clear()  # the reply is made in memory, then held before the disk
        await pilot.press("ctrl+s")
        her = open_store.comment("c-her-4").post_id
        made = lambda: any(c.body == "Agreed, Tom." for c in open_store.comments(her))  # noqa: E731
        await wait_until(pilot, made, "the reply made in memory")
        for _ in range(5):  # its announcements reach the screens
            await pilot.pause()
        assert app.screen is composer
        assert thread.views == views  # nothing drawn under the composer
        assert inserts == [] and loads == []
        gate.open.set()
        await settle(pilot)
        assert not isinstance(app.screen, ComposerScreen)
    # Once shown again: the new reply mounted alone, no other view made again, no list load.
    assert inserts == ["MainScreen"]
    assert shows == [] and loads == []
    assert len(thread.views) == len(views) + 1 and all(v in thread.views for v in views)
    assert thread.current is not None and thread.current.body == "Agreed, Tom."


async def test_the_composer_says_saving_without_a_layout(
    app: ReelApp, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+S freezes the text and says "Saving…" on the status line (one line high): a
    repaint, not a layout of the composer over the screen beneath it."""
    from textual.screen import Screen

    layouts = counted(monkeypatch, Screen, "_refresh_layout")
    gate.open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c", "r")
        await pilot.press(*"Thanks!")
        await settle(pilot)
        layouts.clear()
        gate.open.clear()
        await pilot.press("ctrl+s")
        for _ in range(5):
            await pilot.pause()
        assert "Saving…" in screen_text(app)
        assert layouts == []
        gate.open.set()
        await settle(pilot)


async def test_a_moderation_draws_its_row_again_without_loading_the_list(
    app: ReelApp, open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reeltui.store import state

    loads = counted(monkeypatch, Listing, "load")
    every_mark: list[object] = []  # whole reads-table reads (every post's mark)
    real = state.read_marks
    monkeypatch.setattr(state, "read_marks", lambda store: every_mark.append(1) or real(store))
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_question(app, pilot)
        assert "1 pending" in row_text(app, QUESTION)
        before = row_text(app, QUESTION).strip()[:40]
        assert before in screen_text(app)
        assert "1 pending comment" in main.query_one(StatusLine).text
        loads.clear()
        every_mark.clear()
        main.query_one(Thread).select("c-question-5")
        await press(pilot, "a")  # the pending comment approved
        await settle(pilot)
        assert loads == []  # the row and the counts follow without the list found again
        assert every_mark == []  # the row's mark: its post's alone
        assert "pending" not in row_text(app, QUESTION)
        after = row_text(app, QUESTION).strip()[:40]
        assert after in screen_text(app) and before not in screen_text(app)  # drawn again
        assert "0 pending comments" in main.query_one(StatusLine).text
        # Sorted by comments, a change of counts may reorder the list: it is loaded again.
        main.listing.sort = "comments"  # type: ignore[attr-defined]
        await press(pilot, "s")  # the same comment marked as spam
        await settle(pilot)
        assert loads  # (once per burst of announcements)


async def test_a_moderation_asks_for_no_layout(
    app: ReelApp, open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comment's head, the reader's heading, the list's row and the status line change
    but keep their heights: nothing is laid out again (a layout arranges every widget of
    the screen: every comment of a long thread)."""
    from textual.screen import Screen

    layouts: list[str] = []  # whole layouts (a scroll only places what is visible)
    real = Screen._refresh_layout

    def layout(self: Screen[object], size: object = None, scroll: bool = False) -> None:
        if not scroll:
            layouts.append(type(self).__name__)
        real(self, size, scroll)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", layout)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        thread.select("c-her-6")
        await settle(pilot)
        layouts.clear()
        await press(pilot, "s")
        await settle(pilot)
        assert "[spam]" in screen_text(app)
        assert layouts == []


class Walked(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        self.walks += 1
        return super().__iter__()


async def test_a_row_after_a_moderation_is_found_without_walking_the_list(
    app: ReelApp, open_store: Blog
) -> None:
    """The row of the post whose comment changed is found in a map made once per list shown
    (every row was looked at twice per save: 50,000 at the largest archive)."""
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_question(app, pilot)
        post_list = main.query_one(PostList)
        walked = Walked(post_list.items)
        post_list.items = walked
        main.query_one(Thread).select("c-question-5")
        await press(pilot, "a", "s", "R")  # approved, spam, restored
        await settle(pilot)
        assert open_store.comment("c-question-5").status == "approved"  # (restored)
        assert walked.walks <= 1  # the map of rows, made once at most
