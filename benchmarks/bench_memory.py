"""6. Peak resident memory of a fresh process with the large archive open (listed, counted, a
thread read, searched once), vs the size of the store's files on disk."""

from __future__ import annotations

from benchmarks.common import Config, Result, median, run_child
from benchmarks.generate import archive, store_bytes

GOAL = 4.0


def run(cfg: Config) -> list[Result]:
    store = archive(cfg.big, cfg.work)
    size = float(store_bytes(store))
    peaks = [
        run_child(cfg, "benchmarks.child_memory", str(store), "open")["peak"]
        for _ in range(cfg.runs)
    ]
    bare = run_child(cfg, "benchmarks.child_memory", str(store), "python")["peak"]
    res = Result(f"peak RSS with {cfg.big} posts open vs store size", median(peaks), size, GOAL)
    res.unit = "B"
    res.notes.append(
        f"interpreter with reeltui imported, nothing open: {bare / 1e6:.0f} MB; "
        "includes the search index"
    )
    return [res]
