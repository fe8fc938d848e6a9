"""What a new user met on the command line: a store named by a relative path, and a bug's
traceback printed besides the one line naming its crash report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.services.session import open_blog


def _with_search_index(path: Path) -> None:
    """The store as the app leaves it: its search index made (search.sqlite)."""
    with open_blog(path) as blog:
        blog.search_index().prepare()
    assert (path / "search.sqlite").exists()


@pytest.mark.parametrize("command", [["posts"], ["search", "her"]])
def test_a_relative_store_path_is_read_like_an_absolute_one(
    store_path: Path, command: list[str]
) -> None:
    _with_search_index(store_path)
    env = {**os.environ, "HOME": str(store_path.parent / "home")}
    run = [sys.executable, "-m", "reeltui", *command]
    by_absolute = subprocess.run(
        [*run, "--store", str(store_path)], capture_output=True, text=True, env=env
    )
    relative = subprocess.run(
        [*run, "--store", store_path.name],
        capture_output=True,
        text=True,
        env=env,
        cwd=store_path.parent,
    )
    assert by_absolute.returncode == 0, by_absolute.stderr
    assert (relative.returncode, relative.stderr) == (0, by_absolute.stderr)
    assert relative.stdout == by_absolute.stdout and "Her" in relative.stdout


def test_a_bug_prints_one_line_and_no_traceback_outside_pytest(
    tmp_path: Path, store_path: Path
) -> None:
    """(In pytest's own process its logging handlers hide Python's last-resort handler,
    which printed the whole traceback to stderr: a process of its own, as a user runs it.)"""
    script = (
        "import sys\n"
        "from reeltui.cli import main, reading\n"
        "def broken(*_):\n"
        "    raise AttributeError('a planted bug')\n"
        "reading.print_rows = broken\n"
        f"sys.exit(main(['posts', '--store', {str(store_path)!r}]))\n"
    )
    env = {**os.environ, "REELTUI_CRASH_DIR": str(tmp_path / "crashes")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 70
    [report] = (tmp_path / "crashes").glob("crash-*.log")
    assert done.stderr.splitlines() == [
        "reeltui: a bug in reeltui stopped this (AttributeError: a planted bug); "
        f"the details are in {report} - please report it"
    ]
    assert "Traceback" in report.read_text()
