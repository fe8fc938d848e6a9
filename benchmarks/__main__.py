"""`python -m benchmarks [--quick] [--runs N] [--only NAME...] [--out FILE] [--work DIR]`."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import ROOT, Config, Result

BENCHMARKS = ("open", "autosave", "search", "query", "stats", "reader", "memory", "wxr", "spelling")


READING = [
    "- Each ratio is against a baseline measured in the same run, so a busy machine slows "
    "both sides; an absolute limit (50 ms per search keystroke) has no such protection: "
    "compare the CPU-speed reference in the header between runs.",
    "- open: the store parses its files with the garbage collector paused and then frozen "
    "(`store.store._bulk_load`); the baseline calls plain `orjson.loads`, GC on. That, not "
    "a trick of measurement, is why the app can come close to 1x.",
    "- search: `Blog.rows(search=q)` returns every matching post; `search_comments` returns "
    "the newest 200 matching comments (`limit=None` for all). Typing narrows the previous "
    "answer; the cold figure is a whole query with nothing remembered (full scans).",
    "- reader: Textual's Markdown widget makes a widget per block and lays them all out again "
    "on every change (a 500 KB post took ~20 s to build, froze for 2 s at a time, 0.5 s per "
    "page down). A post of more than 3 pieces (~50 KB) is shown as lines Rich renders in a "
    "background thread, one widget painting only what is on screen "
    "(`reeltui/ui/widgets/long_body.py`); shorter posts use the Markdown widget. The freeze "
    "figure is the longest the event loop could not answer a key while the lines come in.",
    "- memory: peak RSS is Linux's VmHWM of a fresh process (getrusage's ru_maxrss inherits "
    "the harness's peak across fork + exec). A big table file is parsed in pieces cut at its "
    "records (`reeltui/store/jsonload.py`): parsed whole, orjson's intermediate tree of a "
    "120 MB comments.json added ~200 MB at the peak (3.86x; 641 -> 447 MB for that file).",
    "- WXR: `reeltui.services.importer.import_path` (stream-parse, convert HTML to Markdown, "
    "merge, one write per file) with the garbage collector paused; the baseline is defusedxml "
    "building the whole tree (GC on), the parser the importer streams with.",
]


def machine() -> str:
    import textual

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    started = time.perf_counter()
    sum(range(10**7))
    calibration = time.perf_counter() - started
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, Textual {textual.__version__}; "
        f"load average at start {load}; `sum(range(10**7))` took {calibration:.2f} s "
        "(a CPU-speed reference: compare it between runs)"
    )


def report(results: list[Result], cfg: Config, took: float, started: str) -> str:
    rows = []
    for r in results:
        if r.skipped:
            rows.append(f"| {r.name} | skipped | | | | {r.skipped} |")
            continue
        goal = "—" if r.goal is None else f"<= {r.goal:g}x"
        if r.limit is not None:
            goal += f", <= {r.fmt(r.limit)}"
        met = {None: "reported", True: "met", False: "**missed**"}[r.met]
        rows.append(
            f"| {r.name} | {r.fmt(r.measured)} | {r.fmt(r.baseline)} | {r.ratio:.2f}x "
            f"| {goal} | {met} |"
        )
    notes = [f"- {r.name}: {note}" for r in results for note in r.notes]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            "Written by `python -m benchmarks` (`make bench`); do not edit by hand.",
            "",
            f"- Date: {started}",
            f"- Machine: {machine()}",
            f"- Runs: medians of {cfg.runs} runs per figure (more samples where noted); "
            f"the whole command took {took / 60:.1f} min",
            f"- Archive: {cfg.big} posts with ~20 threaded comments each (generated under "
            "benchmarks/.work through the store's own code)",
            "",
            "| benchmark | ours (median) | baseline (median) | ratio | goal | verdict |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            "## Notes",
            "",
            *notes,
            "",
            "## How to read this",
            "",
            *READING,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smallest sizes (for tests)")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these")
    parser.add_argument("--out", type=Path, help="results file (default benchmarks/RESULTS.md)")
    parser.add_argument("--work", type=Path, help="cache folder (default benchmarks/.work)")
    args = parser.parse_args(argv)
    cfg = Config()
    if args.quick:
        cfg = Config(big=10, small=10, runs=2, long_post=20_000, small_post=5_000, quick=True)
    if args.runs:
        cfg = Config(**{**cfg.__dict__, "runs": args.runs})
    if args.work:
        cfg = Config(**{**cfg.__dict__, "work": args.work})
    out = args.out or ROOT / "benchmarks" / "RESULTS.md"
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"reeltui benchmarks, {started}: {machine()}", flush=True)
    began = time.perf_counter()
    results: list[Result] = []
    failed = False
    for name in args.only or BENCHMARKS:
        print(f"[{name}]", flush=True)
        module = importlib.import_module(f"benchmarks.bench_{name}")
        t0 = time.perf_counter()
        try:
            found = module.run(cfg)
        except Exception as exc:  # one broken benchmark must not hide the others
            traceback.print_exc()
            print(f"ratio {name}: FAILED: {exc}", flush=True)
            failed = True
            continue
        for result in found:
            print(result.line(), flush=True)
            for note in result.notes:
                print(f"    {note}", flush=True)
        print(f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
        results.extend(found)
    took = time.perf_counter() - began
    out.write_text(report(results, cfg, took, started), encoding="utf-8")
    print(f"results written to {out} ({took / 60:.1f} min)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
