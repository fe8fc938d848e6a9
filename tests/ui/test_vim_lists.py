"""Vim keys work everywhere (README): j/k/g/G move in every list and table — the inbox, the
outbox, the conflicts, the film diary, the stats tables, the editor's revisions and the
pickers — not only the arrows (j and k did nothing in the outbox and the revisions).
Pilot, keys as typed, real demo store."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

import reeltui.ui
from reeltui.config import Settings
from reeltui.services import Blog, replies
from reeltui.services.sync import state as syncstate
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.screens.diary import DiaryScreen
from reeltui.ui.screens.editor_modals import RevisionsScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.outbox import OutboxScreen
from reeltui.ui.screens.stats import StatsScreen
from reeltui.ui.screens.sync_conflicts import ConflictsScreen
from reeltui.ui.widgets.lazy_table import LazyTable
from tests.ui.helpers import HER, burst, settle
from tests.ui.test_diary_screen import with_diary

SIZE = (120, 40)


def position(widget: Widget) -> int:
    if isinstance(widget, DataTable | LazyTable):
        return widget.cursor_row
    assert isinstance(widget, OptionList)
    return widget.highlighted if widget.highlighted is not None else -1


def rows(widget: Widget) -> int:
    if isinstance(widget, DataTable | LazyTable):
        return widget.row_count
    return widget.option_count  # type: ignore[attr-defined,no-any-return]


async def walk(pilot: object, widget: Widget) -> None:
    """j, k, G, g move the cursor of the focused `widget` as the arrows would."""
    assert widget.has_focus
    total = rows(widget)
    assert total >= 3, total
    await burst(pilot, "g")  # type: ignore[arg-type]
    assert position(widget) == 0
    await burst(pilot, "j", "j")  # type: ignore[arg-type]
    assert position(widget) == 2
    await burst(pilot, "k")  # type: ignore[arg-type]
    assert position(widget) == 1
    await burst(pilot, "G")  # type: ignore[arg-type]
    assert position(widget) == total - 1
    await burst(pilot, "g")  # type: ignore[arg-type]
    assert position(widget) == 0


async def test_inbox_outbox_and_pickers(blog: Blog) -> None:
    parents = [c for c in blog.all_comments() if c.origin != "local"][:3]
    for parent in parents:
        replies.reply(blog, parent.id, f"Thanks, {parent.author}.")
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "i")
        assert isinstance(app.screen, InboxScreen)
        await walk(pilot, app.screen.table)
        await burst(pilot, "<escape>", "o")
        assert isinstance(app.screen, OutboxScreen)
        await walk(pilot, app.screen.table)
        await burst(pilot, "<escape>", "n")  # the templates to choose from
        assert isinstance(app.screen, PickScreen)
        await walk(pilot, app.screen.query_one(OptionList))
        await burst(pilot, "<escape>", "f")  # the filters
        assert isinstance(app.screen, PickScreen)
        await walk(pilot, app.screen.query_one(OptionList))


async def test_diary_and_stats(blog: Blog) -> None:
    app = make_app(with_diary(blog), settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "D")
        assert isinstance(app.screen, DiaryScreen)
        await walk(pilot, app.screen.table)
        await burst(pilot, "<escape>", "%")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        await walk(pilot, screen.query_one("#discussed", DataTable))
        await burst(pilot, "<tab>")
        await walk(pilot, screen.query_one("#commenters", DataTable))


async def test_conflicts(app: ReelApp, open_store: Blog) -> None:
    state = syncstate.load(open_store)
    state.site = "https://blog.example"
    for n, post in enumerate(open_store.posts()):
        state.add_conflict(
            syncstate.Conflict(
                id=f"post:{post.id}",
                kind="post",
                local_id=post.id,
                remote_id=str(n + 10),
                message="edited here and on the site",
                local={"title": post.title},
                remote={"title": "the site's title"},
            )
        )
    syncstate.save(open_store, state)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_conflicts()
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        await walk(pilot, app.screen.table)


async def test_revisions(app: ReelApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "e")  # no post open: opens nothing
        await burst(pilot, "<enter>", "e")  # HER, the first post
        for words in ("One. ", "Two. ", "Three. "):
            await burst(pilot, words, "<ctrl+s>")
            await settle(pilot)
        await burst(pilot, "<f5>")
        assert isinstance(app.screen, RevisionsScreen)
        await walk(pilot, app.screen.query_one(OptionList))
    assert app.blog.post_by_slug(HER).body.startswith("One. Two. Three. ")


def test_every_list_and_table_of_the_ui_takes_vim_keys() -> None:
    """No screen builds Textual's DataTable or OptionList itself (only arrows there)."""
    found = []
    for path in Path(reeltui.ui.__file__).parent.rglob("*.py"):
        if path.name == "lists.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ("DataTable", "OptionList"):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


@pytest.mark.parametrize("widget", ["ReelTable", "ReelOptions"])
def test_help_names_the_list_keys(widget: str) -> None:
    from reeltui.ui.screens.help import SECTION_NAMES

    assert SECTION_NAMES[widget] == "List"
