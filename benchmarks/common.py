"""What every benchmark shares: the run configuration, samples, figures and their report.

A figure holds all its samples (ours and the baseline's), measured in the same run, so the
report gives p50, p90 and the maximum of both. A goal is a ratio of the p90s (or the p50s
where said) and, optionally, an absolute ceiling; the verdict "met" is given only where the
baseline does the same work as what it is compared with (`comparable`), else "reported".
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000, 50_000)


@dataclass(frozen=True)
class Config:
    sizes: tuple[int, ...] = SIZES  # posts of the archives (~20 comments each, heavy tail)
    small: int = 10  # posts of the small archive (autosave baseline)
    reference: int = 1_000  # posts of the archive a reply's Ctrl+S -> on disk is compared with
    runs: int = 5  # process starts per figure (open, posts --json)
    keys: int = 1  # rounds of the typed queries per size
    replies: int = 6  # replies (and moderations) per size
    autosaves: int = 8
    long_post: int = 500_000  # characters of the long post in the reader benchmark
    small_post: int = 5_000  # characters of the small post it is compared with
    wxr_limit: int = 10_000  # largest archive imported from WXR (its file is ~26 KB a post)
    big: int = 10_000  # the archive of the benchmarks reported as medians (`Result`)
    work: Path = ROOT / "benchmarks" / ".work"
    quick: bool = False


def quantile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of `values`."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


@dataclass
class Figure:
    """One measured figure at one archive size: our samples against a baseline's."""

    name: str
    size: int
    what: str  # exactly what is timed, both sides
    ours: list[float]
    baseline: list[float]
    goal: float | None = None  # highest acceptable ratio (None: reported only)
    on: str = "p90"  # which quantile the goal's ratio compares ("p50", "p90")
    limit: float | None = None  # an absolute ceiling on our `on` quantile
    comparable: bool = True  # the baseline does the same work: a verdict may be given
    unit: str = "s"
    notes: list[str] = field(default_factory=list)
    skipped: str = ""

    def q(self, values: list[float], which: str) -> float:
        return {"p50": quantile(values, 0.5), "p90": quantile(values, 0.9)}.get(
            which, max(values) if values else float("nan")
        )

    @property
    def ratio(self) -> float:
        base = self.q(self.baseline, self.on)
        return self.q(self.ours, self.on) / base if base else float("inf")

    @property
    def met(self) -> bool | None:
        """Judged on the ratio (only when the baseline does the same work) and the limit."""
        if self.skipped:
            return None
        checks = []
        if self.goal is not None and self.comparable:
            checks.append(self.ratio <= self.goal)
        if self.limit is not None:
            checks.append(self.q(self.ours, self.on) <= self.limit)
        return all(checks) if checks else None

    def fmt(self, value: float) -> str:
        if value != value:
            return "—"
        if self.unit == "B":
            return f"{value / 1e6:.0f} MB"
        if self.unit == "x":
            return f"{value:.2f}x"
        if self.unit != "s":
            return f"{value:g} {self.unit}"
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        return f"{value * 1e3:.1f} ms" if value < 1 else f"{value:.2f} s"

    def triple(self, values: list[float]) -> str:
        return " / ".join(self.fmt(self.q(values, w)) for w in ("p50", "p90", "max"))

    def verdict(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        if self.met is None:
            return "reported (baseline does other work)" if self.goal else "reported"
        return "met" if self.met else "**not met**"

    def goal_text(self) -> str:
        parts = []
        if self.goal is not None:
            parts.append(f"{self.on} <= {self.goal:g}x")
        if self.limit is not None:
            parts.append(f"{self.on} <= {self.fmt(self.limit)}")
        return ", ".join(parts) or "—"

    def line(self) -> str:
        if self.skipped:
            return f"ratio {self.name} @{self.size}: skipped: {self.skipped}"
        return (
            f"ratio {self.name} @{self.size}: ours {self.triple(self.ours)} vs baseline "
            f"{self.triple(self.baseline)} = {self.ratio:.2f}x ({self.goal_text()}) "
            f"{self.verdict()}"
        )


@dataclass
class Result:
    """A figure of the benchmarks that report medians only (query, stats, spelling, fidelity):
    our median against a baseline's median measured in the same run."""

    name: str
    measured: float  # seconds (or bytes for memory)
    baseline: float
    goal: float | None  # highest acceptable ratio, None: reported only
    unit: str = "s"
    limit: float | None = None  # an absolute ceiling on `measured`, if any
    notes: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> bool | None:
        if self.skipped or self.goal is None:
            return None
        return self.ratio <= self.goal and (self.limit is None or self.measured <= self.limit)

    def fmt(self, value: float) -> str:
        return Figure("", 0, "", [], [], unit=self.unit).fmt(value)

    def verdict(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        return {None: "reported", True: "met", False: "**not met**"}[self.met]

    def goal_text(self) -> str:
        goal = "—" if self.goal is None else f"median <= {self.goal:g}x"
        if self.limit is not None:
            goal += f", <= {self.fmt(self.limit)}"
        return goal

    def line(self) -> str:
        if self.skipped:
            return f"ratio {self.name}: skipped: {self.skipped}"
        return (
            f"ratio {self.name}: {self.fmt(self.measured)} vs baseline "
            f"{self.fmt(self.baseline)} = {self.ratio:.2f}x ({self.goal_text()}) {self.verdict()}"
        )


def median(values: list[float]) -> float:
    return statistics.median(values)


def quantiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p90 and max of `values` (p90: the value 90% of them do not exceed)."""
    ordered = sorted(values)
    return median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], ordered[-1]


def spread(values: list[float], base: list[float] | None = None) -> str:
    """ "p50 …, p90 …, max …" in ms; with `base` (the baseline's values), each one's ratio."""
    ours = quantiles(values)
    names = ("p50", "p90", "max")
    text = ", ".join(f"{n} {v * 1e3:.1f} ms" for n, v in zip(names, ours, strict=True))
    if base is None:
        return text
    theirs = quantiles(base)
    ratios = ", ".join(
        f"{n} {o / t if t else float('inf'):.2f}x"
        for n, o, t in zip(names, ours, theirs, strict=True)
    )
    return f"{text} (ratios to the baseline: {ratios})"


def compile_sources() -> None:
    """Write the bytecode of reeltui and of the benchmarks before anything is timed. Textual,
    orjson and the other installed packages had theirs written at install; ours, imported
    from the source tree, had none where PYTHONDONTWRITEBYTECODE is set (this machine's
    environment): every child compiled reeltui's modules from source at each start while
    its baseline loaded Textual's bytecode. A user's install has it (pip writes it)."""
    import compileall

    for folder in (ROOT / "src" / "reeltui", ROOT / "benchmarks"):
        compileall.compile_dir(folder, quiet=1)


def child_env(cfg: Config) -> dict[str, str]:
    """Environment for child processes: our sources importable, user folders out of reach,
    backups not taken during the measured runs (they were taken when the archive was
    made: a user's store has its backup for the next 10 minutes as well)."""
    env = dict(os.environ)
    home = cfg.work / "home"
    folders = [("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")]
    folders.append(("XDG_CACHE_HOME", "cache"))  # (reeltui's kept styles, sound index files)
    for var, sub in folders:
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    env["REELTUI_BACKUP_EVERY"] = "86400"
    env.pop("TEXTUAL", None)
    return env


def empty_cache(cfg: Config) -> None:
    """Empty the children's cache folder (what reeltui keeps between runs: the parsed styles,
    the index files posts --json found sound), as on a first run after an install."""
    shutil.rmtree(cfg.work / "home" / "cache", ignore_errors=True)
    (cfg.work / "home" / "cache").mkdir(parents=True, exist_ok=True)


def run_child(cfg: Config, module: str, *args: str, timeout: float = 900) -> dict[str, object]:
    """Run `python -m module args` and return the JSON object it prints last."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=child_env(cfg),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
        raise RuntimeError(f"{module} {' '.join(args)} failed: " + " | ".join(tail))
    result: dict[str, object] = json.loads(lines[-1])
    return result


def floats(value: object) -> list[float]:
    assert isinstance(value, list)
    return [float(v) for v in value]
