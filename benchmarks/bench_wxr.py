"""5. Importing a generated WXR export of the large archive into a fresh store, vs parsing the
same file with defusedxml (the importer's own parser). The importer is looked up lazily: it
lives in `reeltui.services.importer` once that is merged."""

from __future__ import annotations

import importlib
import inspect
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET

from benchmarks.common import Config, Result, median
from benchmarks.wxrgen import wxr_file
from reeltui.services.session import open_blog

GOAL = 3.0
ENTRY_POINTS = ("import_wxr", "import_file", "import_path", "run_import")
BUDGET = 150.0  # seconds of importing: past this, fewer runs so the harness stays < 10 min


def _importer() -> tuple[Callable[..., Any] | None, str]:
    try:
        module = importlib.import_module("reeltui.services.importer")
    except ImportError:
        return None, "importer not available"
    for name in ENTRY_POINTS:
        fn = getattr(module, name, None)
        if callable(fn):
            return fn, ""
    return None, f"importer has none of {', '.join(ENTRY_POINTS)}"


def _import_once(fn: Callable[..., Any], wxr: Path, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    blog = open_blog(folder / "store")
    try:
        first = next(iter(inspect.signature(fn).parameters), "blog")
        target: Any = blog.store if first == "store" else blog
        started = time.perf_counter()
        fn(target, wxr)
        return time.perf_counter() - started
    finally:
        blog.close()
        shutil.rmtree(folder, ignore_errors=True)


def run(cfg: Config) -> list[Result]:
    wxr = wxr_file(cfg.big, cfg.work)
    name = f"WXR import of {cfg.big} posts ({wxr.stat().st_size / 1e6:.0f} MB)"
    parses = []
    for _ in range(cfg.runs):
        started = time.perf_counter()
        SafeET.parse(wxr)
        parses.append(time.perf_counter() - started)
    fn, why = _importer()
    if fn is None:
        res = Result(name, 0.0, median(parses), GOAL, skipped=why)
        res.notes.append(f"defusedxml parses the file in {median(parses):.2f} s")
        return [res]
    imports: list[float] = []
    while len(imports) < cfg.runs and sum(imports) < BUDGET:
        imports.append(_import_once(fn, wxr, cfg.work / "import"))
    res = Result(name, median(imports), median(parses), GOAL)
    res.notes.append(
        f"{len(imports)} imports into a fresh store"
        + (
            f" (stopped at the {BUDGET:.0f} s budget of this benchmark)"
            if len(imports) < cfg.runs
            else ""
        )
        + f", {len(parses)} parses"
    )
    return [res]
