"""End to end in a real terminal: the installed `reeltui` binary in tmux replies to a demo
comment from the needs-reply inbox, quits, restarts, and finds the reply queued — in
`reeltui outbox --json` and on screen in the outbox view."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import need_tool

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent / "reeltui"
PATIENCE = 60.0  # seconds before a wait gives up (a failure message, not a timing assertion)


class Tmux:
    def __init__(self, tmux: str) -> None:
        self.tmux = tmux
        self.socket = f"reeltui-e2e-{uuid.uuid4().hex[:10]}"
        self.socket_path = ""
        # Pytest plugins set COLUMNS/LINES; the app must size itself from the real pane.
        self.env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
            env=self.env,
        )

    def start(self, name: str, command: str, *, keep: bool = True) -> None:
        # With `keep`, the window stays after the app exits (waiting on `read`) showing its
        # exit status; without, the pane's process is the app itself (see `pid`).
        shell = f'{command}; echo "[reeltui exited: $?]"; read _' if keep else f"exec {command}"
        result = self("new-session", "-d", "-s", name, "-x", "120", "-y", "40", "sh", "-c", shell)
        assert result.returncode == 0, result.stderr
        self.socket_path = self("display-message", "-p", "#{socket_path}").stdout.strip()

    def pid(self, name: str) -> int:
        return int(self("display-message", "-p", "-t", name, "#{pane_pid}").stdout)

    def screen(self, name: str) -> str:
        return self("capture-pane", "-p", "-t", name).stdout

    def keys(self, name: str, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", name, *(["-l"] if literal else []), *keys]
        assert self(*args).returncode == 0

    def wait_for(self, name: str, *texts: str) -> str:
        deadline = time.monotonic() + PATIENCE
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.05)  # polling interval, not a wait for the app
        raise AssertionError(f"never saw {texts!r} on screen:\n{screen}")

    def wait_gone(self, name: str, text: str) -> str:
        deadline = time.monotonic() + PATIENCE
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if text not in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} stayed on screen:\n{screen}")

    def kill(self) -> None:
        self("kill-server")
        if self.socket_path:  # tmux leaves the socket file behind
            Path(self.socket_path).unlink(missing_ok=True)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(need_tool("tmux"))
    try:
        yield server
    finally:
        server.kill()


def outbox_json(store: Path) -> list[dict[str, object]]:
    done = subprocess.run(
        [str(BIN), "--store", str(store), "outbox", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_reply_from_inbox_survives_restart(tmux: Tmux, tmp_path: Path) -> None:
    assert BIN.exists(), f"{BIN} is not installed (make install)"
    store = tmp_path / "store"
    app = f"{shlex.quote(str(BIN))} --store {shlex.quote(str(store))}"

    tmux.start("one", app)
    tmux.wait_for("one", "FlixChatter Review", "Needs reply")
    tmux.keys("one", "i")
    screen = tmux.wait_for("one", "Needs a reply — 9 comments", "Tom Okafor")
    assert max(len(line) for line in screen.splitlines()) > 100  # uses the whole 120 columns
    tmux.keys("one", "r")
    tmux.wait_for("one", "Reply to Tom Okafor", "Keep as draft")
    tmux.keys("one", "Philomena won me over too, Tom.", literal=True)
    tmux.wait_for("one", "Philomena won me over too")
    tmux.keys("one", "C-s")
    tmux.wait_for("one", "Needs a reply — 8 comments", "queued in the outbox")
    tmux.keys("one", "Escape")
    tmux.wait_gone("one", "Needs a reply —")
    tmux.keys("one", "q")
    tmux.wait_for("one", "[reeltui exited: 0]")

    [entry] = outbox_json(store)
    assert entry["kind"] == "reply" and entry["state"] == "queued"
    comment = entry["comment"]
    parent = entry["parent"]
    assert isinstance(comment, dict) and isinstance(parent, dict)
    assert comment["body"] == "Philomena won me over too, Tom."
    assert comment["sync_state"] == "queued"
    assert parent["id"] == "c-recap-3" and parent["author"] == "Tom Okafor"

    tmux.start("two", app)
    tmux.wait_for("two", "FlixChatter Review")
    tmux.keys("two", "o")
    screen = tmux.wait_for("two", "Outbox — 1 queued", "Tom Okafor")
    assert "Philomena won me over too" in screen
    tmux.keys("two", "Escape")
    tmux.wait_gone("two", "Outbox —")
    tmux.keys("two", "q")
    tmux.wait_for("two", "[reeltui exited: 0]")


def test_draft_kept_with_escape_survives_kill_9(tmux: Tmux, tmp_path: Path) -> None:
    store = tmp_path / "store"
    app = f"{shlex.quote(str(BIN))} --store {shlex.quote(str(store))}"
    tmux.start("one", app, keep=False)
    tmux.wait_for("one", "FlixChatter Review", "Needs reply")
    tmux.keys("one", "i")
    tmux.wait_for("one", "Needs a reply — 9 comments")
    tmux.keys("one", ">")
    tmux.wait_for("one", "Reply to Tom Okafor", "> My November pick")
    tmux.keys("one", "Half a thought about Philomena", literal=True)
    tmux.wait_for("one", "Half a thought about Philomena")
    tmux.keys("one", "Escape")
    tmux.wait_for("one", "kept as a draft", "Needs a reply — 9 comments")
    os.kill(tmux.pid("one"), signal.SIGKILL)  # the app we started, and nothing else

    assert outbox_json(store) == []  # a draft is not in the outbox
    tmux.start("two", app)
    tmux.wait_for("two", "FlixChatter Review")
    assert "read-only" not in tmux.screen("two")  # kill -9 released the lock
    tmux.keys("two", "i")
    tmux.wait_for("two", "Needs a reply — 9 comments")
    tmux.keys("two", "r")
    screen = tmux.wait_for("two", "A kept draft", "Half a thought about Philomena")
    assert "> My November pick" in screen  # the quote kept with it
    tmux.keys("two", "C-s")
    tmux.wait_for("two", "Needs a reply — 8 comments")
    [entry] = outbox_json(store)
    comment = entry["comment"]
    assert isinstance(comment, dict)
    assert str(comment["body"]).endswith("Half a thought about Philomena")
