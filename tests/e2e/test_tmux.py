"""End to end: the installed `reeltui` in a real terminal (tmux), read with capture-pane."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import storefiles
from tests.conftest import need_tool

pytestmark = pytest.mark.e2e
WAIT = 30.0  # seconds before giving up on a screen that never comes


class Tmux:
    def __init__(self, tmux: str) -> None:
        self.tmux = tmux
        self.socket = f"reeltui-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        # -u: UTF-8 whatever the locale of a fresh CI machine says (reels are ●◐).
        return subprocess.run(
            [self.tmux, "-u", "-L", self.socket, *args],
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=30,
            env={**os.environ, "TERM": os.environ.get("TERM") or "xterm-256color"},
        )

    def start(self, command: str, env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        result = self.run(
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            # tmux may export COLUMNS/LINES of a default 80x24 client; the pane is 120x40.
            f"env -u COLUMNS -u LINES {exports} {command}",
        )
        assert result.returncode == 0, result.stderr

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "0").stdout

    def keys(self, *keys: str) -> None:
        assert self.run("send-keys", "-t", "0", *keys).returncode == 0

    def type(self, text: str) -> None:
        assert self.run("send-keys", "-t", "0", "-l", text).returncode == 0

    def wait_for(self, *texts: str) -> str:
        """Poll the pane until every text shows; fail with the last screen."""
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.05)  # polling interval, not a wait for readiness
        raise AssertionError(f"never saw {texts!r}; the screen was:\n{screen}")

    def wait_without(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never went away; the screen was:\n{screen}")

    def wait_gone(self) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.run("has-session").returncode != 0:
                return
            time.sleep(0.05)
        raise AssertionError(f"reeltui did not quit; the screen was:\n{self.screen()}")

    def kill(self) -> None:
        self.run("kill-server")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux(need_tool("tmux"))
    yield session
    session.kill()  # only our own server, by its socket name


def installed_reeltui() -> str:
    binary = Path(sys.executable).parent / "reeltui"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `make install` first")
    return str(binary)


def app_env(home: Path) -> dict[str, str]:
    """A UTF-8 terminal, and settings and home in a temp folder (never the user's)."""
    return {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "REELTUI_CONFIG": str(home / "config.toml"),
        "HOME": str(home),
    }


def test_read_the_her_review_its_comments_and_search(
    tmux: Tmux, store_path: Path, tmp_path: Path
) -> None:
    env = app_env(tmp_path)
    tmux.start(f"{shlex.quote(installed_reeltui())} --store {shlex.quote(str(store_path))}", env)
    tmux.wait_for("Posts (4)", "FlixChatter Review: Spike Jonze", "4 posts")

    # Find the review with the list's filter, then open it.
    tmux.keys("/")
    tmux.wait_for("search: words tag: rating:>=4")
    tmux.type('"FlixChatter Review"')  # a phrase (two words may be anywhere)
    tmux.wait_for("Posts (1)")
    tmux.keys("Enter")  # back to the list
    tmux.wait_for("Posts (1)", 'search: "FlixChatter Review"')
    tmux.keys("Enter")  # open the post
    screen = tmux.wait_for("Rating: ●●●●◐ 4.5 out of 5 reels", "by Ruth")
    assert "Film: Her (2013)" in screen

    # Its comments.
    tmux.keys("c")
    tmux.wait_for("Comments (6)", "Marcy Lindqvist", "Ruth (author)", "r Reply > Quote")
    tmux.keys("Space")  # collapse the first comment's replies
    tmux.wait_for("+2 replies hidden")
    tmux.keys("Space")
    tmux.wait_without("replies hidden")

    # Search inside the post: the counter says where we are.
    tmux.keys("2")
    tmux.wait_for("/ Search")
    tmux.keys("/")
    tmux.wait_for("search in this post")
    tmux.type("Samantha")
    tmux.wait_for("1/12", "esc Close")
    tmux.keys("Down")  # next match while still typing
    tmux.wait_for("2/12")
    tmux.keys("Enter")  # back to the text; the matches stay
    tmux.wait_without("esc Close")
    tmux.keys("n")
    screen = tmux.wait_for("3/12")
    assert "Samantha" in screen

    # The read mark is saved in the store.
    tmux.keys("Escape")
    tmux.wait_for("Posts (1)", "enter Open")
    tmux.keys("q")
    tmux.wait_gone()
    assert "p-flixchatter-review-spike-jonzes-her" in storefiles.reads(store_path)
