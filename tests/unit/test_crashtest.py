"""The kill -9 crash test (benchmarks/crashtest.py) at a small scale, through its command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def crashtest(*args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.crashtest", "--json", "--quiet", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def test_twenty_kills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    code, result = crashtest("--iterations", "20", "--seed", "8", "--store", str(tmp_path / "s"))
    assert result["errors"] == []
    assert code == 0 and result["ok"]
    assert result["iterations"] == 20
    assert result["kills"] == 20  # every child died of SIGKILL, none of its own bug
    assert result["unreadable_stores"] == 0
    assert result["check_failures"] == 0
    assert result["lost_acknowledged"] == 0
    # Real work was interrupted: every operation ran, most kills hit an operation mid-way.
    assert set(result["operations"]) == {"save_post", "draft", "reply", "moderate"}
    assert result["acknowledged"] >= 20  # (how many depends on the machine's load)
    assert result["killed_mid_operation"] >= 10
    # The child backs up at every open: backups rotate and stay few.
    backups = [p for p in (tmp_path / "s" / "backups").iterdir() if not p.name.startswith(".")]
    assert 1 <= len(backups) <= 5


def test_the_harness_sees_a_lost_acknowledged_change(tmp_path: Path) -> None:
    code, result = crashtest(
        "--iterations",
        "2",
        "--ops",
        "forgetful,draft",
        "--plugin",
        "tests.unit.crash_forgetful",
        "--store",
        str(tmp_path / "s"),
    )
    assert code == 1 and not result["ok"]
    assert result["lost_acknowledged"] > 0
    assert any("forgotten-" in e and "missing" in e for e in result["errors"])


def test_kill_9_and_a_full_disk_during_an_import_apply_all_or_nothing() -> None:
    """The bulk crash test (benchmarks/crashbulk.py) at a small scale: an import killed, or
    run out of disk, between the files of its commit never leaves half of it."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.crashbulk", "--runs", "8", "--no-pull", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.stdout, done.stderr
    result = json.loads(done.stdout)
    assert result["errors"] == [] and result["ok"], result
    assert result["runs"] == 8 and result["half_applied"] == 0 and result["unsound"] == 0
    assert sum(result["outcomes"].values()) >= 8  # every run judged
