"""The editor's layout at 80x24 and 120x40 (the body keeps 60 columns or more: the form folds
away, the preview goes under the body), zoom anywhere, and the rating field's phrases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Static, TextArea

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.widgets.meta_form import MetaForm
from reeltui.ui.widgets.preview import Preview
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import burst, press, settle


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def editor_app(store: Path) -> ReelApp:
    blog = open_blog(store)
    return make_app(
        blog,
        settings=Settings(),
        initial_screen=lambda: EditorScreen(blog, template="review", clock=clock),
    )


def body(app: ReelApp) -> TextArea:
    return app.screen.query_one("#body", TextArea)


async def test_at_80x24_the_body_has_the_width_and_f2_unfolds_the_form(store_path: Path) -> None:
    app = editor_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = app.screen.query_one(MetaForm)
        text = app.screen.query_one("#editor-text")
        assert form.display and not text.display  # a new post starts on its title
        await burst(pilot, "Dune", "<tab>", "dune", "<f3>", "Spice.")
        assert not form.display and text.display and body(app).size.width >= 60
        heading = str(app.screen.query_one("#editor-title", Static).render())
        assert "new post · Dune" in heading and "F2: details" in heading
        await burst(pilot, "<f2>", "<end>", " 2", "<f3>", " More.")
        assert form.display is False and body(app).size.width >= 76
        assert app.screen.query_one("#field-title", Input).value == "Dune 2"
        assert app.screen.query_one("#field-slug", Input).value == "dune"
        assert body(app).text.startswith("## The film\n\nSpice. More.\n")
        await press(pilot, "f4")  # the preview goes under the body, not beside it
        preview = app.screen.query_one(Preview)
        assert preview.display and body(app).size.width >= 60
        assert preview.region.y > body(app).region.y
    app.blog.close()


async def test_at_120x40_form_beside_the_body(store_path: Path) -> None:
    app = editor_app(store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f3")
        form = app.screen.query_one(MetaForm)
        assert form.display and form.size.width >= 40 and body(app).size.width >= 60
        await press(pilot, "f4")
        assert body(app).size.width >= 60  # preview under it below 150 columns
    app.blog.close()
    app = editor_app(store_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "f3", "f4")
        preview = app.screen.query_one(Preview)
        assert preview.region.x > body(app).region.x  # wide: side by side
        assert body(app).size.width >= 60
    app.blog.close()


async def test_zoom_fills_the_screen_with_the_focused_pane(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # the reader has focus
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen.maximized, Reader)
        await press(pilot, "ctrl+o")
        assert app.screen.maximized is None
        await press(pilot, "c", "f11")
        assert isinstance(app.screen.maximized, Thread)
        await press(pilot, "escape")  # Textual's way back as well
        assert app.screen.maximized is None


async def test_zoom_in_the_editor_while_typing(store_path: Path) -> None:
    app = editor_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await burst(pilot, "<f3>", "<ctrl+o>", "Words")
        assert app.screen.maximized is body(app) and "Words" in body(app).text
        await burst(pilot, "<ctrl+o>")
        assert app.screen.maximized is None
    app.blog.close()


async def test_the_rating_field_takes_the_blogs_own_phrases(store_path: Path) -> None:
    app = editor_app(store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rating = app.screen.query_one("#field-rating", Input)
        reels = app.screen.query_one("#rating-reels", Static)
        for typed in ("4.5 out of 5 reels", "4½", "4.5/5", "4.5"):
            rating.value = ""
            rating.focus()
            await burst(pilot, typed)
            assert rating.value == typed
            assert str(reels.render()) == "●●●●◐ 4.5"
            assert not rating.has_class("-invalid")
        await burst(pilot, "<ctrl+s>")
    app.blog.close()
    blog = open_blog(store_path, read_only=True)
    try:
        assert [p.rating for p in blog.posts() if p.title == ""] == [4.5]
    finally:
        blog.close()
