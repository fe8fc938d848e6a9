"""The editor's details as a new user meets them: the rating is shown once when there is none
(the field said "no rating" and the line under it said it again), a save with bad fields names
them as the form labels them (not "film_year"), and F8 → Link on a draft copies the address it
will have (it copied "/arrival/") or says why there is none. Pilot, real demo store."""

from __future__ import annotations

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.sync import state as syncstate
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.editor_modals import CopyMenu
from tests.ui.helpers import Notes, burst, press, screen_text, settle

SIZE = (120, 40)


async def new_review(pilot: object, app: ReelApp, title: str) -> EditorScreen:
    await press(pilot, "n", "enter")  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    screen.query_one("#field-title").value = title  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return screen


async def test_no_rating_is_said_once_and_a_rating_shows_its_reels(app: ReelApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await new_review(pilot, app, "Arrival")
        lines = screen_text(app).splitlines()
        assert sum("no rating" in ln for ln in lines) == 1
        await burst(pilot, "<f2>", *["<tab>"] * 8)  # Title … Excerpt, then Rating
        assert app.focused is not None and app.focused.id == "field-rating"
        await burst(pilot, "4.5")
        assert any("●●●●◐ 4.5" in ln for ln in screen_text(app).splitlines())


async def test_a_save_with_bad_fields_names_them_as_the_form_does(app: ReelApp) -> None:
    notes = Notes()
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        screen = await new_review(pilot, app, "Arrival")
        screen.query_one("#field-film_year").value = "20x"  # type: ignore[attr-defined]
        screen.query_one("#field-date").value = "yesterday"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert "Saved, except the marked fields (Date, Year)" in notes.messages


async def copy_link(pilot: object, app: ReelApp) -> None:
    await press(pilot, "f8")  # type: ignore[arg-type]
    assert isinstance(app.screen, CopyMenu)
    await burst(pilot, "G", "<enter>")  # type: ignore[arg-type]  # Link, the last


async def test_f8_link_on_a_draft_gives_the_address_it_will_have(open_store: Blog) -> None:
    state = syncstate.load(open_store)
    state.site = "https://blog.example/"
    syncstate.save(open_store, state)
    notes = Notes()
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        await new_review(pilot, app, "Arrival")
        await copy_link(pilot, app)
        assert app.clipboard == "https://blog.example/arrival/"
        said = "Copied the link it will have once published"
        assert any(m.startswith(said) for m in notes.messages)


async def test_f8_link_without_the_blogs_address_says_why(app: ReelApp) -> None:
    notes = Notes()
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        await new_review(pilot, app, "Arrival")
        await copy_link(pilot, app)
        assert app.clipboard == ""
        assert (
            "No link to copy: the blog's address is not known yet (sync with the site, or "
            "import its WXR export); this post's slug is “arrival”." in notes.messages
        )


async def test_at_80x24_a_new_post_starts_at_the_top_of_its_form(app: ReelApp) -> None:
    """The new-user pass: at 80x24, `n`, enter opened the form scrolled a line down: the
    focused title field without its "Title" label, the first label shown "Slug"."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "enter")
        assert isinstance(app.screen, EditorScreen)
        assert app.focused is not None and app.focused.id == "field-title"
        lines = [ln.strip() for ln in screen_text(app).splitlines()]
        slug = next(i for i, ln in enumerate(lines) if ln.startswith("Slug"))
        assert "Title" in lines[:slug], lines[:slug]  # its label above the focused field
        assert lines[0].startswith("new post")  # and the form right under the heading
