"""The editor driven by keys alone (Pilot), checked against the store on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static, TextArea
from textual.widgets.markdown import MarkdownBlock

from reeltui.services import Blog
from reeltui.services.drafts import EditSession, recoverable
from reeltui.services.longtext import LONG_PIECES, pieces
from reeltui.services.postform import form_of
from reeltui.services.session import open_blog
from reeltui.services.templates import post_from_template
from reeltui.store.commit import temp_name
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.editor_modals import Choice, RecoverList, RevisionsScreen
from reeltui.ui.screens.recover import recovery_screen
from reeltui.ui.widgets.preview import Preview
from tests import storefiles
from tests.ui.helpers import Notes, screen_text, wait_until

SIZE = (120, 40)
HER = "flixchatter-review-spike-jonzes-her"


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def editor_app(
    store: Path, post_slug: str | None = None, **kwargs: object
) -> tuple[App[Any], Blog]:
    blog = open_blog(store)
    post_id = blog.post_by_slug(post_slug).id if post_slug else None
    app = make_app(
        blog,
        initial_screen=lambda: EditorScreen(blog, post_id, clock=clock, **kwargs),  # type: ignore[arg-type]
    )
    return app, blog


async def paste(pilot: Pilot[None], text: str) -> None:
    """What a terminal sends for a bracketed paste (fewer round trips than key by key)."""
    pilot.app.post_message(events.Paste(text))  # as the driver does: to the focused widget
    await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def editor(app: App[Any]) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen), screen
    return screen


def stored(store: Path, slug: str):  # type: ignore[no-untyped-def]
    blog = open_blog(store, read_only=True)
    try:
        return blog.post_by_slug(slug)
    finally:
        blog.close()


def notes(app: App[Any]) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_write_a_review_by_keys_alone(store_path: Path) -> None:
    app, blog = editor_app(store_path, template="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "field-title"
        await pilot.press(*"Arrival", "tab", "tab", *"Ruth", "tab")
        await pilot.press("enter", "down", "enter")  # status: draft -> pending
        await pilot.press("tab", "tab", "tab", *"Sci", "right")  # tag completed from the store
        await pilot.press("tab", *"Language is a weapon.", "tab")
        await pilot.press(*["plus"] * 9)  # rating in half reels: 4.5
        await pilot.press("tab", *"Arrival", "tab", *"2016", "tab", *"Denis Villeneuve")
        await pilot.press("tab", *"Amy Adams, Jeremy Renner")
        await pilot.press("f3", *"A linguist meets the heptapods. ", "ctrl+s")
        await settle(pilot)
        assert any("Saved" in n for n in notes(app))
        status = str(editor(app).query_one("#editor-status", Static).render())
        assert "saved 0 s ago" in status and "unsaved" not in status
    blog.close()

    post = stored(store_path, "arrival")  # reopened from disk
    assert post.title == "Arrival" and post.author == "Ruth" and post.status == "pending"
    assert post.tags == ["Science Fiction"] and post.categories == ["Review"]
    assert post.excerpt == "Language is a weapon." and post.rating == 4.5
    assert (post.film.title, post.film.year, post.film.director) == (
        "Arrival",
        2016,
        "Denis Villeneuve",
    )
    assert post.film.cast == ["Amy Adams", "Jeremy Renner"]
    # the template's first prompt was selected: typing replaced it
    assert post.body.startswith("## The film\n\nA linguist meets the heptapods. \n\n## What works")


async def test_live_preview_renders_the_body(store_path: Path) -> None:
    app, blog = editor_app(store_path, template="blank", title="Preview")
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        preview = screen.query_one("#preview", Preview)
        assert not preview.display
        await pilot.press("f3")
        await paste(pilot, "# A heading\n\nSome *words*.")
        await pilot.press("f4")
        await pilot.pause()
        assert preview.display
        markdown = preview.markdown
        await markdown.update(screen.body.text)  # wait for the widget's own rendering
        assert markdown.source == "# A heading\n\nSome *words*."
        assert [type(b).__name__ for b in markdown.query(MarkdownBlock)][:2] == [
            "MarkdownH1",
            "MarkdownParagraph",
        ]
        await pilot.press("f4")
        assert not preview.display
    blog.close()


async def test_live_preview_of_a_very_long_body_is_lines_and_follows_typing(
    store_path: Path,
) -> None:
    app, blog = editor_app(store_path, template="blank", title="Long")
    long_text = "\n\n".join(f"Paragraph {i} of a very long essay. " * 6 for i in range(400))
    assert len(pieces(long_text)) > LONG_PIECES
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        preview = screen.query_one("#preview", Preview)
        await pilot.press("f3")
        await paste(pilot, long_text)
        await pilot.press("f4")
        body = preview.long_body
        for _ in range(500):
            await pilot.pause(0.02)
            if body.complete and body.lines:
                break
        assert preview.has_class("-long") and body.display and not preview.markdown.display
        assert any("Paragraph 399 of" in line for line in body.texts)
        await pilot.press("ctrl+end", *" THE END")  # typing: the preview follows
        for _ in range(500):
            await pilot.pause(0.02)
            if body.complete and any("THE END" in line for line in body.texts):
                break
        assert any("THE END" in line for line in body.texts)
    blog.close()


async def test_publishing_keeps_a_publish_revision(store_path: Path) -> None:
    app, blog = editor_app(store_path, template="blank")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Out now", "tab", "tab", "tab")  # title, slug, author, status
        await pilot.press("enter", "down", "down", "down", "enter", "ctrl+s")
        await settle(pilot)
        assert any(n.startswith("Published “Out now”") for n in notes(app))
        assert editor(app).session.history()[0].reason == "publish"
    blog.close()
    post = stored(store_path, "out-now")
    assert post.status == "published" and post.date == "2026-11-28T12:00:00+00:00"


async def test_stray_letters_are_not_app_shortcuts_in_the_editor(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER)
    async with app.run_test(size=SIZE) as pilot:
        editor(app).query_one("#field-status").focus()
        await pilot.press("q", "j", "k")  # the app's "q" (quit) must not fire from here
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, EditorScreen)
        await pilot.press("f3", "q")
        assert editor(app).body.text.startswith("q")
    blog.close()


async def test_read_only_store_says_so_and_writes_nothing(store_path: Path) -> None:
    blog = open_blog(store_path, read_only=True)
    her = blog.post_by_slug(HER)
    app = make_app(blog, initial_screen=lambda: EditorScreen(blog, her.id))
    before = storefiles.snapshot(store_path)
    said = Notes()  # every notification, even one that expired under a slow run
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await paste(pilot, "Cannot keep this. ")
        await pilot.press("f2", "ctrl+s")
        await settle(pilot)
        assert "read-only: nothing here can be saved" in said
        assert "read-only: nothing was saved" in said
        assert "read-only" in str(editor(app).query_one("#editor-status", Static).render())
    blog.close()
    assert storefiles.snapshot(store_path) == before


async def test_invalid_fields_show_inline_and_block_only_themselves(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.query_one("#field-slug").focus()
        await pilot.press("ctrl+u")
        await paste(pilot, "guest-post-elysium-her-the-nature-of-science-fiction")
        screen.query_one("#field-rating").focus()
        await pilot.press("ctrl+u", "7")
        screen.query_one("#field-date").focus()
        await pilot.press("ctrl+u")
        await paste(pilot, "2014-02-30")
        screen.query_one("#field-author").focus()
        await pilot.press("ctrl+u")
        await paste(pilot, "Ruth M.")
        await pilot.pause()
        errors = {
            name: str(screen.query_one(f"#error-{name}", Static).render())
            for name in ("slug", "rating", "date", "author")
        }
        assert "already used" in errors["slug"]
        assert "half reels" in errors["rating"]
        assert "not a date" in errors["date"]
        assert errors["author"] == ""
        assert screen.query_one("#error-rating").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("except the marked fields (Slug, Date, Rating)" in n for n in notes(app))
    blog.close()
    post = stored(store_path, HER)  # slug kept its old value
    assert post.author == "Ruth M." and post.rating == 4.5 and post.date.startswith("2014-01-11")


async def test_leaving_with_unsaved_changes_asks(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER)
    async with app.run_test(size=SIZE) as pilot:
        await paste(pilot, "Unsaved words. ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("k")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert editor(app).body.text.startswith("Unsaved words. ")
        await pilot.press("escape", "s")  # save and close
        await settle(pilot)
        assert not isinstance(app.screen, EditorScreen | Choice)
    blog.close()
    assert stored(store_path, HER).body.startswith("Unsaved words. ")


async def test_discarding_leaves_nothing_behind(store_path: Path) -> None:
    app, blog = editor_app(store_path, template="question", title="Best sequel?")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await paste(pilot, "Draft words")
        await pilot.press("f2")  # pane switch: autosave
        await settle(pilot)
        drafts = storefiles.drafts(store_path)
        assert [d["post"]["body"][:11] for d in drafts.values()] == ["Draft words"]
        await pilot.press("escape", "d")
        await settle(pilot)
        assert not isinstance(app.screen, EditorScreen)
    blog.close()
    assert storefiles.drafts(store_path) == {}
    with pytest.raises(Exception, match="no post with slug"):
        stored(store_path, "best-sequel")


def exit_said(app: App[Any]) -> str:
    """What the app prints when it has ended (Textual's exit message)."""
    return " ".join(str(r) for r in app._exit_renderables)


async def test_ctrl_q_with_unsaved_words_asks_then_keeps_them_and_says_where(
    store_path: Path,
) -> None:
    """The new-user pass: Ctrl+Q left the editor without a word (the text was kept, and
    offered back at the next start, but the user was not told). Now it asks; 'quit, keep
    them' writes the working copy before the app ends and says where it is."""
    app, blog = editor_app(store_path, HER, autosave_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await paste(pilot, "Typed just before Ctrl+Q. ")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Choice) and app.is_running  # asked, not gone
        assert "unsaved changes" in str(app.screen.question)
        assert storefiles.drafts(store_path) == {}  # (autosave is an hour away)
        await pilot.press("q")
        await wait_until(pilot, lambda: app._exit, "the app quits")
        # on disk before the app ends, and the user is told where
        drafts = storefiles.drafts(store_path)
        assert [d["post"]["body"][:26] for d in drafts.values()] == ["Typed just before Ctrl+Q. "]
        said = exit_said(app)
        assert str(store_path / "drafts.json") in said and "Spike Jonze’s HER" in said
        assert "offers them back" in said
    blog.close()
    blog = open_blog(store_path)
    try:
        assert [r.post.slug for r in recoverable(blog)] == [HER]
    finally:
        blog.close()


async def test_ctrl_q_can_save_and_quit_or_keep_editing(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER, autosave_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await paste(pilot, "Saved on the way out. ")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("k")  # keep editing: nothing written, still here
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.is_running
        assert storefiles.drafts(store_path) == {}
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("s")  # save and quit
        await wait_until(pilot, lambda: app._exit, "the app quits")
        assert "Saved “FlixChatter Review" in exit_said(app)
    blog.close()
    assert stored(store_path, HER).body.startswith("Saved on the way out. ")


async def test_ctrl_q_twice_or_without_changes_quits(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER, autosave_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")  # nothing changed: no question
        await wait_until(pilot, lambda: app._exit, "the app quits")
    blog.close()
    app, blog = editor_app(store_path, HER, autosave_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await paste(pilot, "Twice. ")
        await pilot.press("ctrl+q", "ctrl+q")  # asked, and meant it: kept, then quit
        await wait_until(pilot, lambda: app._exit, "the app quits")
        drafts = storefiles.drafts(store_path)
        assert [d["post"]["body"][:7] for d in drafts.values()] == ["Twice. "]
    blog.close()


async def test_revisions_diff_and_restore(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        original = screen.body.text
        await paste(pilot, "First take. ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await paste(pilot, "Second take. ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, RevisionsScreen)
        diff = str(app.screen.query_one("#revision-diff", Static).render())
        assert "Same text as now." in diff
        await pilot.press("down")  # the older save
        await pilot.pause()
        text = app.screen.diff_text
        assert "-First take. " in text and "+First take. Second take. Once" in text
        await pilot.press("enter")
        await settle(pilot)
        assert screen.body.text == "First take. " + original
        assert any("Restored the save" in n for n in notes(app))
        history = screen.session.history()
        # the text as it came, before the first save here, is kept once (F5 lists it)
        assert [r.reason for r in history] == ["restore", "save", "save", "original"]
        assert history[-1].post.body.rstrip("\n") == original.rstrip("\n")
    blog.close()
    assert stored(store_path, HER).body == "First take. " + original


def fail_next_write(store: Path, rel: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    for suffix in ("tmp", "new"):  # written alone, or with other files (journaled)
        temp_name(store, rel, suffix).symlink_to("/dev/full")


async def test_disk_full_on_save_keeps_the_text_and_says_so(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER)
    async with app.run_test(size=SIZE) as pilot:
        await paste(pilot, "Words worth keeping. ")
        her = app.blog.post_by_slug(HER)  # type: ignore[attr-defined]
        fail_next_write(store_path, f"posts/{her.id}.json")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("No space left on device" in n and "still here" in n for n in notes(app))
        assert editor(app).body.text.startswith("Words worth keeping. ")
        assert "unsaved changes" in str(editor(app).query_one("#editor-status").render())
        await pilot.press("ctrl+s")  # room again
        await settle(pilot)
    blog.close()
    assert stored(store_path, HER).body.startswith("Words worth keeping. ")


async def test_external_editor_not_possible_under_test(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "sh -c 'echo changed > $0'")
    app, blog = editor_app(store_path, HER)
    async with app.run_test(size=SIZE) as pilot:
        before = editor(app).body.text
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("cannot hand over to an external editor" in n for n in notes(app))
        assert editor(app).body.text == before
        assert isinstance(app.screen, EditorScreen)
    blog.close()


async def test_copy_as_markdown_html_and_link(store_path: Path) -> None:
    app, blog = editor_app(store_path, HER, base_url="https://flixchatter.net")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8", "enter")
        await pilot.pause()
        assert app.clipboard.startswith("# FlixChatter Review: Spike Jonze’s HER\n\n")
        await pilot.press("f8", "down", "enter")
        await pilot.pause()
        assert app.clipboard.startswith("<h1>FlixChatter Review: Spike Jonze’s HER</h1>\n<p>")
        await pilot.press("f8", "down", "down", "enter")
        await pilot.pause()
        assert app.clipboard == f"https://flixchatter.net/{HER}/"
        assert any(n.startswith("Copied its link") for n in notes(app))
    blog.close()


async def test_unsaved_draft_is_offered_back_on_start(store_path: Path) -> None:
    blog = open_blog(store_path)
    post = post_from_template("recap", title="November recap")
    session = EditSession(blog, post, is_new=True)
    draft, _ = session.build(form_of(post), "Words from before the crash.")
    session.autosave(draft)
    app = make_app(blog, initial_screen=recovery_screen(blog))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverList)
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert screen.query_one("#body", TextArea).text == "Words from before the crash."
        assert "unsaved changes" in str(screen.query_one("#editor-status", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
    blog.close()
    assert stored(store_path, "november-recap").body == "Words from before the crash."


async def test_the_quit_question_fits_a_small_terminal(store_path: Path) -> None:
    """The new-user pass at 80x24: the third answer of Ctrl+Q's question was cut ('Keep ed'):
    every answer is whole on screen."""
    from textual.widget import Widget
    from textual.widgets import Button

    app, blog = editor_app(store_path, HER, autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Typed at 80 columns. ")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        buttons = list(app.screen.query(Button))
        assert len(buttons) == 3
        for button in buttons:
            label = str(button.label)
            row = button.parent  # the dialog's row of answers clips what passes its end
            assert isinstance(row, Widget)
            assert button.region.right <= row.region.right, label
            assert button.content_region.width >= len(label), label
        await pilot.press("k")
    blog.close()


async def test_a_new_post_kept_on_quit_is_offered_back_at_the_next_start_as_kept(
    store_path: Path,
) -> None:
    """The new-user pass: 'quit, keep them' on a new post said it is offered back "when the
    post is opened" (a post never saved cannot be opened), and the next start called the
    working copy one the app "closed before" saving."""
    app, blog = editor_app(store_path, template="blank", title="Never saved")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste(pilot, "Words of a new post. ")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: app._exit, "the app quits")
        said = exit_said(app)
        assert "offers them back when it next starts" in said, said
        assert "the post is opened" not in said
    blog.close()
    blog = open_blog(store_path)
    try:
        factory = recovery_screen(blog)
        assert factory is not None
        again = make_app(blog, initial_screen=factory)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            shown = screen_text(again)
            assert "kept when you quit" in shown and "Never saved" in shown
            assert "closed before they were saved" not in shown
    finally:
        blog.close()
