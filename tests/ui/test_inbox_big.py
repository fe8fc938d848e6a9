"""An inbox of thousands of comments (a big archive's backlog): read in a thread worker, its
rows made only when drawn (widgets/lazy_table.py), a moderation not rebuilding them. Before,
22,000 waiting comments took 18 s to show (DataTable measured every cell) and each approve
as long again. Counted, never timed (Pilot, the real app on a real store)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pytest
from rich.text import Text

from reeltui.config import Settings
from reeltui.domain import Comment
from reeltui.services import Blog, inbox
from reeltui.store import records
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.widgets.lazy_table import LazyTable
from tests.ui.helpers import HER, press, screen_text, settle

MANY = 3_000


@pytest.fixture
def backlog(open_store: Blog) -> Iterator[ReelApp]:
    her = open_store.post_by_slug(HER)
    waiting = [
        Comment(
            id=f"c-wait-{i:04d}",
            post_id=her.id,
            author=f"Reader {i}",
            body=f"Waiting comment {i}.",
            date=f"2014-02-{1 + i // 1440:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00+00:00",
        )
        for i in range(MANY)
    ]
    records.put_many(open_store.store, [], waiting)
    open_store.invalidate()
    yield make_app(open_store, settings=Settings())


async def test_a_big_inbox_makes_only_the_rows_it_draws(
    backlog: ReelApp, open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_in: list[str] = []
    view = inbox.view

    def recorded(*args: object, **kwargs: object) -> inbox.InboxView:
        read_in.append(threading.current_thread().name)
        return view(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inbox, "view", recorded)
    made: list[int] = []
    async with backlog.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        await settle(pilot)
        screen = backlog.screen
        assert isinstance(screen, InboxScreen)
        assert len(screen.items) >= MANY
        assert f"{len(screen.items):,} comments".replace(",", "") in screen_text(backlog)
        assert read_in and threading.main_thread().name not in read_in  # a worker read it
        table = screen.query_one(LazyTable)
        cells = table._cells  # (the screen's: made once asked)

        def counted(row: int) -> Sequence[Text]:
            made.append(row)
            return cells(row)

        table.show(table.columns, table.row_count, counted, 0)
        await pilot.pause()
        assert 0 < len(set(made)) <= table.size.height  # the rows on screen, not 3,000
        made.clear()
        await press(pilot, "G")  # the last row: drawn, the ones passed over never made
        assert table.cursor_row == len(screen.items) - 1
        assert len(set(made)) <= table.size.height
        assert screen.current is not None
        assert screen.current.comment.author in screen_text(backlog)  # drawn, and its detail
        made.clear()
        await press(pilot, "x")  # a mark redraws its row only
        assert set(made) <= {len(screen.items) - 1}
        last = screen.items[-1].comment.id
        await press(pilot, "t")  # trashed: read again in the worker, the row gone
        await settle(pilot)
        assert last not in {i.comment.id for i in screen.items}
        assert open_store.comment(last).status == "trash"
        assert len(set(made)) <= 2 * table.size.height
