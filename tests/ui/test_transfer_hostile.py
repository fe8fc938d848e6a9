"""The Import dialog on hostile files (issue #21): deep HTML imports with a note; an error no
one foresaw is a bug: its crash report is written, the user is told where in one line, the
dialog is free again and the app keeps running (issue #18's last-resort handler)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reeltui.config import Settings
from reeltui.services import Blog, importer
from reeltui.store import Store
from reeltui.ui.app import make_app
from reeltui.ui.screens.transfer import ImportScreen
from tests.ui.helpers import Notes, press, screen_text, settle
from tests.unit.wxr_builder import C, Item, wxr


async def import_in_dialog(blog: Blog, path: Path, notes: Notes, survive: bool = False) -> str:
    app = make_app(blog, settings=Settings())
    app.survive_bugs = survive  # as for a user (under Pilot a bug ends the run by default)
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        app.action_import()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one(Input).value = str(path)
        await press(pilot, "enter")
        await pilot.wait_for_scheduled_animations()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ImportScreen)
        assert not screen.running  # the worker reported back
        text = screen_text(app)
        await press(pilot, "escape")
        assert app.is_running
        return text


async def test_deep_html_imports_through_the_dialog(tmp_path: Path) -> None:
    deep = "<blockquote>" * 450 + "deep words" + "</blockquote>" * 450
    source = tmp_path / "deep.xml"
    source.write_bytes(
        wxr([Item("1", title="Deep", content=deep, comments=[C("1", content=deep)])])
    )
    notes = Notes()
    with Blog(Store.open(tmp_path / "s")) as blog:
        text = await import_in_dialog(blog, source, notes)
        assert "posts 1 new" in text and "comments 1 new" in text
        assert "nests deeper than 100 levels" in text
        assert "deep words" in blog.post(blog.posts()[0].id).body


async def test_an_unforeseen_error_in_the_worker_is_reported_and_the_app_lives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(importer, "import_path", explode)  # what the dialog's worker calls
    monkeypatch.setenv("REELTUI_CRASH_DIR", str(tmp_path / "crashes"))
    source = tmp_path / "site.xml"
    source.write_bytes(wxr([Item("1")]))
    notes = Notes()
    with Blog(Store.open(tmp_path / "s")) as blog:
        text = await import_in_dialog(blog, source, notes, survive=True)
    assert "Stopped by a bug in reeltui" in text
    [report] = (tmp_path / "crashes").glob("crash-*.log")
    assert "RecursionError: maximum recursion depth exceeded" in report.read_text()
    assert "in explode" in report.read_text()  # the traceback, for the bug report
    said = [m for m in notes.messages if "a bug in reeltui" in m]
    assert said and f"the details are in {report}" in said[0], notes.messages
    assert not any("Traceback" in m for m in notes.messages)
