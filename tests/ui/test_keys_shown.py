"""What the user is told about keys: help (`?`) lists reeltui's own keys where focus is, by
scope, once each; the palette has no duplicate and names each command's key; the footer
keeps `? Keys` at 80 columns and never cuts a key in half (`o Outbox` whole at 120)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.help import HelpScreen
from tests.ui.helpers import burst, press, screen_text, settle, wait_until


def footer_line(app: ReelApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_help_lists_reeltuis_keys_by_scope_once_each(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "question_mark")  # in the reader's text
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        sections = [row[0] for row in screen.rows]
        assert list(dict.fromkeys(sections)) == [
            "Reader",
            "Everywhere on this screen",
            "Everywhere",
        ]
        labels = [row[2] for row in screen.rows]
        for internal in ("Page Left", "Page Right", "Focus Next", "Copy selected text", "Quit"):
            assert internal not in labels or internal == "Quit"
        assert "Page Left" not in screen_text(app) and "ctrl+pageup" not in screen_text(app)
        assert all(row[3] for row in screen.rows)  # each one with its id for [keymap]
        assert len({row[3] for row in screen.rows}) == len(screen.rows)
        # The screen's "1"/"2"/"3" are listed; the thread's r is not (not here).
        assert "main.pane_thread" in {row[3] for row in screen.rows}
        assert "thread.reply" not in {row[3] for row in screen.rows}
        await press(pilot, "escape", "c", "question_mark")  # the comments: e is theirs
        ids = {row[3]: row for row in app.screen.rows}  # type: ignore[attr-defined]
        assert "thread.edit_reply" in ids and "main.edit" not in ids  # e shadows it there


async def test_the_palette_has_one_keys_command_and_names_keys(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        for key in "keys":
            await pilot.press(key)
        await pilot.pause(0.5)
        await settle(pilot)
        text = screen_text(app)
        assert [ln.strip() for ln in text.splitlines() if ln.strip().startswith("Keys")] == [
            "Keys: every key here"
        ]  # Textual's own "Keys" is not there as well
        assert "Keys: every key here" in text and "key ?" in text
        await press(pilot, "escape", "ctrl+p")
        for key in "sort":
            await pilot.press(key)
        await pilot.pause(0.5)
        await settle(pilot)
        assert "key s" in screen_text(app)


@pytest.mark.parametrize(
    ("size", "wanted"),
    [((80, 24), ["? Keys"]), ((120, 40), ["? Keys", "o Outbox", "i Needs reply"])],
)
async def test_the_footer_keeps_help_and_whole_keys(
    open_store: Blog, size: tuple[int, int], wanted: list[str]
) -> None:
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for keys in ([], ["enter"], ["c"]):  # the list, the reader, the comments
            await press(pilot, *keys)
            line = footer_line(app)
            for text in wanted:
                assert text in line, line
            assert line.rstrip().endswith("? Keys")
            for key in app.screen.query(FooterKey):  # each one whole on the screen
                assert key.region.right <= size[0], key.description


async def test_help_names_keys_as_the_footer_does_and_never_cuts_a_description(
    open_store: Blog,
) -> None:
    """At 60 columns: `^o`, `%`, `pgdn` as the footer writes them (not "ctrl+o",
    "percent_sign"); every description whole on the screen (an id may be cut, not what a
    key does)."""
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        seen = screen_text(app)
        for _ in range(len(screen.rows) // 12 + 1):  # a page at a time, then the bottom
            await burst(pilot, *["j"] * 12)
            seen += "\n" + screen_text(app)
        await burst(pilot, "G")
        seen += "\n" + screen_text(app)
        for raw in ("ctrl+", "percent_sign", "question_mark", "pagedown", "escape"):
            assert raw not in seen, raw
        for shown in ("f11 / ^o", "pgdn / ^d", "% ", "^p ", "esc "):
            assert shown in seen, shown
        lines = seen.splitlines()
        for _, keys, label, _ in screen.rows:
            assert any(keys in ln and f" {label} " in f"{ln} " for ln in lines), label


def test_key_names_are_textuals_own() -> None:
    """Help, the palette and the footer name every key of every binding the same way."""
    from textual.app import App
    from textual.binding import Binding

    from reeltui.ui.keys import binding_classes, key_label, own_bindings

    textual_app: App[None] = App()
    for cls in binding_classes():
        for binding in own_bindings(cls):
            for key in binding.key.split(","):
                plain = Binding(key.strip(), "")
                assert key_label(key.strip()) == textual_app.get_key_display(plain), key


@pytest.mark.parametrize(
    ("key", "wanted"),
    [
        ("percent_sign", ["esc Close", "/ Narrow"]),
        ("D", ["esc Close", "/ Search", "w Write it up"]),
    ],
)
async def test_the_stats_and_diary_footers_show_their_keys_and_help(
    open_store: Blog, key: str, wanted: list[str]
) -> None:
    """The stats and diary screens use reeltui's footer: their own keys first, `? Keys` on
    the right (Textual's footer put `^p Palette` there and cut the rest at 80 columns)."""
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        line = footer_line(app)
        assert line.rstrip().endswith("? Keys"), line
        for text in wanted:
            assert text in line, line


@pytest.mark.parametrize(
    ("keys", "wanted"),
    [
        (["f"], ["esc Cancel"]),  # the filter picker
        (["A"], ["y Yes", "n No"]),  # mark the list read: asks first
        (["question_mark"], ["esc Close"]),  # help
    ],
)
async def test_a_modal_shows_its_own_keys_in_the_footer(
    app: ReelApp, keys: list[str], wanted: list[str]
) -> None:
    """The new-user pass: the pickers and dialogs showed the main screen's footer beneath
    them (`/ Search`, `s Sort`...: keys that do nothing there) instead of their own."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main_keys = footer_line(app)
        assert "/ Search" in main_keys
        await press(pilot, *keys)
        await settle(pilot)
        assert app.screen is not app.main_screen
        line = footer_line(app)
        for text in wanted:
            assert text in line, line
        assert "Search" not in line and "Sort" not in line, line


async def test_help_says_x_marks_and_moves_down(app: ReelApp) -> None:
    """`x` in the thread marks the comment and moves to the next: help says so (it said
    "Mark")."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c", "question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = {row[3]: row for row in screen.rows}
        assert rows["thread.mark"][1:3] == ("x", "Mark, move down")


async def test_the_palette_shows_its_own_keys_in_its_footer(app: ReelApp) -> None:
    """The new-user pass: the command palette left the main screen's footer showing
    (`/ Search`, `s Sort`...: keys that type into its search field)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await settle(pilot)
        line = footer_line(app)
        assert "esc Close" in line, line
        assert "Search" not in line and "Sort" not in line, line
        for key in "keys":
            await pilot.press(key)
        await wait_until(pilot, lambda: app.screen.has_class("-ready"), "palette ready")
        await press(pilot, "enter")  # Enter still runs the command found
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_editors_question_shows_its_answers_keys_in_its_footer(
    app: ReelApp,
) -> None:
    """The new-user pass: the editor's dialogs showed only `esc` in their footer, their keys
    only in the buttons' labels."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "enter", "x", "ctrl+q")  # a new post, a change, then quit
        await settle(pilot)
        line = footer_line(app)
        for text in ("s Save and quit", "q Quit, keep them", "k Keep editing", "esc Cancel"):
            assert text in line, line
        await press(pilot, "k")  # the key still answers
        await settle(pilot)
        assert "Keep editing" not in footer_line(app)
        await press(pilot, "f8")  # the copy menu: Enter copies
        await settle(pilot)
        line = footer_line(app)
        assert "Copy" in line and "esc Cancel" in line, line


async def test_edit_is_offered_once_a_post_is_open(app: ReelApp) -> None:
    """The new-user pass: the list's footer offered `e Edit` with no post open (e then said
    "open a post first")."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "e Edit" not in footer_line(app)
        await press(pilot, "e")  # nothing to edit: nothing happens
        await settle(pilot)
        assert app.screen is app.main_screen
        await press(pilot, "enter")
        await settle(pilot)
        assert "e Edit" in footer_line(app), footer_line(app)


async def test_the_palettes_stats_entry_names_its_key(app: ReelApp) -> None:
    """The new-user pass: the palette's stats entry showed no `%` where others show their key."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        for key in "stats":
            await pilot.press(key)
        await wait_until(pilot, lambda: app.screen.has_class("-ready"), "palette ready")
        await pilot.pause(0.5)
        await settle(pilot)
        line = next(ln for ln in screen_text(app).splitlines() if "ratings, months" in ln)
        assert line.rstrip(" │▊▎").endswith("·  key %"), line
