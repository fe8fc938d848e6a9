"""Check the dependency floors of pyproject.toml: on each Python given, resolve the lowest
versions the floors allow (uv's `--resolution lowest-direct`), install exactly those into a
fresh venv (the project itself without deps), then run a selection of tests against them.

    python -m tools.floors /path/to/python3.11 /path/to/python3.13 [--tests tests/unit ...]

Needs `uv` on PATH (pip install uv) and the network (PyPI). Prints one line per Python.
Not part of `make test`: it downloads packages and builds three environments.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ["pytest", "pytest-asyncio", "pytest-textual-snapshot", "pytest-xdist", "hypothesis"]
DEFAULT_TESTS = [
    "tests/unit/test_cli.py",
    "tests/unit/test_first_run.py",
    "tests/unit/test_domain.py",
    "tests/unit/test_text_fold.py",
    "tests/unit/test_wxr.py",
    "tests/unit/test_html2md.py",
    "tests/unit/test_yaml_loaders.py",
    "tests/unit/test_frontmatter_roundtrip.py",
    "tests/unit/test_store.py",
    "tests/unit/test_search.py",
    "tests/ui/test_config.py",
    "tests/ui/test_editor.py",
    "tests/ui/test_app.py",
    "tests/ui/test_markdown_area.py",
    "tests/unit/test_html2md_fast.py",
]


def run(*cmd: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def check(python: str, tests: list[str], uv: str) -> str:
    version = run(python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])").stdout
    version = version.strip()
    with tempfile.TemporaryDirectory(prefix=f"floors-{version}-") as tmp:
        lock = Path(tmp) / "lock.txt"
        venv = Path(tmp) / "venv"
        steps = [
            [uv, "pip", "compile", "pyproject.toml", "--resolution", "lowest-direct",
             "--python-version", version, "--no-header", "-q", "-o", str(lock)],
            [uv, "venv", "-q", "-p", python, str(venv)],
            [uv, "pip", "install", "-q", "-p", str(venv), "-r", str(lock)],
            [uv, "pip", "install", "-q", "-p", str(venv), "--no-deps", "-e", "."],
            [uv, "pip", "install", "-q", "-p", str(venv), "-c", str(lock), *DEV],
        ]  # fmt: skip
        for step in steps:
            done = run(*step)
            if done.returncode != 0:
                return f"Python {version}: FAILED at {' '.join(step[:3])}: {done.stderr.strip()}"
        pins = " ".join(line.strip() for line in lock.read_text().splitlines() if "==" in line)
        tested = run(
            str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-rf", *tests,
        )  # fmt: skip
        lines = tested.stdout.strip().splitlines() or ["no output"]
        last = "\n  ".join([*(line for line in lines if line.startswith("FAILED")), lines[-1]])
        verdict = "ok" if tested.returncode == 0 else "TESTS FAILED"
        return f"Python {version}: {verdict}: {last}\n  with {pins}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.floors", description=__doc__)
    parser.add_argument("pythons", nargs="+", help="interpreters to check")
    parser.add_argument("--tests", nargs="+", default=DEFAULT_TESTS, help="what to run")
    args = parser.parse_args(argv)
    uv = shutil.which("uv")
    if uv is None:
        print("uv is not installed: pip install uv", file=sys.stderr)
        return 2
    failed = False
    for python in args.pythons:
        line = check(python, args.tests, uv)
        failed |= "FAILED" in line
        print(line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
