"""Two reeltui processes on one store: one writer, the other read-only and told so; the lock
of a process killed with SIGKILL is recovered. Real binaries in tmux, real processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reeltui.store.lock import PID_NAME
from tests.conftest import need_tool

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent / "reeltui"


class Tmux:
    def __init__(self, name: str, command: str) -> None:
        self.name = name
        self.tmux = need_tool("tmux")
        subprocess.run(
            [self.tmux, "-L", name, "new-session", "-d", "-x", "120", "-y", "30", command],
            check=True,
        )

    def screen(self) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.name, "capture-pane", "-p"], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"{what} never appeared on screen:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run([self.tmux, "-L", self.name, "kill-server"], capture_output=True)


@pytest.fixture
def sessions() -> Iterator[Callable[[str, str], Tmux]]:
    made: list[Tmux] = []

    def start(name: str, command: str) -> Tmux:
        session = Tmux(f"reeltui-two-{os.getpid()}-{name}", command)
        made.append(session)
        return session

    yield start
    for session in made:
        session.kill()


def test_second_instance_is_read_only_and_says_why(
    store_path: Path, sessions: Callable[[str, str], Tmux]
) -> None:
    first = sessions("a", f"{BIN} --store {store_path}")
    top = first.wait_for(lambda s: "Spike Jonze" in s, "the post list")
    assert "(read-only)" not in top
    writer = int((store_path / PID_NAME).read_text())
    second = sessions("b", f"{BIN} --store {store_path}")
    screen = second.wait_for(lambda s: "opened read-only" in toast_of(s), "the notice")
    assert f"open in another reeltui (process {writer}): opened read-only" in toast_of(screen)
    # A writing command run meanwhile is refused with one clear line (no traceback).
    damaged = store_path / "posts" / "p-flixchatter-review-spike-jonzes-her.json"
    damaged.write_bytes(b"{broken")  # damaged under the running app
    repair = subprocess.run(
        [BIN, "--store", store_path, "check", "--repair", "--yes"], capture_output=True, text=True
    )
    assert repair.returncode == 2
    assert f"open in another reeltui (process {writer})" in repair.stderr
    assert "Traceback" not in repair.stderr
    assert damaged.read_bytes() == b"{broken"


def test_lock_of_a_killed_instance_is_recovered(
    store_path: Path, sessions: Callable[[str, str], Tmux]
) -> None:
    first = sessions("a", f"{BIN} --store {store_path}")
    first.wait_for(lambda s: "Spike Jonze" in s, "the post list")
    writer = int((store_path / PID_NAME).read_text())
    os.kill(writer, signal.SIGKILL)  # no chance to release anything: the pid file stays
    first.wait_for(lambda s: "Spike Jonze" not in s, "the end of the killed app")
    assert (store_path / PID_NAME).exists()
    second = sessions("b", f"{BIN} --store {store_path}")
    screen = second.wait_for(lambda s: "Spike Jonze" in s, "the post list")
    assert "(read-only)" not in screen and "another reeltui" not in screen
    assert int((store_path / PID_NAME).read_text()) != writer


HOLDER = r"""
import sys, time
from pathlib import Path
from reeltui.store import Store, StoreLocked
path, go, release = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
print("ready", flush=True)  # imported: every child races from the same start
while not go.exists():
    time.sleep(0.001)
try:
    store = Store.open(path)
except StoreLocked as exc:
    print("locked", exc, flush=True)
    sys.exit(0)
print("writer", flush=True)
while not release.exists():  # hold it until every other child has had its answer
    time.sleep(0.001)
store.close()
"""


def test_processes_racing_for_the_store_get_one_writer(store_path: Path, tmp_path: Path) -> None:
    for round_ in range(3):
        go, release = tmp_path / f"go-{round_}", tmp_path / f"release-{round_}"
        children = [
            subprocess.Popen(
                [sys.executable, "-c", HOLDER, str(store_path), str(go), str(release)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        assert all(child.stdout and child.stdout.readline() == "ready\n" for child in children)
        go.touch()
        answers = [child.stdout.readline() if child.stdout else "" for child in children]
        release.touch()
        ends = [child.communicate(timeout=60)[0] for child in children]
        outputs = [a + end for a, end in zip(answers, ends, strict=True)]
        writers = [o for o in outputs if o.startswith("writer")]
        assert len(writers) == 1, outputs
        others = [o for o in outputs if o not in writers]
        assert all(o.startswith("locked") and "open in another reeltui" in o for o in others)


def test_app_on_a_read_only_file_system_opens_read_only_and_says_why(
    store_path: Path, sessions: Callable[[str, str], Tmux]
) -> None:
    unshare = need_tool("unshare")
    probe = subprocess.run(
        [unshare, "-m", "--propagation", "private", "mount", "-t", "tmpfs", "tmpfs", "/mnt"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot mount in a private namespace here: {probe.stderr.strip()}")
    script = (
        f"mount --bind {store_path} {store_path} && "
        f"mount -o remount,bind,ro {store_path} && exec {BIN} --store {store_path}"
    )
    app = sessions("ro", f"{unshare} -m --propagation private sh -c '{script}'")
    screen = app.wait_for(
        lambda s: "opened read-only" in toast_of(s) and "Spike Jonze" in s,
        "the read-only notice over the post list",  # the toast may come a frame before the rows
    )
    assert "(Read-only file system): opened read-only" in toast_of(screen)


def toast_of(screen: str) -> str:
    """The text of the notification at the bottom right, joined across its wrapped lines."""
    parts = (line.rpartition("▌")[2] for line in screen.splitlines() if "▌" in line)
    text = re.sub(r"[│╭╮╰╯─▎▁]", " ", " ".join(parts))  # pane borders around the toast
    return " ".join(text.split())
