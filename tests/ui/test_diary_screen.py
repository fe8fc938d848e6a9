"""Pilot tests of the film diary screen (D) on a real demo store with a Letterboxd export in it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input

from reeltui.config import Settings
from reeltui.domain.identity import Identity
from reeltui.formats.letterboxd import read_letterboxd
from reeltui.services import Blog, diary
from reeltui.services.diary_import import import_letterboxd
from reeltui.ui.app import make_app
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.screens.diary import DiaryScreen
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.main import MainScreen
from tests import storefiles
from tests.ui.helpers import HER, press, screen_text, settle
from tests.unit.test_letterboxd_format import EXPORT, zip_of

SIZE = (120, 40)


def with_diary(blog: Blog) -> Blog:
    import_letterboxd(blog, read_letterboxd(EXPORT))
    return blog


async def open_diary(pilot: object, app: object) -> DiaryScreen:
    await press(pilot, "D")  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, DiaryScreen)
    return screen


async def test_the_diary_lists_searches_and_shows_the_review(blog: Blog) -> None:
    app = make_app(with_diary(blog), settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "9 in the diary (D)" in screen_text(app)
        screen = await open_diary(pilot, app)
        text = screen_text(app)
        assert "Film diary — 9 entries, newest first" in text
        assert "Red, White & Royal Blue" in text and "Amélie" in text
        assert "千と千尋の神隠し" in [e.title for e in screen.items]
        assert "→ FlixChatter Review: Spike Jonze" in text  # Her: reviewed on the blog
        await press(pilot, "slash", *"amelie")
        assert [e.title for e in screen.items] == ["Amélie"]  # accents and case ignored
        await press(pilot, *["backspace"] * 6, *"paris")
        assert [e.title for e in screen.items] == ["Amélie"]  # a tag
        await press(pilot, "escape")
        text = screen_text(app)
        assert "1 of 9 entries" in text and "Still charming, still Paris" in text
        assert "Not reviewed on the blog (w writes it up)" in text


async def test_enter_opens_the_linked_post_and_lists_candidates_when_ambiguous(
    blog: Blog,
) -> None:
    app = make_app(with_diary(blog), settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_diary(pilot, app)
        assert screen.current is not None and screen.current.title == "Her"
        assert "Reviewed on the blog: FlixChatter Review" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        await settle(pilot)
        assert app.screen.current_post == f"p-{HER}"
        assert "reader" in app.screen.pane and "Spike Jonze" in screen_text(app)
        # a second post about Her (2013): the diary lists both and lets the user choose
        her = blog.post(f"p-{HER}")
        blog.save_post(replace(her, id="p-her-2", slug="her-2", title="Her, revisited"))
        screen = await open_diary(pilot, app)
        assert "? 2 posts" in screen_text(app)
        assert "Several posts could be the review" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, PickScreen)
        text = screen_text(app)
        assert "Which post is about Her?" in text and "Her, revisited" in text


async def w_on(pilot: object, app: object, search: str, title: str) -> DiaryScreen:
    """Opens the diary, finds the entry titled `title` with `search`, presses w."""
    screen = await open_diary(pilot, app)
    await press(pilot, "slash", *search, "enter")  # type: ignore[arg-type]
    assert screen.current is not None and screen.current.title == title
    await press(pilot, "w")  # type: ignore[arg-type]
    return screen


async def test_w_turns_a_review_into_a_draft_in_the_editor(blog: Blog) -> None:
    app = make_app(with_diary(blog), settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await w_on(pilot, app, "elysium", "Elysium")
        assert isinstance(app.screen, EditorScreen)
        body = app.screen.body.text
        assert "## The verdict\n\n*Matt Damon* deserved better." in body
        on_disk = storefiles.posts(blog.path)
        [made] = [p for p in on_disk.values() if p["title"] == "Elysium"]
        assert made["status"] == "draft" and made["rating"] == 1.5
        assert made["film"]["year"] == 2013
        await press(pilot, "escape")
        assert isinstance(app.screen, DiaryScreen)
        assert "Reviewed on the blog: Elysium" in screen_text(app)


async def test_the_import_dialog_takes_a_letterboxd_zip(blog: Blog, tmp_path: Path) -> None:
    export = zip_of(EXPORT, tmp_path / "letterboxd-ruth.zip")
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_import()
        await settle(pilot)
        app.screen.query_one("#import-path", Input).value = str(export)
        await press(pilot, "enter")
        text = screen_text(app)
        assert "9 diary" in text and "entries (9 new, 0 updated, 0 unchanged)" in text
        await press(pilot, "escape")
        assert "9 in the diary (D)" in screen_text(app)
        screen = await open_diary(pilot, app)
        assert len(screen.items) == 9


async def test_w_signs_the_draft_and_opens_the_blogs_review_of_a_reviewed_film(
    blog: Blog,
) -> None:
    settings = Settings(identity=Identity("Ruth Maxwell", "ruth@example.org"))
    app = make_app(with_diary(blog), settings=settings)
    before = {p.id for p in blog.posts()}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await w_on(pilot, app, "red white", "Red, White & Royal Blue")
        assert isinstance(app.screen, EditorScreen)
        made = app.screen.session.saved
        assert made.author == "Ruth Maxwell"  # signed like any new post (n)
        await press(pilot, "escape")
        assert isinstance(app.screen, DiaryScreen)
        # Her is reviewed on the blog: w opens that review, no second post about Her
        await press(pilot, "slash", *["backspace"] * 9, *"2013 her", "enter")
        assert screen.current is not None and screen.current.title == "Her"
        await press(pilot, "w")
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.saved.id == f"p-{HER}"
        said = [str(n.message) for n in app._notifications]
        assert "The blog already has a post about Her: opening it" in said
        await press(pilot, "escape")
    assert {p.id for p in blog.posts()} == before | {made.id}
    her = [e for e in diary.entries(blog) if e.title == "Her"]
    assert all(diary.links(blog, her)[e.id].post_id == f"p-{HER}" for e in her)
