"""How the suite is spread over xdist workers (`make test`: `-n auto --dist loadgroup`): the
real-WordPress tests on one worker (one server for the run), the tests sharing a module's
fixture on one worker (the wheel built once). Read from the plan xdist makes (`--setup-plan`:
nothing is run), so the groups are seen as xdist sees them: set too late, they were ignored
and each worker started its own WordPress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_groups_reach_xdist() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "1",
         "--dist", "loadgroup", "-v", "--setup-plan",
         "tests/sync/test_backup_after_pull.py", "tests/e2e/test_sync_tmux.py",
         "tests/e2e/test_wheel_install.py", "tests/unit/test_spelling.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    planned = [line.split()[0] for line in done.stdout.splitlines() if line.startswith("tests/")]
    assert len(planned) == 12, done.stdout + done.stderr
    group = {test.partition("@")[0]: test.partition("@")[2] for test in planned}
    server = [g for t, g in group.items() if t.startswith(("tests/sync/", "tests/e2e/test_sync"))]
    assert server == ["wordpress", "wordpress"]  # the sync test and the one in tmux
    wheel = [g for t, g in group.items() if t.startswith("tests/e2e/test_wheel_install.py")]
    assert wheel == ["tests/e2e/test_wheel_install.py::installed"] * 3
    # a test of that module that does not use its fixture is sent alone
    assert group["tests/unit/test_spelling.py::test_the_spelling_settings"] == ""
    assert group["tests/unit/test_spelling.py::test_the_dictionary_the_blog_and_the_rules"] == (
        "tests/unit/test_spelling.py::english"
    )
