"""The benchmark harness runs end to end at its smallest size, so it cannot rot.

Timings are never asserted: only that every figure was measured at that size (the real app
through Pilot, the command line as a process) and printed with its samples and goal.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = (
    "ratio open to first paint @20: ",
    "ratio open until the whole index is read and the search ready @20: ",
    "ratio filter keystroke, whole answer @20: ",
    "ratio filter keystroke, first key once the index is ready @20: ",
    "ratio filter keystroke, summary matches shown @20: ",
    "ratio filter keystroke right after first paint (search not ready yet) @20: ",
    "ratio reply on a post of 20 comments: longest UI freeze @20: ",
    "ratio reply: Ctrl+S to on disk, vs 10 posts @20: ",
    "ratio reply on the 5,000-comment post: longest UI freeze @20: ",
    "ratio moderation: longest UI freeze @20: ",
    "ratio editor autosave (with revisions), vs an archive of 10 posts @20: ",
    "ratio peak RSS of the TUI after a session, vs the store's size @20: ",
    "ratio `reeltui posts --json` @20: ",
    "ratio `reeltui search 'in:comments wolf'` (a word no comment holds), CPU @20: ",
    "ratio `reeltui search 'in:comments \"marcy ivanova\"'` (a commenter's name), CPU @20: ",
    "ratio `reeltui import` of a WXR export",
    "ratio reader: first screen of a ",
    "ratio reader: longest freeze while the rest of the ",
    "ratio query keystroke, posts, 20 posts + ",
    "ratio query keystroke, comments, 20 posts + ",
    "ratio query keystroke, post fields, 20 posts + ",
    "ratio query keystroke, comment fields, 20 posts + ",
    "ratio stats of 20 posts, again: ",
    "ratio stats screen, longest freeze while computing 20 posts: ",
    "ratio spelling: keystroke to screen in a ",
    "ratio fidelity: posts byte-identical after import -> export, 100.0% ",
    "ratio fidelity: one-word edits confined to their block, 100.0% ",
    "ratio save of a one-word edit, ",
)


def _benchmarks(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m benchmarks --quick ARGS`, writing in `tmp_path`."""
    return subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks", "--quick", *args),
            *("--out", str(tmp_path / "RESULTS.md"), "--work", str(tmp_path / "work")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
    )


def test_harness_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = _benchmarks(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("ratio ")]
    for prefix in EXPECTED:
        assert any(line.startswith(prefix) for line in lines), (prefix, done.stdout)
    assert not any("FAILED" in line for line in lines), done.stdout
    for line in lines:  # every figure states its samples (p50 / p90 / max) and its verdict
        if ": skipped: " in line:
            continue
        assert " vs baseline " in line, line
        if " ours " in line:  # the end-to-end figures, at every archive size
            assert " / " in line and " @" in line, line
    table = out.read_text()
    assert "| figure | posts | ours p50 / p90 / max | baseline p50 / p90 / max |" in table
    assert "## What each figure times" in table and "Machine: " in table
    # the generated archive went through the store: a real store, with its heavy tail
    store = tmp_path / "work" / "store-20"
    assert (store / "meta.json").exists() and (store / "search.sqlite").exists()
    assert (store / "posts" / "p00019.json").stat().st_size > 1_000_000  # 5,000 comments


def test_the_filter_part_alone_measures_every_querys_first_key(tmp_path: Path) -> None:
    """`--only filter`: the filter figures alone (nothing else run), and the first key of a
    query measured for each query typed on both sides (it was the first query's only: one
    sample a run)."""
    done = _benchmarks(tmp_path, "--only", "filter")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("ratio ")]
    assert len(lines) == 4 and all(" filter keystroke" in line for line in lines), lines
    assert "5 first keys on each side, one per query" in done.stdout, done.stdout


def test_disk_watch_times_a_replacement_holding_the_marker(tmp_path: Path) -> None:
    """The "on disk" clock of the reply, moderation and autosave figures: a thread that sees
    the moment the files were replaced by ones holding the marker (before, a task of the app's
    loop that looked only once Pilot had waited for the screen to settle); a file that held
    the marker before the key does not count until it changes."""
    import os
    import time

    from benchmarks.child_tui import DiskWatch

    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_bytes(b'{"status": "approved"}')
    two.write_bytes(b"{}")
    watch = DiskWatch([one, two], b"approved")
    started = time.perf_counter()
    watch.start()
    time.sleep(0.05)
    assert watch.at is None  # `one` held it before: not a change
    (tmp_path / "new").write_bytes(b'{"x": "approved"}')
    os.replace(tmp_path / "new", two)
    time.sleep(0.05)
    assert watch.at is None  # `one` has not changed yet
    (tmp_path / "new").write_bytes(b'{"status": "approved", "n": 2}')
    os.replace(tmp_path / "new", one)
    watch.join(5)
    assert watch.at is not None and watch.at - started >= 0.1
