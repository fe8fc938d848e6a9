"""Replies and moderation are written to disk in the background: the screen answers keys while
comments.json is being written, "saved" is said only once the words are on disk, a failed
write keeps the words in the composer, and quitting waits for a write in flight.

The real files are written by the real code; a gate in front of the atomic write holds it up
(or makes it fail) so each moment can be looked at.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from reeltui.services import Blog
from reeltui.store import storage
from reeltui.store.errors import StoreWriteError
from reeltui.ui.app import ReelApp
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import Notes, press, screen_text, settle


class Gate:
    """Holds every atomic write until opened; records the thread of each write."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.fail = False
        self.threads: list[str] = []
        real = storage.atomic_write_bytes

        def gated(path: Path, payload: bytes) -> None:
            self.threads.append(threading.current_thread().name)
            self.open.wait(10)  # a write on the UI thread would freeze the app this long
            if self.fail:
                raise StoreWriteError(f"could not save {path}: No space left on device")
            real(path, payload)

        monkeypatch.setattr(storage, "atomic_write_bytes", gated)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.open.set()


def on_disk(blog: Blog) -> dict[str, dict[str, object]]:
    return json.loads((blog.path / "comments.json").read_text())["comments"]  # type: ignore[no-any-return]


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
    assert sum(name.startswith("reeltui-save") for name in gate.threads) == 2  # comments, outbox


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
