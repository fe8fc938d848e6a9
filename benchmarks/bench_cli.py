"""The command line as a process.

- `reeltui posts --json`: process start to exit (the JSON printed to /dev/null), vs a Python
  process that only parses the posts index files with orjson (the garbage collector paused
  on both sides, as the store pauses it while it reads).
- `reeltui import export.xml` into a fresh store, vs a Python process that parses the same
  WXR file with defusedxml (the collector on on both sides: each does as it does by default).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, Config, Figure, child_env, empty_cache
from benchmarks.generate import archive
from benchmarks.wxrgen import wxr_file

REELTUI = Path(sys.executable).parent / "reeltui"
PARSE_INDEX = (
    "import gc, sys, pathlib, orjson; gc.disable(); "
    "[orjson.loads(p.read_bytes()) for p in sorted(pathlib.Path(sys.argv[1]).glob('*.json'))]"
)
PARSE_WXR = "import sys, defusedxml.ElementTree as ET; ET.parse(sys.argv[1])"


def _timed(cfg: Config, command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(cfg),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=1800,
    )
    took = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:3])} failed: {done.stderr.strip()[-300:]}")
    return took


def posts_json(cfg: Config, size: int) -> tuple[Figure, Figure]:
    store = archive(size, cfg.work)
    ours, base, cold = [], [], []
    command = [str(REELTUI), "--store", str(store), "posts", "--json"]
    for _ in range(cfg.runs):
        base.append(_timed(cfg, [sys.executable, "-c", PARSE_INDEX, str(store / "posts-index")]))
        empty_cache(cfg)  # a first run: no index file remembered as sound
        cold.append(_timed(cfg, command))
        ours.append(_timed(cfg, command))
    first = Figure(
        "`reeltui posts --json`, the first run (cache folder empty)",
        size,
        "as below, the user's cache folder emptied before each run (every index file checked row "
        "by row); the figure below is every later run",
        cold,
        base,
    )
    return first, Figure(
        "`reeltui posts --json`",
        size,
        "process start -> exit, every post printed as JSON; baseline: a Python process "
        "parsing the posts index files with orjson",
        ours,
        base,
        goal=2.0,
        on="p50",
    )


def wxr_import(cfg: Config, size: int) -> Figure:
    wxr = wxr_file(size, cfg.work)
    ours, base = [], []
    runs = max(1, min(cfg.runs, 3))
    for _ in range(runs):
        base.append(_timed(cfg, [sys.executable, "-c", PARSE_WXR, str(wxr)]))
        target = cfg.work / "import-target"
        shutil.rmtree(target, ignore_errors=True)
        ours.append(_timed(cfg, [str(REELTUI), "--store", str(target), "import", str(wxr)]))
        shutil.rmtree(target, ignore_errors=True)
    fig = Figure(
        f"`reeltui import` of a WXR export ({wxr.stat().st_size / 1e6:.0f} MB)",
        size,
        "process start -> exit, the export read, converted and written into a fresh store; "
        "baseline: a Python process parsing the file with defusedxml",
        ours,
        base,
        goal=3.0,
        on="p50",
        comparable=False,
    )
    fig.notes.append("the baseline only parses; the import also converts HTML and writes")
    return fig
