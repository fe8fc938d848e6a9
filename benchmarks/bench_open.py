"""1. Open the store and reach first paint of the post list, vs a bare Textual app that only
parses the same files with orjson. Each run is a fresh process (cold interpreter, warm disk)."""

from __future__ import annotations

from benchmarks.common import Config, Result, median, run_child
from benchmarks.generate import archive

GOAL = 1.5


def run(cfg: Config) -> list[Result]:
    store = archive(cfg.big, cfg.work)
    ours: list[float] = []
    bare: list[float] = []
    found = True
    for _ in range(cfg.runs):  # interleaved, so a burst of machine load hits both alike
        bare.append(run_child(cfg, "benchmarks.child_open", str(store), "bare")["seconds"])
        result = run_child(cfg, "benchmarks.child_open", str(store), "app")
        ours.append(result["seconds"])
        found = found and bool(result["post_list_found"])
    res = Result(f"open {cfg.big} posts to first paint", median(ours), median(bare), GOAL)
    res.notes.append(
        "waits for the first screen, its #post-list and the app's workers"
        if found
        else "no #post-list found: timed until the first screen was ready"
    )
    return [res]
