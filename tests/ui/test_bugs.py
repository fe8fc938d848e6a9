"""The app's last resort (issue #18): an error that is not a ReelError is a bug. Its
traceback goes to a crash report; the user reads one line naming the report, never a
traceback. A bug in a background task leaves the app running; one on the UI thread ends it
with that line. A ReelError a screen forgot to catch is said as the user's message."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from reeltui.config import Settings
from reeltui.errors import InputError
from reeltui.services import Blog
from reeltui.ui.app import make_app
from tests.ui.helpers import Notes, settle


def crash_reports(folder: Path) -> list[Path]:
    return sorted(folder.glob("crash-*.log"))


@pytest.fixture
def crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "crashes"
    monkeypatch.setenv("REELTUI_CRASH_DIR", str(folder))
    return folder


async def test_a_bug_in_a_background_task_is_reported_and_the_app_lives(
    blog: Blog, crashes: Path
) -> None:
    def broken() -> None:
        raise KeyError("no-such-row")

    notes = Notes()
    app = make_app(blog, settings=Settings())
    app.survive_bugs = True  # as for a user: under Pilot a bug ends the run by default
    async with app.run_test(size=(100, 30), message_hook=notes) as pilot:
        await settle(pilot)
        with contextlib.suppress(WorkerFailed):  # what the worker raised: the app decides
            await app.run_worker(broken, thread=True).wait()
        await settle(pilot)
        assert app.is_running
        [report] = crash_reports(crashes)
        assert "KeyError: 'no-such-row'" in report.read_text()
        assert "in broken" in report.read_text()
        [said] = [m for m in notes.messages if "a bug in reeltui" in m]
        assert f"the details are in {report}" in said and "Traceback" not in said


async def test_a_users_error_nobody_caught_is_said_as_it_is_not_as_a_bug(
    blog: Blog, crashes: Path
) -> None:
    def refused() -> None:
        raise InputError("no outbox entry 'x'")

    notes = Notes()
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(100, 30), message_hook=notes) as pilot:
        with contextlib.suppress(WorkerFailed):
            await app.run_worker(refused, thread=True).wait()
        await settle(pilot)
        assert app.is_running
    assert "no outbox entry 'x'" in notes.messages
    assert crash_reports(crashes) == []


async def test_a_bug_on_the_ui_thread_ends_the_app_with_one_line(
    blog: Blog, crashes: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    app = make_app(blog, settings=Settings())

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    with pytest.raises(ZeroDivisionError):  # Pilot hands the bug to the test, as it must
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.call_later(broken)  # run by the app's message loop, like a key's handler
            await pilot.pause()
    [report] = crash_reports(crashes)
    assert "ZeroDivisionError: division by zero" in report.read_text()
    shown = capfd.readouterr().err  # what the terminal shows once the app has ended
    assert "".join(shown.split()) == "".join(f"reeltui: {app.bug_line}".split())  # wrapped
    assert f"the details are in {report}" in app.bug_line and "Traceback" not in shown
    assert app.return_code == 1
