"""The editor's spelling worker and the long-post renderer report a bug like every other
worker (ui/bugs.py, issue #18): a crash report, one notification naming it, the app running;
the text stays usable (the editor types on, the long post is shown plain and searchable).
The bug is put there by making the real check raise, as a bug would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services import spelling as spelling_service
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.widgets import long_body
from reeltui.ui.widgets.long_body import LongBody
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import HER, Notes, settle, wait_until
from tests.ui.test_long_post import long_post


@pytest.fixture
def crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "crashes"
    monkeypatch.setenv("REELTUI_CRASH_DIR", str(folder))
    monkeypatch.delenv("REELTUI_SPELLING", raising=False)
    return folder


def bug_notes(notes: Notes) -> list[str]:
    return [m for m in notes.messages if "a bug in reeltui" in m]


async def reported(pilot: Pilot[None], notes: Notes) -> None:
    """Run the app until a bug was reported and its worker let go (waiting on a failed
    worker raises, which is why `settle` is not used until then)."""
    await wait_until(
        pilot,
        lambda: bug_notes(notes) and not any(w.is_running for w in pilot.app.workers),
        "a bug reported",
    )
    await pilot.pause(0.05)
    await settle(pilot)


async def test_a_bug_in_the_spelling_check_is_reported_once_and_typing_goes_on(
    open_store: Blog, crashes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Any, lines: list[str]) -> Any:
        raise KeyError("no-such-line")

    monkeypatch.setattr(spelling_service.DocumentCheck, "run", broken)
    post_id = open_store.post_by_slug(HER).id
    notes = Notes()
    app = make_app(
        open_store,
        settings=Settings(),
        initial_screen=lambda: EditorScreen(open_store, post_id, autosave_delay=3600),
    )
    app.survive_bugs = True  # as for a user: under Pilot a bug ends the run by default
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await reported(pilot, notes)  # the dictionary loads, the first check raises
        [said] = bug_notes(notes)
        [report] = sorted(crashes.glob("crash-*.log"))
        assert f"the details are in {report}" in said and "Traceback" not in said
        assert "KeyError: 'no-such-line'" in report.read_text()
        assert app.is_running and screen.spelling.broken and screen.body.marks == {}
        # The writer types on: the words land, no second report, no check runs again.
        screen.body.focus()
        screen.body.move_cursor(screen.body.document.end)
        for key in "Samanthaa":
            await pilot.press(key)
        await settle(pilot)
        assert screen.body.text.endswith("Samanthaa") and screen.dirty
        assert len(bug_notes(notes)) == 1 and len(list(crashes.glob("crash-*.log"))) == 1
        await pilot.press("f7")
        await settle(pilot)
        assert "Spelling: off after a bug (see the message about it)" in notes


async def test_a_bug_rendering_a_long_post_is_reported_and_the_text_shown_plain(
    open_store: Blog, crashes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = long_post(open_store, 400)
    real = long_body.render_piece
    rendered = 0

    def broken(text: str, width: int, console: Any) -> Any:
        nonlocal rendered
        rendered += 1
        if rendered == 3:
            raise IndexError("piece out of range")
        return real(text, width, console)

    monkeypatch.setattr(long_body, "render_piece", broken)
    notes = Notes()
    app = make_app(open_store, settings=Settings())
    app.survive_bugs = True
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await reader.show(post, 0)
        await reported(pilot, notes)
        [said] = bug_notes(notes)
        [report] = sorted(crashes.glob("crash-*.log"))
        assert f"the details are in {report}" in said
        assert "IndexError: piece out of range" in report.read_text()
        assert app.is_running
        body = reader.query_one(LongBody)
        assert body.complete
        text = "\n".join(body.texts)
        for i in (0, 1, 199, 388, 399):  # every paragraph there, plain
            assert f"Paragraph {i} about *Her*" in text
        reader._run_search("paragraph 399 ")
        await pilot.pause()
        assert reader.counter == "1/8"
