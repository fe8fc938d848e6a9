"""The benchmark harness runs end to end at its smallest size, so it cannot rot.

Timings are never asserted: only that every benchmark ran and printed its ratio line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = (
    "ratio open 10 posts to first paint: ",
    "ratio autosave with 10 posts open vs 10: ",
    "ratio search keystroke while typing, 10 posts + ",
    "ratio search, whole query with nothing remembered, 10 posts + ",
    "ratio query keystroke, posts, 10 posts + ",
    "ratio query keystroke, comments, 10 posts + ",
    "ratio query keystroke, post fields, 10 posts + ",
    "ratio query keystroke, comment fields, 10 posts + ",
    "ratio stats of 10 posts, again: ",
    "ratio stats screen, longest freeze while computing 10 posts: ",
    "ratio reader: first screen of a ",
    "ratio reader: longest freeze while the rest of the ",
    "ratio WXR import of 10 posts",
    "ratio peak RSS with 10 posts open vs store size: ",
    "ratio spelling: keystroke to screen in a ",
)


def test_harness_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--quick",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    ratio_lines = [line for line in lines if line.startswith("ratio ")]
    for prefix in EXPECTED:
        assert any(line.startswith(prefix) for line in ratio_lines), (prefix, done.stdout)
    assert not any("FAILED" in line for line in ratio_lines), done.stdout
    for line in ratio_lines:
        # every figure states its ratio and goal, or why it was skipped
        assert (" = " in line and "x (" in line) or ": skipped: " in line, line
    table = out.read_text()
    assert "| benchmark | ours (median) | baseline (median) | ratio | goal | verdict |" in table
    assert table.count("\n| ") >= len(EXPECTED)
    assert "Machine: " in table and "Date: " in table
    # the generated archive went through the store: a real store folder, cached by size
    assert (tmp_path / "work" / "store-10" / "meta.json").exists()
    assert (tmp_path / "work" / "store-10" / "comments.json").stat().st_size > 10_000
