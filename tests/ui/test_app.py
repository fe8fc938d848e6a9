"""App-wide: help, palette, themes and settings, keymap, mouse, NO_COLOR, narrow layout."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reeltui.config import Settings, load_settings
from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.help import HelpScreen
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import HER, Notes, press, screen_text, settle


async def test_help_lists_the_keys_of_the_focused_pane(open_store: Blog) -> None:
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Keys · Post list" in text
        assert re.search(r"\bs\s+Sort", text) and re.search(r"\bf\s+Filters", text)
        assert re.search(r"↓ / j\s+Down", text) and "Everywhere" in text
        await press(pilot, "escape", "enter", "c", "question_mark")
        text = screen_text(app)
        assert "Keys · Comments" in text and "Collapse/expand" in text and "Next sibling" in text
        assert "Sort" not in text  # the list's keys are not the thread's
        await press(pilot, "question_mark")
        assert isinstance(app.screen, MainScreen)


async def test_palette_opens_a_post_by_title(open_store: Blog) -> None:
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        for key in "open: spike":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.5)
        await settle(pilot)
        assert "open: FlixChatter Review: Spike Jonze’s HER" in screen_text(app)
        await press(pilot, "enter")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.post is not None and reader.post.slug == HER
        await press(pilot, "ctrl+p")
        for key in "sort":
            await pilot.press(key)
        await pilot.pause(0.5)
        await settle(pilot)
        assert "Posts: cycle sort" in screen_text(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.listing.sort == "rating"


def terminal_click(app: ReelApp, widget: Widget, offset: tuple[int, int]) -> None:
    """A click as the terminal driver delivers it: through App.on_event (Pilot bypasses it)."""
    x, y = widget.region.offset + offset
    for cls in (events.MouseDown, events.MouseUp):
        app.post_message(cls(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))


async def test_theme_and_mouse_are_remembered_in_the_toml(store_path: Path, tmp_path: Path) -> None:
    config = tmp_path / "cfg" / "config.toml"
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings(path=config))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+t")
        chosen = app.theme
        assert chosen != "textual-dark"
        await press(pilot, "M")
        await settle(pilot)
    blog.close()
    saved = tomllib.loads(config.read_text())
    assert saved["theme"] == chosen and saved["mouse"] is False
    settings, problems = load_settings(config)
    assert problems == [] and settings.theme == chosen
    blog = open_blog(store_path)
    app = make_app(blog, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == chosen and not app.mouse_enabled
        # Mouse off: a click on a post does not open it.
        post_list = app.screen.query_one(PostList)
        terminal_click(app, post_list, (5, 1))
        await settle(pilot)
        assert app.screen.query_one(Reader).post is None
        await press(pilot, "M")
        terminal_click(app, post_list, (5, 1))
        await settle(pilot)
        assert app.screen.query_one(Reader).post is not None
    blog.close()


async def test_bad_config_gives_a_notice_and_defaults(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('theme = "no-such-theme"\nmouse = "yes"\n[keymap]\n"nope.nope" = "x"\n')
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    blog = open_blog(store_path)
    app = make_app(blog)  # reads the config file itself
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark" and app.mouse_enabled
        assert "mouse must be true or false" in notes
        assert "unknown theme 'no-such-theme'" in notes
        assert f'{config} line 4: "nope.nope" = "x": no key has this id' in notes
    config.write_text("this is [not toml")
    app = make_app(blog)
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        assert "is not valid TOML" in notes
        assert len(app.screen.query_one(PostList).items) == 4
    blog.close()


async def test_keymap_remaps_a_binding_by_id(open_store: Blog) -> None:
    app = make_app(open_store, settings=Settings(keymap={"list.sort": "O", "list.down": "ctrl+n"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await press(pilot, "s")
        assert screen.listing.sort == "date"  # s no longer sorts
        await press(pilot, "O")
        assert screen.listing.sort == "rating"
        await press(pilot, "ctrl+n")
        assert screen.query_one(PostList).cursor == 1
        await press(pilot, "question_mark")
        assert re.search(r"\bO\s+Sort", screen_text(app))


async def test_no_color_renders_in_monochrome(
    open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        svg = app.export_screenshot()
    colours = set(re.findall(r"#([0-9a-f]{6})", svg))
    assert colours
    greys = {c for c in colours if c[0:2] == c[2:4] == c[4:6]}
    # Only the SVG frame's own colours (window buttons, default text) are not greys.
    assert colours - greys <= {"28c840", "febc2e", "ff5f57", "c5c8c6"}


async def test_narrow_terminal_shows_one_pane_at_a_time(open_store: Blog) -> None:
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        assert screen.query_one("#list-pane").display and screen.query_one(PostList).region
        assert not screen.query_one(Reader).region
        await press(pilot, "enter")
        assert screen.query_one(Reader).region and not screen.query_one("#list-pane").region
        await press(pilot, "c")
        assert screen.query_one(Thread).region and not screen.query_one(Reader).region
        await press(pilot, "2")
        assert screen.query_one(Reader).region
        await press(pilot, "escape")
        assert screen.query_one(PostList).has_focus and screen.query_one(PostList).region


async def test_header_names_the_blog_from_its_posts(open_store: Blog) -> None:
    post = open_store.post_by_slug(HER)
    post.source = {"wp": "https://flixchatter.net/2014/01/11/her/"}
    open_store.save_post(post)
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "reeltui · flixchatter.net" in screen_text(app)


async def test_initial_screen_and_read_only_header(store_path: Path) -> None:
    class Marker(Screen[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("the editor would be here")

    blog = open_blog(store_path, read_only=True)
    app = make_app(blog, settings=Settings(), initial_screen=Marker)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Marker)
        app.pop_screen()
        await settle(pilot)
        assert "[read-only]" in screen_text(app)
        await press(pilot, "enter")  # reading works on a read-only store
        assert app.screen.query_one(Reader).post is not None
    blog.close()
