"""5. Importing a generated WXR export of the large archive into a fresh store
(`services.importer.import_path`), vs parsing the same file with defusedxml (the parser the
importer streams with)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import defusedxml.ElementTree as SafeET

from benchmarks.common import Config, Result, median
from benchmarks.wxrgen import wxr_file
from reeltui.services.importer import import_path
from reeltui.services.session import open_blog

GOAL = 3.0
BUDGET = 150.0  # seconds of importing: past this, fewer runs so the harness stays < 10 min


def _import_once(wxr: Path, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    blog = open_blog(folder / "store")
    try:
        started = time.perf_counter()
        import_path(blog, wxr)
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
    imports: list[float] = []
    while len(imports) < cfg.runs and sum(imports) < BUDGET:
        imports.append(_import_once(wxr, cfg.work / "import"))
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
