"""Replies and moderation are written to disk in the background: the screen answers keys while
a post's file is being written, "saved" is said only once the words are on disk, a failed
write keeps the words in the composer, and quitting waits for a write in flight.

The real files are written by the real code; a gate in front of the atomic write holds it up
(or makes it fail) so each moment can be looked at.
"""

from __future__ import annotations

import errno
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from reeltui.cli.tui import tell_unsaved
from reeltui.services import Blog, replies
from reeltui.store import commit as commits
from reeltui.ui.app import ReelApp
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.outbox import OutboxScreen
from reeltui.ui.widgets.thread import Thread
from tests import storefiles
from tests.ui.helpers import Notes, press, screen_text, settle


class Gate:
    """Holds every store commit (the atomic write of the changed files) until opened;
    records the thread of each."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.fail = False
        self.threads: list[str] = []
        real = commits.commit

        def gated(root: Path, *args: Any, **kwargs: Any) -> None:
            self.threads.append(threading.current_thread().name)
            self.open.wait(10)  # a write on the UI thread would freeze the app this long
            if self.fail:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(root, *args, **kwargs)

        monkeypatch.setattr(commits, "commit", gated)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.open.set()


def on_disk(blog: Blog) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = storefiles.comments(blog.path)
    return found


async def test_moderation_keeps_the_screen_answering_while_the_file_is_written(
    app: ReelApp, open_store: Blog, gate: Gate
) -> None:
    gate.open.set()
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        thread.select("c-her-6")
        gate.open.clear()
        await pilot.press("s")
        await pilot.pause()
        assert "[spam]" in screen_text(app)  # shown at once
        assert on_disk(open_store)["c-her-6"]["status"] == "approved"  # still being written
        assert "is now spam" not in notes  # not said before it is true
        before = thread.current
        await pilot.press("k")  # the UI answers keys meanwhile
        await pilot.pause()
        assert thread.current is not before
        gate.open.set()
        await save_queue(app).idle()
        assert on_disk(open_store)["c-her-6"]["status"] == "spam"
        assert "is now spam" in notes
    assert "MainThread" not in gate.threads  # no write ran on the UI thread
    # One commit: the post's file, its index row and the outbox land together.
    assert sum(name.startswith("reeltui-save") for name in gate.threads) == 1


async def test_sending_a_reply_waits_for_the_disk_and_a_failed_write_keeps_the_text(
    app: ReelApp, open_store: Blog, gate: Gate
) -> None:
    gate.open.set()
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c", "r")
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        await pilot.press(*"Thanks Marcy!")
        # The disk is full: the composer stays, with the words, and says why.
        gate.open.clear()
        gate.fail = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is composer and "Saving…" in screen_text(app)
        area = composer.query_one("#composer-text", TextArea)
        assert area.read_only
        gate.open.set()
        await save_queue(app).idle()
        await pilot.pause()
        assert app.screen is composer and not area.read_only
        assert area.text == "Thanks Marcy!"
        assert "No space left on device" in notes
        assert not any(c.get("body") == "Thanks Marcy!" for c in on_disk(open_store).values())
        # Room again: the same text is sent, and the composer closes once it is on disk.
        gate.fail = False
        gate.open.clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is composer
        gate.open.set()
        await settle(pilot)
        assert not isinstance(app.screen, ComposerScreen)
        sent = [c for c in on_disk(open_store).values() if c.get("body") == "Thanks Marcy!"]
        assert len(sent) == 1 and sent[0]["sync_state"] == "queued"
        assert "Reply queued in the outbox" in notes


async def test_quitting_waits_for_a_write_in_flight(
    app: ReelApp, open_store: Blog, gate: Gate
) -> None:
    gate.open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        app.screen.query_one(Thread).select("c-her-6")
        gate.open.clear()
        await pilot.press("t")
        await pilot.pause()
        threading.Timer(0.3, gate.open.set).start()
        app.exit()
    assert on_disk(open_store)["c-her-6"]["status"] == "trash"


@pytest.mark.parametrize("fails", [False, True], ids=["written", "write-fails"])
async def test_closing_the_outbox_while_a_delete_is_written(
    app: ReelApp, open_store: Blog, gate: Gate, fails: bool
) -> None:
    """The outbox is closed before its delete reaches the disk: the app goes on (no redraw of
    a screen that has gone), and what happened is still said — a failure above all."""
    gate.open.set()
    mine = replies.reply(open_store, "c-her-6", "Thanks, Marcy")
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await app.push_screen(OutboxScreen(open_store))
        await settle(pilot)
        gate.open.clear()
        gate.fail = fails
        await pilot.press("d", "y")
        await pilot.pause()
        await pilot.press("escape")  # closed while the post's file is being written
        await pilot.pause()
        assert not isinstance(app.screen, OutboxScreen)
        gate.open.set()
        await settle(pilot)
        assert app.is_running and app.return_code is None
        if fails:
            assert "No space left on device" in notes
            assert open_store.comment(mine.id).body == "Thanks, Marcy"  # shown as on disk
        else:
            assert "Reply deleted." in notes
        await press(pilot, "j")  # the main screen still answers
    assert (mine.id in on_disk(open_store)) is fails


async def test_a_reply_whose_write_fails_while_quitting_is_printed_not_lost(
    app: ReelApp, open_store: Blog, gate: Gate
) -> None:
    """Ctrl+S, then quit before the disk answers, and the disk is full: the screen is gone, so
    the words go to the terminal once the app has ended (`reeltui` prints them)."""
    gate.open.set()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c", "r")
        await pilot.press(*"Worth keeping")
        gate.open.clear()
        gate.fail = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        threading.Timer(0.3, gate.open.set).start()
        app.exit()
    lost = app.saves.unreported
    assert [u.words for u in lost] == ["Worth keeping"]
    assert "No space left on device" in str(lost[0].error)
    out = io.StringIO()
    assert tell_unsaved(lost, out)
    assert out.getvalue().splitlines() == [
        f"reeltui: not saved: {lost[0].error}",
        "reeltui: the text was:",
        "Worth keeping",
    ]
    assert not any(c.get("body") == "Worth keeping" for c in on_disk(open_store).values())


async def test_the_changes_themselves_are_made_off_the_ui_thread(
    app: ReelApp, open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply, a moderation, an editor's save and autosave: the store's records change in
    the save queue's writer thread, never on the UI thread (on a large archive the change
    itself, counting a post's thousands of comments again, froze the screen)."""
    from reeltui.store import records
    from reeltui.store import state as store_state
    from reeltui.ui.screens.editor import EditorScreen

    threads: dict[str, set[str]] = {}

    def recorded(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            threads.setdefault(name, set()).add(threading.current_thread().name)
            return real(*args, **kwargs)

        return call

    for module, name in ((records, "put_comment"), (records, "put_post")):
        monkeypatch.setattr(module, name, recorded(name, getattr(module, name)))
    monkeypatch.setattr(store_state, "put_draft", recorded("put_draft", store_state.put_draft))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        app.screen.query_one(Thread).select("c-her-6")
        await press(pilot, "s", "r")  # moderated, then a reply to it
        await pilot.press(*"Thanks!")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, ComposerScreen)
        await app.push_screen(EditorScreen(open_store, open_store.comment("c-her-6").post_id))
        await settle(pilot)
        await press(pilot, "f3")
        await pilot.press(*"More. ")
        await press(pilot, "f2", "ctrl+s")  # a pane switch autosaves; Ctrl+S saves
    assert set(threads) == {"put_comment", "put_post", "put_draft"}
    for name, seen in threads.items():
        assert seen and all(t.startswith("reeltui-save") for t in seen), (name, seen)
    assert on_disk(open_store)["c-her-6"]["status"] == "spam"
