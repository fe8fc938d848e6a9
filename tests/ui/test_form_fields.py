"""Form fields keep their words: Tab or F2 into a filled field puts the cursor after its value
(Textual's Input selected it all, so the first key replaced it: Author "Ruth" became "2",
Categories "Review" became "5", the title was wiped). Keys are sent as the terminal sends
them (`burst`), and the post is read back from the store on disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.prompt import PromptScreen
from reeltui.ui.screens.transfer import ExportScreen
from tests.ui.helpers import HER, burst, settle, stored_post

SIZE = (120, 40)


async def test_tab_and_f2_into_filled_fields_add_to_their_words(store_path: Path) -> None:
    blog = open_blog(store_path)
    post_id = blog.post_by_slug(HER).id
    app = make_app(blog, settings=Settings(), initial_screen=lambda: EditorScreen(blog, post_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(
            pilot,
            "<f2>", " (2013)",  # the title: F2 from the body
            "<tab>", "<tab>", " S.",  # the author, past the slug
            "<tab>", "<tab>", "<tab>", ", Drama",  # the categories, past status and date
            "<tab>", "<tab>", "<tab>", "<backspace>",  # the rating: 4.5 -> 4.
        )  # fmt: skip
        screen = app.screen
        assert isinstance(screen, EditorScreen)

        def value(name: str) -> str:
            return screen.query_one(f"#field-{name}", Input).value

        assert value("title") == "FlixChatter Review: Spike Jonze’s HER (2013)"
        assert value("author") == "Ruth S."
        assert value("categories") == "Review, Drama"
        assert value("rating") == "4."
        await burst(pilot, "<shift+tab>", "<shift+tab>", "<shift+tab>", "x")
        assert value("categories") == "Review, Dramax"  # back again: still at the end
        await burst(pilot, "<backspace>", "<tab>", "<tab>", "<tab>", "5", "<ctrl+s>")
        await settle(pilot)
    blog.close()
    post = stored_post(store_path, post_id)
    assert post.title == "FlixChatter Review: Spike Jonze’s HER (2013)"
    assert post.author == "Ruth S." and post.categories == ["Review", "Drama"]
    assert post.rating == 4.5


async def test_other_forms_keep_a_filled_value_when_focused(store_path: Path) -> None:
    """The reply's signature, a prompt and the export path: typing adds to the value."""
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(PromptScreen("Save this search", "A name", value="horror"))
        await settle(pilot)
        await burst(pilot, "s")
        assert app.screen.query_one("#prompt-input", Input).value == "horrors"
        await burst(pilot, "<escape>")
        export = ExportScreen(blog)
        app.push_screen(export)
        await settle(pilot)
        path = export.query_one("#export-path", Input)
        before = path.value
        await burst(pilot, "<shift+tab>", "<tab>", "2")
        assert path.value == before + "2"
        await burst(pilot, "<escape>")
        comment = next(c for c in blog.all_comments() if c.origin != "local")
        composer = ComposerScreen.for_reply(blog, comment.id)
        app.push_screen(composer)
        await settle(pilot)
        name = composer.query_one("#composer-name", Input)
        assert name.display  # no [identity] yet: the composer asks who signs
        filled = name.value
        assert filled
        await burst(pilot, "<shift+tab>", " S.")
        assert name.value == filled + " S."
    blog.close()
