"""The first screen's read marks are found in the read-marks files' bytes, one record at a time:
no file of the table is parsed whole before the first rows are drawn, and the rows show the
marks as stored (the same as once every file is read)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.strip import Strip

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.store import datafile, glance, state
from reeltui.ui.app import make_app
from reeltui.ui.widgets.post_list import PostList
from tests.ui.helpers import settle, wait_until
from tests.ui.test_first_paint import MONTHS, PER_MONTH, _archive, _at_first_rows


def _marked_archive(tmp_path: Path) -> Path:
    """`_archive`, every other post of each month read."""
    path = _archive(tmp_path / "store")
    with open_blog(path) as blog, blog.store.batch():
        for month in range(MONTHS):
            for n in range(0, PER_MONTH, 2):
                state.put_read_mark(blog.store, f"m{month:03d}n{n}", 0, "2024-01-01T00:00:00")
    return path


async def test_no_read_marks_file_is_parsed_whole_for_the_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _marked_archive(tmp_path)
    parsed: list[str] = []
    read_tables = datafile.read_tables

    def recorded(root: Path, rel: str, source: Path) -> dict[str, dict[str, Any]]:
        parsed.append(rel)
        return read_tables(root, rel, source)

    at_first_rows: list[tuple[list[str], list[str]]] = []
    draw = PostList.render_line

    def first_rows(post_list: PostList, y: int) -> Strip:
        if post_list.items and not at_first_rows:
            unread = [i.row.post.id for i in post_list.items if i.mark.unread]
            at_first_rows.append((list(parsed), unread))
        return draw(post_list, y)

    monkeypatch.setattr(datafile, "read_tables", recorded)
    monkeypatch.setattr(PostList, "render_line", first_rows)
    blog = open_blog(path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(at_first_rows), "rows drawn")
        await settle(pilot)
        main = app.main_screen
        assert main is not None
        items = main.post_list.items
        shown = {i.row.post.id: i.mark.unread for i in items if i.row.post.id[0] == "m"}
    blog.close()
    [(parsed_then, unread)] = at_first_rows
    assert not [rel for rel in parsed_then if rel.startswith("reads/")]
    assert unread and all(int(post_id[-1]) % 2 == 1 for post_id in unread)
    assert all(shown[post_id] for post_id in unread)  # as once all of them are read
    assert len(shown) == MONTHS * PER_MONTH
    assert [p for p, u in shown.items() if not u] == [p for p in shown if int(p[-1]) % 2 == 0]


async def test_the_first_screen_looks_up_the_marks_of_the_rows_it_can_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first rows are drawn, the marks looked up in the read-marks files are those
    of the rows a 40-line terminal can show (20), not of every row known by then (60: at
    50,000 posts each id is searched for through a 160 KB file, and the 16 files scanned
    for escapes, ~10 ms); a row drawn later has its mark looked up then, and shows it as
    stored."""
    path = _marked_archive(tmp_path)
    looked_up: list[str] = []
    flat_records = glance.flat_records

    def recorded(raw: bytes, table: str, ids: Iterable[str]) -> dict[str, Any] | None:
        ids = list(ids)
        looked_up.extend(ids)
        return flat_records(raw, table, ids)

    monkeypatch.setattr(glance, "flat_records", recorded)
    at_first_rows = _at_first_rows(monkeypatch, lambda post_list: list(looked_up))
    blog = open_blog(path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(at_first_rows), "rows drawn")
        main = app.main_screen
        assert main is not None
        first = main.post_list.items  # the first screen's items (the rest is read after)
        beyond = first[len(first) - 1]  # a row below the screen, drawn after a scroll
        assert beyond.mark.unread == (int(beyond.row.post.id[-1]) % 2 == 1)  # as stored
        await settle(pilot)
    blog.close()
    assert sorted(at_first_rows[1]) == sorted(newest_ids(20))


def newest_ids(count: int) -> list[str]:
    """The ids of the `count` newest posts of `_archive` (the last day of the last month
    first)."""
    return [
        f"m{MONTHS - 1 - n // PER_MONTH:03d}n{PER_MONTH - 1 - n % PER_MONTH}" for n in range(count)
    ]
