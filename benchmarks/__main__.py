"""`python -m benchmarks [--quick] [--sizes N...] [--only NAME...] [--out FILE] [--work DIR]`.

Every figure is a user's path end to end (the app through Textual's Pilot, the command line
as a process), at every archive size, with p50 / p90 / max of ours and of a baseline
measured in the same run. See `benchmarks/common.py` for how a verdict is given.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import importlib
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import bench_cli, bench_csearch, bench_reader, bench_tui
from benchmarks.common import ROOT, Config, Figure, Result, compile_sources
from benchmarks.generate import archive, search_bytes, store_bytes

BENCHMARKS = ("tui", "cli", "csearch", "wxr", "reader")
MEDIANS = ("query", "stats", "spelling", "fidelity")  # `run(cfg) -> list[Result]` each
# parts of `tui` alone, nothing written to the archives: the open figures, the filter's
PARTS = ("open", "filter")
READING = [
    "- Each ratio is of the two quantiles named in the goal column, both sides measured in the "
    "same run (a busy machine slows both). An absolute limit (50 ms) has no such protection: "
    "compare the CPU-speed reference in the header between runs.",
    '- "met" is said only where the baseline does the same work as what it is compared with; '
    'elsewhere the figure is "reported".',
    "- Archives: the generator's posts have ~20 threaded comments each; three posts have 1,000, "
    "2,500 and 5,000 (the newest is the 5,000 one); 2% of the posts have revisions, 60% are "
    "read, 30 replies and 10 moderations wait in the outbox, 3 working copies are kept. The "
    "same post (`p-bench`, 20 comments, 4 revisions) is in every archive: replies, moderation "
    "and autosave are timed on it, so sizes compare like with like.",
    "- The store: a posts index (a summary per post, a file per month, read newest first), a "
    "file per post with its comments (read when opened), and a derived full-text index "
    "(SQLite FTS5, trigram) for the text of the posts; see `src/reeltui/store/layout.py`.",
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
        f"load average {load}; `sum(range(10**7))` took {calibration:.2f} s "
        "(a CPU-speed reference: compare it between runs)"
    )


def medians_table(results: list[Result], cfg: Config) -> list[str]:
    """The benchmarks that report medians of one archive (query, stats, spelling, fidelity)."""
    if not results:
        return []
    rows = []
    for r in results:
        if r.skipped:
            rows.append(f"| {r.name} | | | | | {r.verdict()} |")
            continue
        rows.append(
            f"| {r.name} | {r.fmt(r.measured)} | {r.fmt(r.baseline)} | {r.ratio:.2f}x "
            f"| {r.goal_text()} | {r.verdict()} |"
        )
    notes = [f"- {r.name}: {note}" for r in results for note in r.notes]
    return [
        "## Medians of one archive",
        "",
        f"Medians of {cfg.runs} runs (more samples where noted), on the {cfg.big:,}-post "
        "archive; each benchmark's module says what it times.",
        "",
        "| benchmark | ours (median) | baseline (median) | ratio | goal | verdict |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        *notes,
        "",
    ]


def kept_sections(out: Path) -> list[str]:
    """Sections other commands write into the results file (between their markers)."""
    try:
        text = out.read_text(encoding="utf-8")
    except OSError:
        return []
    kept = []
    for name in ("startup",):
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        if begin in text and end in text:
            kept += [text[text.index(begin) : text.index(end) + len(end)], ""]
    return kept


def report(
    figures: list[Figure], results: list[Result], cfg: Config, took: float, started: str,
    sizes: str, kept: list[str],
) -> str:  # fmt: skip
    rows = []
    for f in figures:
        size = f"{f.size:,}" if f.size else "—"
        if f.skipped:
            rows.append(f"| {f.name} | {size} | | | | | {f.verdict()} |")
            continue
        rows.append(
            f"| {f.name} | {size} | {f.triple(f.ours)} | {f.triple(f.baseline)} | "
            f"{f.ratio:.2f}x | {f.goal_text()} | {f.verdict()} |"
        )
    seen: set[str] = set()
    timed = []
    for f in figures:
        if f.name not in seen:
            seen.add(f.name)
            timed.append(f"- **{f.name}**: {f.what}")
    notes = [f"- {f.name} @{f.size:,}: {note}" for f in figures for note in f.notes]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            "Written by `python -m benchmarks` (`make bench`); do not edit by hand.",
            "",
            f"- Date: {started}",
            f"- Machine: {machine()}",
            f"- The whole command took {took / 60:.1f} min",
            f"- Archives: {sizes}",
            "",
            "| figure | posts | ours p50 / p90 / max | baseline p50 / p90 / max | ratio | "
            "goal | verdict |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            "## What each figure times",
            "",
            *timed,
            "",
            "## Notes",
            "",
            *notes,
            "",
            *medians_table(results, cfg),
            "## How to read this",
            "",
            *READING,
            "",
            *kept,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smallest sizes (for tests)")
    parser.add_argument("--sizes", type=int, nargs="+", help="archive sizes (posts)")
    parser.add_argument("--runs", type=int, help="process starts per figure (default 5)")
    parser.add_argument(
        "--only", nargs="+", choices=BENCHMARKS + MEDIANS + PARTS, help="run only these"
    )
    parser.add_argument("--out", type=Path, help="results file (default benchmarks/RESULTS.md)")
    parser.add_argument("--work", type=Path, help="cache folder (default benchmarks/.work)")
    args = parser.parse_args(argv)
    cfg = Config()
    if args.quick:
        cfg = Config(sizes=(20,), small=10, reference=10, runs=2, replies=2, autosaves=2,
                     long_post=20_000, small_post=5_000, quick=True)  # fmt: skip
    changes = {
        k: v
        for k, v in (("sizes", tuple(args.sizes or ())), ("runs", args.runs), ("work", args.work))
        if v
    }
    cfg = dataclasses.replace(cfg, **changes)
    # the median benchmarks use one of the archives measured anyway (10,000 posts at most)
    cfg = dataclasses.replace(
        cfg, big=max([s for s in cfg.sizes if s <= 10_000] or [min(cfg.sizes)])
    )
    out = args.out or ROOT / "benchmarks" / "RESULTS.md"
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"reeltui benchmarks, {started}: {machine()}", flush=True)
    compile_sources()  # both sides load bytecode (see compile_sources)
    began = time.perf_counter()
    figures: list[Figure] = []
    failed = False
    wanted = args.only or BENCHMARKS + MEDIANS

    def step(name: str, call: Callable[[], list[Any]], into: list[Any] = figures) -> None:
        nonlocal failed
        print(f"[{name}]", flush=True)
        t0 = time.perf_counter()
        try:
            found = call()
        except Exception as exc:  # one broken benchmark must not hide the others
            traceback.print_exc()
            print(f"ratio {name}: FAILED: {exc}", flush=True)
            failed = True
            return
        for figure in found:
            print(figure.line(), flush=True)
            for note in figure.notes:
                print(f"    {note}", flush=True)
        print(f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
        into.extend(found)

    described = []
    for size in sorted(cfg.sizes):
        store = archive(size, cfg.work)
        described.append(
            f"{size:,} posts: {store_bytes(store) / 1e6:.0f} MB of JSON "
            f"(+ {search_bytes(store) / 1e6:.0f} MB search index)"
        )
        if "tui" in wanted:
            step(f"tui {size}", lambda s=size: bench_tui.run(cfg, s))  # type: ignore[misc]
        else:
            if "open" in wanted:
                step(f"open {size}", functools.partial(bench_tui.open_figures, cfg, size, store))
            if "filter" in wanted:
                step(f"filter {size}", functools.partial(bench_tui.key_figures, cfg, size, store))
        if "cli" in wanted:
            step(f"cli {size}", lambda s=size: list(bench_cli.posts_json(cfg, s)))  # type: ignore[misc]
        if "csearch" in wanted:
            step(f"csearch {size}", functools.partial(bench_csearch.comments, cfg, size))
        if "wxr" in wanted and size <= cfg.wxr_limit:
            step(f"wxr {size}", lambda s=size: [bench_cli.wxr_import(cfg, s)])  # type: ignore[misc]
    if "reader" in wanted:
        step("reader", lambda: bench_reader.run(cfg))
    results: list[Result] = []
    for name in MEDIANS:
        if name in wanted:
            module = importlib.import_module(f"benchmarks.bench_{name}")
            step(name, lambda m=module: m.run(cfg), results)  # type: ignore[misc]
    took = time.perf_counter() - began
    text = report(figures, results, cfg, took, started, "; ".join(described), kept_sections(out))
    out.write_text(text, encoding="utf-8")
    print(f"results written to {out} ({took / 60:.1f} min)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
