"""The editor reached from the main screen: `n` new post from a template, `e` edit the open
post; what is saved shows in the list at once and is in the store on disk."""

from __future__ import annotations

from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import PostList
from tests import storefiles
from tests.ui.helpers import press, screen_text, settle


def stored_titles(blog: Blog) -> set[str]:
    return {p["title"] for p in storefiles.posts(blog.path).values()}


async def test_new_post_from_template_then_edit_the_open_post(
    app: ReelApp, open_store: Blog
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, PickScreen)
        await press(pilot, "enter")  # the first template: a review
        assert isinstance(app.screen, EditorScreen)
        editor = app.screen
        editor.query_one("#field-title").value = "Arrival"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert "Arrival" in stored_titles(open_store)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        await settle(pilot)
        titles = [item.row.post.title for item in app.screen.query_one(PostList).items]
        assert "Arrival" in titles
        # Open the Her review and edit its title.
        await press(pilot, "g")
        her = next(
            i
            for i, item in enumerate(app.screen.query_one(PostList).items)
            if item.row.post.slug == "flixchatter-review-spike-jonzes-her"
        )
        app.screen.query_one(PostList).cursor = her  # type: ignore[attr-defined]
        await press(pilot, "enter", "e")
        assert isinstance(app.screen, EditorScreen)
        app.screen.query_one("#field-title").value = "Her, reviewed"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s", "escape")
        assert isinstance(app.screen, MainScreen)
        assert "Her, reviewed" in stored_titles(open_store)


async def test_an_edited_posts_row_is_drawn_again_on_screen(app: ReelApp, open_store: Blog) -> None:
    """The list row of a post saved in the editor shows what was saved as soon as the editor
    closes: the rows were the same row objects (in the same order), so the list took the load
    for "nothing changed" and drew nothing; the screen kept the old author until the cursor
    moved (found by hand in tmux)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        items = app.screen.query_one(PostList).items
        her = next(
            i for i, item in enumerate(items)
            if item.row.post.slug == "flixchatter-review-spike-jonzes-her"
        )  # fmt: skip
        app.screen.query_one(PostList).cursor = her  # type: ignore[attr-defined]
        await press(pilot, "enter", "e")
        assert isinstance(app.screen, EditorScreen)
        app.screen.query_one("#field-author").value = "Xanthe Quill"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s", "escape")
        assert isinstance(app.screen, MainScreen)
        await settle(pilot)
        shown = screen_text(app)
        row = next(line for line in shown.splitlines() if "2014-01-11  ●" in line)
        assert "Xanthe" in row.split("││")[0], shown  # the list's pane: the row's meta line
