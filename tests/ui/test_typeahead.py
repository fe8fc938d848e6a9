"""Type-ahead: keys sent in one burst, with no pause between them (a fast typist, a paste,
a loaded machine), each land where focus is once the keys before them were handled.

`burst` hands every key to the app the way the terminal driver does and waits only at the
end; Pilot's `press` would wait for the app to be idle after each key and hide the bug.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from tests.ui.helpers import burst, key_events, settle, stored_post

SIZE = (120, 40)


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def field(app: object, name: str) -> str:
    return app.screen.query_one(f"#field-{name}", Input).value  # type: ignore[attr-defined]


async def test_a_long_burst_across_fields_fills_every_field(store_path: Path) -> None:
    blog = open_blog(store_path)
    app = make_app(
        blog,
        settings=Settings(),
        # autosave after every change: background writes run all through the burst
        initial_screen=lambda: EditorScreen(
            blog, template="review", clock=clock, autosave_delay=0.001
        ),
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(
            pilot,
            "Dune: Part Two", "<tab>", "dune-part-two", "<tab>", "Ana Reel", "<tab>",
            "<enter>", "<down>", "<enter>",  # status (a Select): draft -> pending
            "<tab>", "<tab>", "<ctrl+u>", "Gue", "<right>",  # "Review" cleared, completed
            "<tab>", "Sci", "<right>", ", Zendaya",  # a tag completed, then typed on
            "<shift+tab>", "<end>", ", Rev", "<right>",  # back to the categories
            "<tab>", "<tab>", "Sand and spice.",  # excerpt
            "<tab>", "3.5",  # rating
            "<tab>", "Dune: Part Two", "<tab>", "2024", "<tab>", "Denis Villeneuve",
            "<tab>", "Timothée Chalamet, Zendaya",
            "<f3>", "Spice must flow.",  # the body (pane switch: an autosave)
            "<f2>", "<end>", " (IMAX)",  # back to the title (another autosave)
            "<f3>", " Really.",  # the body again, where its cursor was
        )  # fmt: skip
        assert (field(app, "title"), field(app, "slug"), field(app, "author")) == (
            "Dune: Part Two (IMAX)",
            "dune-part-two",
            "Ana Reel",
        )
        assert field(app, "categories") == "Guest Post, Review"
        assert field(app, "tags") == "Science Fiction, Zendaya"
        assert field(app, "excerpt") == "Sand and spice."
        assert field(app, "rating") == "3.5"
        assert (field(app, "film_title"), field(app, "film_year")) == ("Dune: Part Two", "2024")
        assert field(app, "film_director") == "Denis Villeneuve"
        assert field(app, "film_cast") == "Timothée Chalamet, Zendaya"
        body = app.screen.query_one("#body", TextArea).text
        assert body.startswith("## The film\n\nSpice must flow. Really.\n\n## What works")
        await burst(pilot, "<ctrl+s>")
    blog.close()

    saved = open_blog(store_path, read_only=True)
    try:
        post = saved.post_by_slug("dune-part-two")
        assert post.title == "Dune: Part Two (IMAX)" and post.status == "pending"
        assert post.categories == ["Guest Post", "Review"] and post.rating == 3.5
        assert post.tags == ["Science Fiction", "Zendaya"] and post.film.year == 2024
    finally:
        saved.close()


async def test_keys_typed_while_a_screen_opens_land_on_it(store_path: Path) -> None:
    """n (a chooser opens), enter (the editor opens), then the title at once: nothing of it
    goes to the list behind, nothing is lost while the editor is being built."""
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "n", "<enter>", "Quick title", "<tab>", "quick")
        assert isinstance(app.screen, EditorScreen)
        assert (field(app, "title"), field(app, "slug")) == ("Quick title", "quick")
    blog.close()


async def test_a_burst_in_the_list_filter_then_back_to_the_list(store_path: Path) -> None:
    """`/` focuses the filter box, the words go in it, enter gives focus back, j moves the
    cursor and enter opens the post: all in one burst."""
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "/", "her", "<enter>", "j", "<enter>")
        main = app.main_screen
        assert main is not None
        assert main.query_one("#list-search", Input).value == "her"
        assert main.current_post is not None
        matching = [item.row.post.id for item in main.post_list.items]
        assert len(matching) > 2 and main.current_post == matching[1]  # j: the second match
    blog.close()


async def test_ctrl_s_right_after_typing_saves_the_words_typed(store_path: Path) -> None:
    """Ctrl+S is a priority binding: the app ran it before the field had taken the letters
    typed just before it, and the post was saved without them."""
    blog = open_blog(store_path)
    post_id = blog.post_by_slug("flixchatter-review-spike-jonzes-her").id
    app = make_app(blog, settings=Settings(), initial_screen=lambda: EditorScreen(blog, post_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(
            pilot, "<f2>", "<end>", " (2013)", "<ctrl+s>", "<f3>", "Seen twice. ", "<ctrl+s>"
        )
        assert "unsaved changes" not in str(app.screen.query_one("#editor-status").render())
    blog.close()
    post = stored_post(store_path, post_id)
    assert post.title == "FlixChatter Review: Spike Jonze’s HER (2013)"
    assert post.body.startswith("Seen twice. Once in a while")


async def test_escape_and_the_next_key_read_in_one_go_are_both_keys(store_path: Path) -> None:
    """Esc then k at once reach the app as alt+k (the terminal parser's reading of "ESC k"):
    the Esc was lost and "k" typed into the title. Now Esc opens the unsaved-changes
    question and k answers it (keep editing); Esc then s saves and closes."""
    blog = open_blog(store_path)
    post_id = blog.post_by_slug("flixchatter-review-spike-jonzes-her").id
    app = make_app(blog, settings=Settings(), initial_screen=lambda: EditorScreen(blog, post_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "<f2>", "<end>", "!", "<alt+k>", "?")
        assert isinstance(app.screen, EditorScreen)
        assert field(app, "title") == "FlixChatter Review: Spike Jonze’s HER!?"
        await burst(pilot, "<alt+s>")
        assert not isinstance(app.screen, EditorScreen)  # saved and closed
    blog.close()
    saved = open_blog(store_path, read_only=True)
    try:
        assert saved.post(post_id).title == "FlixChatter Review: Spike Jonze’s HER!?"
    finally:
        saved.close()


async def test_keys_after_save_and_close_go_to_the_screen_behind_the_editor(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc, s (save and close) and j at once, the disk slow to answer: the save goes through
    the app's save queue (one writer thread); j waits for it and moves the list's cursor
    behind the editor, instead of landing in the body of an editor about to close."""
    from reeltui.store import commit as commits
    from reeltui.ui.screens.main import MainScreen

    disk = threading.Event()
    real = commits.commit

    def slow(*args: Any, **kwargs: Any) -> None:
        disk.wait(10)  # held until the keys are all in
        real(*args, **kwargs)

    blog = open_blog(store_path)
    post_id = blog.post_by_slug("flixchatter-review-spike-jonzes-her").id
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        before = main.post_list.cursor
        await app.push_screen(EditorScreen(blog, post_id))
        await settle(pilot)
        monkeypatch.setattr(commits, "commit", slow)
        keys = key_events("<f3>", "Seen twice. ", "<escape>", "s", "j")
        sent = app.typeahead.delivered + len(keys)

        async def answer_the_disk() -> None:
            """Once j was handed on (too early: the save is still being written), or once the
            save has been held a second with j waiting for it."""
            held = 0.0
            while app.typeahead.delivered < sent and held < 1.0:
                await asyncio.sleep(0.01)
                held = held + 0.01 if app.saves.in_flight else 0.0
            disk.set()

        opener = asyncio.create_task(answer_the_disk())
        await burst(pilot, "<f3>", "Seen twice. ", "<escape>", "s", "j")
        await opener
        assert app.screen is main
        assert main.post_list.cursor == before + 1
    blog.close()
    post = stored_post(store_path, post_id)
    assert post.body.startswith("Seen twice. Once in a while")
