"""Views follow the store: whatever changes it while the app is open (the editor, a recovered
draft, the inbox, another reeltui's command line), the list, the counts and the open thread
show it without a restart. One notification path (services/events.py) carries the news."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from reeltui.config import Settings
from reeltui.services import Blog, events
from reeltui.services.drafts import EditSession
from reeltui.services.session import open_blog
from reeltui.services.templates import post_from_template
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.screens.recover import recovery_screen
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.status import StatusLine
from tests.ui.helpers import press, settle

BIN = Path(sys.executable).parent / "reeltui"
HER = "flixchatter-review-spike-jonzes-her"


def status(app: object) -> str:
    main = app.main_screen  # type: ignore[attr-defined]
    return str(main.query_one(StatusLine).text)


def test_every_change_of_the_blog_is_announced(blog: Blog) -> None:
    heard: list[events.Change] = []
    stop = events.subscribe(blog, heard.append)
    her = blog.post_by_slug(HER)
    blog.save_post(her)
    comment = blog.comments(her.id)[0]
    blog.save_comment(comment)
    blog.invalidate()
    stop()
    blog.invalidate()  # no longer heard
    assert [(c.kind, c.ids) for c in heard] == [
        ("post", (her.id,)),
        ("comment", (comment.id,)),
        ("all", ()),
    ]


async def test_a_recovered_draft_saved_shows_in_the_list_at_once(store_path: Path) -> None:
    blog = open_blog(store_path)
    post = post_from_template("review", title="Lost and found", author="Ruth")
    EditSession(blog, post, is_new=True).autosave(post)  # then the app died
    blog.close()

    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings(), initial_screen=recovery_screen(blog))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "0 draft posts" in status(app)
        await press(pilot, "enter")  # open the working copy in the editor
        assert isinstance(app.screen, EditorScreen)
        await press(pilot, "ctrl+s")
        await press(pilot, "escape")
        assert "1 draft post ·" in status(app) and "4 posts" not in status(app)
        titles = [i.row.post.title for i in app.screen.query_one(PostList).items]
        assert "Lost and found" in titles
    blog.close()


async def test_moderation_in_the_inbox_updates_the_main_screen_once_shown_again(blog: Blog) -> None:
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "1 pending comment" in status(app)
        await app.push_screen(InboxScreen(blog, pending=True))
        await settle(pilot)
        await press(pilot, "a")  # approve the comment waiting for moderation
        # The main screen underneath is not drawn while covered: once, when shown again.
        assert "1 pending comment" in status(app)
        await press(pilot, "escape")
        assert app.screen is app.main_screen
        assert "0 pending comments" in status(app)
    assert blog.counts().pending_comments == 0


async def test_a_read_only_app_sees_what_the_command_line_wrote(store_path: Path) -> None:
    """Another reeltui (here its command line) writes while this one looks, read-only."""
    blog = open_blog(store_path, read_only=True)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "0 queued replies" in status(app)
        done = subprocess.run(
            [str(BIN), "--store", str(store_path), "reply", HER, "c-her-6", "--text", "Hi!"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 60
        while "1 queued reply" not in status(app):  # the app looks every 2 s
            assert time.monotonic() < deadline, status(app)
            await pilot.pause(0.1)
    blog.close()
