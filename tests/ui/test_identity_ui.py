"""The app knows who the writer is: the composer says who signs and asks once when nobody
said; new posts carry the name; "my drafts" lists the writer's posts, drafts first."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from reeltui.config import Settings
from reeltui.domain.identity import Identity
from reeltui.services import Blog, identity
from reeltui.store import state
from reeltui.ui.app import make_app
from reeltui.ui.screens.comment_actions import CommentActions
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.widgets.meta_form import MetaForm
from reeltui.ui.widgets.post_list import PostList
from tests import storefiles
from tests.ui.helpers import press, screen_text, settle

SIZE = (120, 40)


def stored_comment(blog: Blog, comment_id: str) -> dict[str, object]:
    return storefiles.comments(blog.path)[comment_id]  # type: ignore[no-any-return]


async def reply_on_guest_post(app: object, blog: Blog, pilot: object) -> list[str | None]:
    changed: list[str | None] = []
    CommentActions(app.screen, blog, changed.append).reply("c-guest-1")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return changed


async def test_the_composer_says_who_signs(blog: Blog, tmp_path: Path) -> None:
    settings = Settings(identity=Identity("Marcy L", "m@example.org"), path=tmp_path / "c.toml")
    app = make_app(blog, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        changed = await reply_on_guest_post(app, blog, pilot)
        assert isinstance(app.screen, ComposerScreen)
        assert "replying as Marcy L" in screen_text(app)
        assert not app.screen.query_one("#composer-name", Input).display
        await pilot.press(*"Thanks", "ctrl+s")
        await settle(pilot)
    stored = stored_comment(blog, str(changed[0]))
    assert (stored["author"], stored["email"]) == ("Marcy L", "m@example.org")


async def test_the_composer_asks_once_and_remembers(
    blog: Blog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# mine\ntheme = "nord"\n')
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    site = {"id": 1, "name": "Ruth Maramis", "slug": "ruth", "email": "ruth@example.org"}
    state.put_meta_doc(blog.store, identity.SITE_KEY, site)
    app = make_app(blog)  # the settings file has no [identity]: ask
    async with app.run_test(size=SIZE) as pilot:
        changed = await reply_on_guest_post(app, blog, pilot)
        name = app.screen.query_one("#composer-name", Input)
        assert name.display and name.value == "Ruth Maramis"  # what the last sync found
        assert "Sign as" in screen_text(app)
        await pilot.press(*"Thanks", "ctrl+s")
        await settle(pilot)
        for _ in range(50):  # the settings are written by a worker
            if "[identity]" in config.read_text():
                break
            await pilot.pause(0.05)
        # asked once: the next reply just says who signs
        await reply_on_guest_post(app, blog, pilot)
        assert not app.screen.query_one("#composer-name", Input).display
        assert "replying as Ruth Maramis" in screen_text(app)
    saved = tomllib.loads(config.read_text())
    assert saved["identity"] == {"name": "Ruth Maramis", "email": "ruth@example.org"}
    assert config.read_text().startswith('# mine\ntheme = "nord"\n')
    assert stored_comment(blog, str(changed[0]))["author"] == "Ruth Maramis"


async def test_a_name_typed_when_asked_signs_the_reply(
    blog: Blog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config.toml"))
    app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        changed = await reply_on_guest_post(app, blog, pilot)
        name = app.screen.query_one("#composer-name", Input)
        assert name.value == "Ruth"  # no sync yet: the blog's main author, to confirm
        name.value = "Tom Writer"
        await pilot.press(*"Hello", "ctrl+s")
        await settle(pilot)
    assert stored_comment(blog, str(changed[0]))["author"] == "Tom Writer"


async def test_a_new_post_carries_the_writers_name(blog: Blog, tmp_path: Path) -> None:
    settings = Settings(identity=Identity("Marcy L"), path=tmp_path / "c.toml")
    app = make_app(blog, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main_screen is not None
        app.main_screen.new_from_template("review")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one(MetaForm).form().author == "Marcy L"


async def test_my_drafts_view(blog: Blog, tmp_path: Path) -> None:
    from reeltui.domain.models import Post

    blog.save_post(Post(id="p-mine", slug="mine", title="My draft", author="Ruth", status="draft"))
    blog.save_post(Post(id="p-his", slug="his", title="His draft", author="Conor Holt"))
    settings = Settings(identity=Identity("Ruth"), path=tmp_path / "c.toml")
    app = make_app(blog, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        await settle(pilot)
        posts = [item.row.post for item in app.screen.query_one(PostList).items]
        assert posts[0].id == "p-mine" and {p.author for p in posts} == {"Ruth"}
        assert "my drafts first" in screen_text(app)
        await press(pilot, "m")
        await settle(pilot)
        assert len(app.screen.query_one(PostList).items) == 6


def unread_authors(app: object) -> list[tuple[str, bool]]:
    post_list = app.main_screen.query_one(PostList)  # type: ignore[attr-defined]
    return [(item.row.post.author, item.mark.unread) for item in post_list.items]


async def test_signing_the_first_reply_keeps_the_writers_posts_unread(
    blog: Blog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new-user pass: a first reply signed with the name offered (Ruth, the blog's main
    author) made Ruth's posts read, never opened, from the next list on. Who the writer is
    changes no dot: only opening a post (or `u`, `A`) does."""
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config.toml"))
    app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = unread_authors(app)
        assert before == [("Ruth", True), ("Conor Holt", True), ("Ruth", True), ("Ruth", True)]
        await reply_on_guest_post(app, blog, pilot)
        assert app.screen.query_one("#composer-name", Input).value == "Ruth"
        await pilot.press(*"Thanks", "ctrl+s")
        await settle(pilot)
        await press(pilot, "s")  # the list made again (sorted by rating)
        await settle(pilot)
        assert sorted(unread_authors(app)) == sorted(before)
    assert "Ruth" in (tmp_path / "config.toml").read_text()  # signed: Ruth is the writer now
    again = make_app(blog)  # and at the next start
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert unread_authors(again) == before


async def test_ctrl_q_in_the_composer_keeps_the_reply_and_says_so(
    blog: Blog, tmp_path: Path
) -> None:
    """Ctrl+Q while a reply was typed quit and lost it (Esc keeps it as a draft): now it is
    kept as Esc keeps it before the app ends, and the app says where."""
    from tests.ui.helpers import wait_until

    settings = Settings(identity=Identity("Marcy L"), path=tmp_path / "c.toml")
    app = make_app(blog, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await reply_on_guest_post(app, blog, pilot)
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press(*"Half a thought", "ctrl+q")
        await wait_until(pilot, lambda: app._exit, "the app quits")
        said = " ".join(str(r) for r in app._exit_renderables)
        assert "your reply was kept as a draft on its comment" in said
    drafts = [
        c for c in storefiles.comments(blog.path).values() if c.get("body") == "Half a thought"
    ]
    assert len(drafts) == 1 and drafts[0]["author"] == "Marcy L", drafts
