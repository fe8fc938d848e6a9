"""A real install, as a new user does it: the wheel built from this tree, installed with its
declared dependencies into a fresh venv, run under a fresh HOME (no XDG variables, no
REELTUI_* settings): `reeltui posts` lists the demo blog and the app paints it and quits.

The dependencies' wheels are downloaded once into a wheelhouse kept between runs (keyed by the
dependency list), then installed with --no-index: later runs need no network.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_tool

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEMO_SLUG = "flixchatter-review-spike-jonzes-her"


def pip(python: Path | str, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"pip {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bin folder of a fresh venv holding the built wheel and its dependencies only."""
    work = tmp_path_factory.mktemp("wheel")
    pip(sys.executable, "wheel", "--no-deps", "-w", str(work / "dist"), str(ROOT))
    [wheel] = (work / "dist").glob("reeltui-*.whl")
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    house = Path(tempfile.gettempdir()) / f"reeltui-wheelhouse-{key}"
    if not (house / ".complete").exists():
        pip(sys.executable, "download", "--only-binary", ":all:", "-d", str(house), str(wheel))
        (house / ".complete").touch()
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip(venv / "bin" / "python", "install", "--no-index", "--find-links", str(house), str(wheel))
    yield venv / "bin"


def user_env(home: Path, bin_dir: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "PYTHONFAULTHANDLER": "1",  # a hang at exit can be dumped (see still_running)
    }


def test_the_wheel_ships_the_license_and_the_demo_credits(installed: Path) -> None:
    [wheel] = installed.parents[1].glob("dist/reeltui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reeltui-0.1.0.dist-info/licenses/LICENSE" in names
    assert "reeltui/DEMO-CREDITS.md" in names
    assert sum(n.startswith("reeltui/_demo/") and n.endswith(".md") for n in names) == 4
    listed = subprocess.run(
        [str(installed / "python"), "-m", "pip", "list", "--format", "freeze"],
        capture_output=True,
        text=True,
    ).stdout.lower()
    assert "tree-sitter-markdown==" in listed and "tree-sitter==" in listed
    assert "tree-sitter-python" not in listed  # one grammar, not textual[syntax]'s fourteen


def test_reeltui_posts_right_after_the_install(installed: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = user_env(home, installed)
    version = subprocess.run(["reeltui", "--version"], capture_output=True, text=True, env=env)
    assert version.stdout == "reeltui 0.1.0\n"
    done = subprocess.run(
        ["reeltui", "posts"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    store = home / ".local" / "share" / "reeltui" / "store"
    assert done.stderr == f"reeltui: created a new store with the demo blog at {store}\n"
    assert DEMO_SLUG in done.stdout
    again = subprocess.run(["reeltui", "posts", "--json"], capture_output=True, text=True, env=env)
    assert again.returncode == 0 and again.stderr == "" and again.stdout.count('"slug"') == 4


def test_the_app_paints_the_demo_blog_and_quits(installed: Path, tmp_path: Path) -> None:
    tmux = need_tool("tmux")
    home = tmp_path / "home"
    home.mkdir()
    socket = f"reeltui-wheel-{os.getpid()}"
    env = user_env(home, installed)
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    status_file = tmp_path / "exit-status"

    def tmux_run(*args: str) -> str:
        return subprocess.run(
            [tmux, "-u", "-L", socket, *args], capture_output=True, text=True, timeout=30
        ).stdout

    # The app's exit status is written by the shell that ran it: tmux 3.3's own
    # #{pane_dead_status} stays empty now and then after a pane's process has ended (its
    # child is left a zombie until another SIGCHLD comes; seen with `sleep 1` as the pane's
    # command, in 4 of 16 tries), so it cannot tell a hang from an exit.
    command = f"env -i {exports} reeltui; echo $? > {status_file}"
    try:
        tmux_run("new-session", "-d", "-x", "120", "-y", "40", command)
        tmux_run("set-option", "-g", "remain-on-exit", "on")
        screen = wait_for(tmux_run, "Posts (4)", "FlixChatter Review")
        assert "4 posts" in screen or "Posts (4)" in screen
        tmux_run("send-keys", "-t", "0", "q")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not status_file.exists():
            time.sleep(0.05)  # polling for the exit, not a wait for readiness
        while time.monotonic() < deadline and not status_file.read_text().strip():
            time.sleep(0.05)  # the shell has opened the file and not yet written it
        status = status_file.read_text().strip() if status_file.exists() else ""
        assert status == "0", still_running(tmux_run, installed / "reeltui")
        assert "Traceback" not in tmux_run("capture-pane", "-p", "-t", "0")
    finally:
        tmux_run("kill-server")
    assert (home / ".local" / "share" / "reeltui" / "store" / "meta.json").exists()


def still_running(tmux_run: object, binary: Path) -> str:
    """What the app was doing when it did not end: every thread's stack, dumped by Python's
    faulthandler (PYTHONFAULTHANDLER=1) on SIGABRT, then the pane."""
    run: Any = tmux_run
    pids = subprocess.run(["pgrep", "-f", str(binary)], capture_output=True, text=True).stdout
    for pid in pids.split():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGABRT)
    if pids:
        deadline = time.monotonic() + 10
        while (
            time.monotonic() < deadline
            and run("display", "-p", "-t", "0", "#{pane_dead}").strip() != "1"
        ):
            time.sleep(0.05)  # polling for the dump to end
    pane = run("capture-pane", "-p", "-S", "-200", "-t", "0")
    # (a dump written while the app still had the alternate screen is kept there)
    pane += run("capture-pane", "-p", "-a", "-q", "-t", "0")
    ended = run("display", "-p", "-t", "0", "dead #{pane_dead} signal #{pane_dead_signal}")
    return f"the app did not end well after q ({ended.strip()}); the pane (and stacks):\n{pane}"


def wait_for(tmux_run: object, *texts: str) -> str:
    deadline = time.monotonic() + 60
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux_run("capture-pane", "-p", "-t", "0")  # type: ignore[operator]
        if all(t in screen for t in texts):
            return str(screen)
        time.sleep(0.05)  # polling interval, not a wait for readiness
    raise AssertionError(f"never saw {texts!r}; the screen was:\n{screen}")
