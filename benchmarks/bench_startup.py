"""Cold start: the CPU time (user + system, of the child process) that `reeltui --version`,
`reeltui posts` and the app up to its first paint then quitting cost, against `python -c
pass` and `python -c "import textual.app"` measured in the same run; and the front matter
of the demo blog parsed with libyaml's loader against the pure-Python one.

    python -m benchmarks.bench_startup [--runs N] [--out benchmarks/RESULTS.md]

Writes its own section of RESULTS.md (between the startup markers), leaving the rest as is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BEGIN, END = "<!-- startup:begin -->", "<!-- startup:end -->"


def cpu_of(argv: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of running `argv` to its end."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, f"{argv} exited {proc.returncode}"
    return usage.ru_utime + usage.ru_stime


def app_cpu(argv: list[str], env: dict[str, str], painted: bytes) -> float:
    """CPU seconds of the app in a pseudo-terminal: start, first paint (`painted` shows up
    on the terminal), then `q` and its exit."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on the pty
        os.execve(argv[0], argv, env)
    seen = b""
    deadline = time.monotonic() + 60
    quit_sent = False
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break  # the app closed the terminal: it exited
            if not chunk:
                break
            seen = (seen + chunk)[-200_000:]
            if not quit_sent and painted in seen:
                os.write(fd, b"q")
                quit_sent = True
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            raise RuntimeError("the app never painted its first screen")
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, "the app did not quit cleanly"
    return usage.ru_utime + usage.ru_stime


def stats(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    p50, top = statistics.median(ordered), ordered[-1]
    return f"{p50 * 1e3:.0f} ms | {p90 * 1e3:.0f} ms | {top * 1e3:.0f} ms"


def yaml_ratio(runs: int) -> tuple[float, float]:
    import yaml

    from reeltui.formats import frontmatter, yaml_bounded
    from reeltui.locations import demo_dir

    texts = [p.read_text(encoding="utf-8") for p in sorted(demo_dir().glob("*.md"))]

    def parse_all(loader: type[yaml.BaseLoader]) -> float:
        saved = yaml_bounded.YAML_LOADER
        yaml_bounded.YAML_LOADER = loader
        try:
            started = time.process_time()
            for _ in range(10):
                for text in texts:
                    frontmatter.post_from_text(text)
            return time.process_time() - started
        finally:
            yaml_bounded.YAML_LOADER = saved

    fast = statistics.median(parse_all(yaml.CBaseLoader) for _ in range(runs))
    pure = statistics.median(parse_all(yaml.BaseLoader) for _ in range(runs))
    return fast, pure


def measure(runs: int) -> list[str]:
    from benchmarks.common import compile_sources

    compile_sources()  # reeltui's bytecode as Textual's is: written before timing
    work = Path(tempfile.mkdtemp(prefix="reeltui-startup-"))
    try:
        home = work / "home"
        home.mkdir()
        env = {
            "HOME": str(home),
            "PATH": f"{BIN}:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "COLUMNS": "120",
            "LINES": "40",
            "REELTUI_CONFIG": str(work / "config.toml"),
        }
        (work / "config.toml").write_text('[identity]\nname = "Bench"\n')
        subprocess.run([str(BIN / "reeltui"), "posts"], env=env, capture_output=True, check=True)
        python, reeltui = str(BIN / "python"), str(BIN / "reeltui")
        cases: list[tuple[str, Callable[[], float]]] = [
            ("`python -c pass` (baseline)", lambda: cpu_of([python, "-c", "pass"], env)),
            (
                "`python -c 'import textual.app'` (baseline)",
                lambda: cpu_of([python, "-c", "import textual.app"], env),
            ),
            ("`reeltui --version`", lambda: cpu_of([reeltui, "--version"], env)),
            ("`reeltui --help`", lambda: cpu_of([reeltui, "--help"], env)),
            ("`reeltui posts` (demo blog)", lambda: cpu_of([reeltui, "posts"], env)),
            (
                "the app: start, first paint, `q`",
                lambda: app_cpu([reeltui], env, b"Posts (4)"),
            ),
        ]
        samples: dict[str, list[float]] = {name: [] for name, _ in cases}
        for _ in range(runs):  # interleaved: every case sees the same load
            for name, case in cases:
                samples[name].append(case())
        base = statistics.median(samples[cases[0][0]])
        textual = statistics.median(samples[cases[1][0]])
        rows = [
            f"| {name} | {stats(values)} | {statistics.median(values) / base:.1f}x | "
            f"{statistics.median(values) / textual:.2f}x |"
            for name, values in samples.items()
        ]
        fast, pure = yaml_ratio(max(3, runs // 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        BEGIN,
        "## Cold start (CPU)",
        "",
        "Written by `python -m benchmarks.bench_startup`; do not edit by hand. CPU time (user +"
        " system) of each child process, "
        f"{runs} runs of each, interleaved; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"load average at the end {load}.",
        "",
        "| what | p50 | p90 | max | vs `python -c pass` | vs `import textual.app` |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Front matter of the demo blog, parsed 10 times: libyaml's loader {fast * 1e3:.1f} ms, "
        f"the pure-Python loader {pure * 1e3:.1f} ms ({pure / fast:.1f}x faster; same results, "
        "tests/unit/test_yaml_loaders.py).",
        END,
    ]


def write_section(out: Path, lines: list[str]) -> None:
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    section = "\n".join(lines) + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1].lstrip("\n")
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="runs of each case (default 15)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args(argv)
    lines = measure(args.runs)
    print("\n".join(lines))
    write_section(args.out, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
