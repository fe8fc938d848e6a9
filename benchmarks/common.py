"""What every benchmark shares: the run configuration, timing, results and their report."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Config:
    big: int = 10_000  # posts of the large archive (~20 comments each)
    small: int = 10  # posts of the small archive (autosave baseline)
    runs: int = 5  # measured runs per figure (medians of these)
    long_post: int = 500_000  # characters of the long post in the reader benchmark
    small_post: int = 5_000  # characters of the small post it is compared with
    work: Path = ROOT / "benchmarks" / ".work"
    quick: bool = False


@dataclass
class Result:
    """One figure: our median against a baseline median measured in the same run."""

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
        if self.unit == "B":
            return f"{value / 1e6:.1f} MB"
        if self.unit != "s":
            return f"{value:g} {self.unit}"
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        return f"{value * 1e3:.1f} ms" if value < 1 else f"{value:.2f} s"

    def line(self) -> str:
        if self.skipped:
            return f"ratio {self.name}: skipped: {self.skipped}"
        goal = "reported only" if self.goal is None else f"goal <= {self.goal:g}x"
        if self.limit is not None:
            goal += f" and <= {self.fmt(self.limit)}"
        verdict = {None: "", True: " MET", False: " MISSED"}[self.met]
        return (
            f"ratio {self.name}: {self.fmt(self.measured)} vs baseline "
            f"{self.fmt(self.baseline)} = {self.ratio:.2f}x ({goal}){verdict}"
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


def child_env(cfg: Config) -> dict[str, str]:
    """Environment for child processes: our sources importable, user folders out of reach."""
    env = dict(os.environ)
    home = cfg.work / "home"
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    env.pop("TEXTUAL", None)
    return env


def run_child(cfg: Config, module: str, *args: str, timeout: float = 300) -> dict[str, float]:
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
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{module} failed: " + " | ".join(tail))
    result: dict[str, float] = json.loads(lines[-1])
    return result
