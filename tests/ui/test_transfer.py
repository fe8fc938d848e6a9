"""Import and export dialogs (command palette) on real stores: progress, summary, files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, ProgressBar, RadioSet

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.exporting import export
from reeltui.services.importer import import_path
from reeltui.services.session import open_blog
from reeltui.store import Store
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.transfer import ExportScreen, ImportScreen
from tests import storefiles
from tests.ui.helpers import HER, Notes, press, screen_text, settle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Blog]:
    blog = Blog(Store.open(tmp_path / "empty"))
    yield blog
    blog.close()


def reopen(blog: Blog) -> Blog:
    path = blog.path
    blog.close()
    return open_blog(path)


async def run_palette(pilot: object, command: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await press(pilot, "ctrl+p")
    await pilot.press(*command)
    await settle(pilot)
    await press(pilot, "enter")


async def do_import(app: ReelApp, notes: Notes, path: Path) -> str:
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await run_palette(pilot, "Import")
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one(Input).value = str(path)
        await press(pilot, "enter")
        bar = screen.query_one(ProgressBar)
        assert bar.display and bar.total is not None and bar.progress == bar.total
        assert screen.last_progress[0] == 100  # the worker reported up to the end
        text = screen_text(app)
        assert "Done." in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, ImportScreen)
        return text


async def test_import_wxr_from_the_palette(empty_store: Blog) -> None:
    notes = Notes()
    app = make_app(empty_store, settings=Settings())
    text = await do_import(app, notes, FIXTURES / "demo.xml")
    assert "demo.xml (wxr): posts 4 new, 0 updated, 0 unchanged; comments 22 new" in text
    assert "posts 4 new" in notes
    assert app.main_screen is not None and len(app.main_screen.blog.posts()) == 4
    blog = reopen(empty_store)
    try:
        assert len(blog.posts()) == 4 and len(blog.all_comments()) == 22
        ratings = {p.slug: p.rating for p in blog.posts()}
        assert ratings.get(HER) is not None
    finally:
        blog.close()


async def test_import_again_changes_nothing(tmp_path: Path, empty_store: Blog) -> None:
    import_path(empty_store, FIXTURES / "demo.xml")
    before = storefiles.snapshot(empty_store.path)
    text = await do_import(
        make_app(empty_store, settings=Settings()), Notes(), FIXTURES / "demo.xml"
    )
    assert "posts 0 new, 0 updated, 4 unchanged" in text
    assert "nothing changed in the store" in text
    assert storefiles.snapshot(empty_store.path) == before


async def test_import_markdown_folder(tmp_path: Path, blog: Blog, empty_store: Blog) -> None:
    folder = tmp_path / "md"
    export(blog, "markdown", folder)
    text = await do_import(make_app(empty_store, settings=Settings()), Notes(), folder)
    assert "md (markdown): posts 4 new" in text
    blog2 = reopen(empty_store)
    try:
        assert sorted(p.slug for p in blog2.posts()) == sorted(p.slug for p in blog.posts())
        assert len(blog2.all_comments()) == len(blog.all_comments())
    finally:
        blog2.close()


async def test_import_reports_skipped_items(tmp_path: Path, empty_store: Blog) -> None:
    source = (FIXTURES / "demo.xml").read_text(encoding="utf-8")
    first = source.index("<wp:post_type>post</wp:post_type>")
    broken = source[:first] + "<wp:post_type>page</wp:post_type>" + source[first + 33 :]
    path = tmp_path / "with-page.xml"
    path.write_text(broken, encoding="utf-8")
    text = await do_import(make_app(empty_store, settings=Settings()), Notes(), path)
    assert "posts 3 new" in text
    assert "left out (not posts): 1 page" in text


async def test_import_bad_path_is_one_line_and_writes_nothing(
    tmp_path: Path, empty_store: Blog
) -> None:
    notes = Notes()
    app = make_app(empty_store, settings=Settings())
    before = storefiles.snapshot(empty_store.path)
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        app.action_import()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        missing = tmp_path / "nowhere.xml"
        screen.query_one(Input).value = str(missing)
        await press(pilot, "enter")
        assert f"{missing}: no such file or folder; nothing imported" in notes
        assert not screen.query_one(ProgressBar).display
        # a file that is not an export: the importer's own one-line reason
        junk = tmp_path / "junk.bin"
        junk.write_bytes(b"\x00\x01 not an export")
        screen.query_one(Input).value = str(junk)
        await press(pilot, "enter")
        assert any(m.startswith("Not imported:") and "unknown format" in m for m in notes.messages)
        assert "Traceback" not in screen_text(app)
    assert storefiles.snapshot(empty_store.path) == before
    assert empty_store.posts() == []


@pytest.mark.parametrize("fmt", ["markdown", "wxr", "json"])
async def test_export_each_format_and_reimport(
    fmt: str, tmp_path: Path, app: ReelApp, open_store: Blog
) -> None:
    notes = Notes()
    out = tmp_path / {"markdown": "out-md", "wxr": "out.xml", "json": "out.json"}[fmt]
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await run_palette(pilot, "Export")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        radio = screen.query_one(RadioSet)
        radio.focus()
        await settle(pilot)
        for _ in range(["markdown", "wxr", "json"].index(fmt)):
            await press(pilot, "right")
        await press(pilot, "space")
        assert screen.format == fmt
        assert screen.query_one(Input).value.endswith(
            {"markdown": "reeltui-export", "wxr": "reeltui-export.xml", "json": "reeltui.json"}[fmt]
        )
        screen.query_one(Input).value = str(out)
        await press(pilot, "ctrl+s")
        bar = screen.query_one(ProgressBar)
        assert bar.display and bar.progress == bar.total
        assert screen.last_progress == (100, "writing")
        text = screen_text(app)
        assert "exported 4 posts" in text and f"({fmt}) to" in text
        assert any(m.startswith("exported 4 posts") for m in notes.messages)
    assert out.exists()
    if fmt == "markdown":
        assert len(list(out.glob("*.md"))) == 4
    elif fmt == "json":
        assert len(json.loads(out.read_text())["posts"]) == 4
    again = Blog(Store.open(tmp_path / "again"))
    try:
        report = import_path(again, out)
        assert report.posts_added == 4
        assert len(again.all_comments()) == len(open_store.all_comments())
    finally:
        again.close()


async def test_export_into_missing_folder_is_refused(tmp_path: Path, app: ReelApp) -> None:
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        app.action_export()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        target = tmp_path / "no" / "such" / "out"
        screen.query_one(Input).value = str(target)
        await press(pilot, "enter")
        assert "does not exist" in " ".join(notes.messages)
    assert not (tmp_path / "no").exists()
