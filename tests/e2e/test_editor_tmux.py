"""The installed `reeltui` in a real terminal (tmux): $EDITOR hand-off, and kill -9 mid-draft."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from reeltui.services.session import open_blog
from tests.conftest import need_tool

pytestmark = pytest.mark.e2e

REELTUI = Path(sys.executable).parent / "reeltui"
HER = "flixchatter-review-spike-jonzes-her"


class Tmux:
    def __init__(self, tmux: str) -> None:
        self.tmux = tmux
        self.name = f"reeltui-test-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [self.tmux, "-L", self.name, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-x", "120", "-y", "40", command)
        self.run("set-option", "-g", "remain-on-exit", "on")

    def respawn(self, command: str) -> None:
        self.run("respawn-pane", "-k", command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait_for(self, *texts: str, timeout: float = 60.0) -> str:
        """Poll the screen until every text is on it (no fixed sleeps)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts} never appeared; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-l", text)

    def pane_pid(self) -> int:
        return int(self.run("display-message", "-p", "#{pane_pid}").strip())

    def wait_dead(self, pid: int, timeout: float = 60.0) -> None:
        """Poll until the pane's process is gone (tmux's own pane_dead flag, or no such pid)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = self.run("display-message", "-p", "#{pane_dead}").strip() == "1"
            if dead or not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.1)
        raise AssertionError(f"process {pid} still runs after SIGKILL")

    def kill(self) -> None:
        subprocess.run([self.tmux, "-L", self.name, "kill-server"], capture_output=True)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux(need_tool("tmux"))
    yield session
    session.kill()


def command(store: Path, *args: str, env: dict[str, str] | None = None) -> str:
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    argv = " ".join(shlex.quote(a) for a in (str(REELTUI), "--store", str(store), *args))
    # COLUMNS/LINES from the test runner would override the terminal's real size.
    return f"exec env -u COLUMNS -u LINES TERM=xterm-256color {assignments} {argv}"


def test_external_editor_hand_off(tmux: Tmux, store_path: Path, tmp_path: Path) -> None:
    editor = tmp_path / "fake-editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        "printf '\\nAppended by the external editor.\\n' >> \"$1\"\n"
        'echo "$1" > ' + shlex.quote(str(tmp_path / "seen-path")) + "\n"
        "exit 3\n"  # a failing exit status: the file's contents are trusted anyway
    )
    editor.chmod(0o755)
    tmux.start(command(store_path, "edit", HER, env={"VISUAL": str(editor), "EDITOR": "false"}))
    tmux.wait_for("editing · FlixChatter Review", "Save")
    tmux.keys("C-e")
    tmux.wait_for("Text updated from the", "status 3")  # a toast: words may wrap
    temp_file = Path((tmp_path / "seen-path").read_text().strip())
    assert not temp_file.exists()  # removed once read back
    tmux.keys("C-s")
    tmux.wait_for("Saved")
    blog = open_blog(store_path, read_only=True)
    try:
        assert blog.post_by_slug(HER).body.endswith("Appended by the external editor.\n")
    finally:
        blog.close()


def test_missing_editor_keeps_the_text_and_says_where(tmux: Tmux, store_path: Path) -> None:
    tmux.start(command(store_path, "edit", HER, env={"VISUAL": "/nonexistent/editor"}))
    tmux.wait_for("editing · FlixChatter Review", "Save")
    tmux.keys("C-e")
    screen = tmux.wait_for("Could not run", "text kept in")
    assert "Traceback" not in screen
    tmux.wait_for("editing · FlixChatter Review", "no changes")  # the built-in editor is back


def test_kill_9_mid_draft_then_offered_back(tmux: Tmux, store_path: Path) -> None:
    tmux.start(command(store_path, "new", "--template", "review", "--title", "Killed mid-draft"))
    tmux.wait_for("new post · Killed mid-draft")
    tmux.keys("F3")
    tmux.type("Words that must survive a crash.")
    tmux.wait_for("autosaved")  # after a moment of idle typing
    pid = tmux.pane_pid()
    os.kill(pid, signal.SIGKILL)
    tmux.wait_dead(pid)
    drafts = orjson.loads((store_path / "drafts.json").read_bytes())["drafts"]
    bodies = [d["post"]["body"] for d in drafts.values()]
    assert len(bodies) == 1 and "Words that must survive a crash." in bodies[0]

    tmux.respawn(command(store_path))
    tmux.wait_for("Working copies not saved", "Killed mid-draft · autosaved", "never")
    tmux.keys("Enter")
    tmux.wait_for("new post · Killed mid-draft", "Words that must survive a crash.")
    tmux.keys("C-s")
    tmux.wait_for("Saved")
    blog = open_blog(store_path, read_only=True)
    try:
        post = blog.post_by_slug("killed-mid-draft")
        assert "\n\nWords that must survive a crash.\n\n## What works" in post.body
    finally:
        blog.close()


def test_new_and_edit_return_to_the_shell_when_the_editor_closes(
    tmux: Tmux, store_path: Path, tmp_path: Path
) -> None:
    """Like `git commit`: `reeltui new` and `reeltui edit` end with the editor."""
    marker = tmp_path / "after"
    then = f"; echo ended $? > {shlex.quote(str(marker))}"
    run = command(store_path, "new", "--title", "Shell").removeprefix("exec ")
    tmux.start(f"sh -c {shlex.quote(run + then)}")
    tmux.wait_for("new post · Shell")
    tmux.keys("C-s")
    tmux.wait_for("Saved")
    tmux.keys("Escape")
    deadline = time.monotonic() + 60
    while not marker.exists():  # the shell goes on once reeltui has ended
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.1)
    assert marker.read_text().strip() == "ended 0"
    tmux.respawn(command(store_path, "edit", "shell"))
    tmux.wait_for("editing · Shell")
    pid = tmux.pane_pid()
    tmux.keys("Escape")  # nothing changed: closes at once, and so does reeltui
    tmux.wait_dead(pid)
