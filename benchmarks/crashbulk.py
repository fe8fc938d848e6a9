"""kill -9 and a full disk between the files of an import and of a sync pull.

    python -m benchmarks.crashbulk --runs 500 [--seed S] [--json] [--no-pull]

An import of a WordPress export (N posts with their comments) and a sync pull from a real
WordPress (tests/wordpress/server.py, seeded with posts and comments) each write many files
in one store commit. Each run copies a base store, then either:

- kill: starts the child (`benchmarks.crash.bulk_child`: the real services), waits until it
  starts writing, and sends SIGKILL at a random moment of the write (0 to 1.3 times what an
  uninterrupted write took);
- enospc: runs the child on a tmpfs of its own (a private mount namespace) with room for a
  random part of what the change writes, so the disk is full at a random file;

then a new process (`benchmarks.crash.bulk_verify`) opens the store for writing (finishing a
change a crash interrupted), counts posts and comments and runs every check. A run is sound
when the store holds all of the change or none of it (with the sync cursor moved with it),
`reeltui check` calls it sound, and no temporary file is left.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
N_POSTS = 60  # posts of the export imported
SITE_POSTS, SITE_COMMENTS = 60, 12  # posts added to the WordPress site, comments on each


@dataclass
class Result:
    runs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # "import kill: none" ...
    half_applied: int = 0
    unsound: int = 0
    leftovers: int = 0
    child_failures: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.half_applied or self.unsound or self.leftovers or self.child_failures)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH")])
    )
    env["REELTUI_BACKUP_EVERY"] = "86400"  # the base stores have their backup already
    return env


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


class Child:
    """The child process and a thread collecting its output lines."""

    def __init__(self, command: list[str]) -> None:
        self.lines: list[str] = []
        self.writing = threading.Event()
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=_env()
        )
        assert self.proc.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line == "writing\n":
                self.writing.set()
            self.lines.append(line.rstrip("\n"))

    def finish(self, kill: bool) -> tuple[int, str]:
        if kill and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._reader.join()
        assert self.proc.stderr is not None and self.proc.stdout is not None
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.proc.returncode, err


def _verify(store: Path) -> dict[str, Any]:
    """What the store holds, read afresh (in this process: a new Blog, nothing cached)."""
    from benchmarks.crash.bulk_verify import main as verify

    try:
        return verify(store)
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def _verify_in_a_process(store: Path) -> dict[str, Any]:
    done = subprocess.run(
        _python("-m", "benchmarks.crash.bulk_verify", str(store)),
        capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-400:]}
    data: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return data


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass
class Case:
    """One kind of change: how to run it, what the store holds before and after it."""

    name: str
    base: Path
    args: list[str]
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0  # an uninterrupted write, "writing" to the end
    written: int = 0  # bytes the change adds to the store

    def command(self, store: Path) -> list[str]:
        return _python(
            "-m", "benchmarks.crash.bulk_child", self.args[0], str(store), *self.args[1:]
        )

    def calibrate(self, work: Path) -> None:
        self.before = _verify(self._copy(work / f"{self.name}-before"))
        store = self._copy(work / f"{self.name}-calibrate")
        begun = time.time_ns()
        child = Child(self.command(store))
        assert child.writing.wait(600), f"{self.name}: the child never started writing"
        started = time.perf_counter()
        code, err = child.finish(kill=False)
        self.seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"{self.name}: the uninterrupted run failed: {err.strip()[-500:]}")
        written = [p for p in store.rglob("*") if p.is_file() and p.stat().st_mtime_ns >= begun]
        # what the commit writes (temp files of every file it changes), in tmpfs pages
        self.written = sum(p.stat().st_size + 4096 for p in written)
        self.after = _verify_in_a_process(store)
        if self.after["posts"] == self.before["posts"]:
            raise SystemExit(f"{self.name}: the change wrote no post ({child.lines})")

    def _copy(self, target: Path) -> Path:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.base, target)
        return target

    def judge(self, found: dict[str, Any], result: Result, label: str) -> None:
        if "error" in found:
            result.unsound += 1
            result.errors.append(f"{label}: the store cannot be opened: {found['error']}")
            return
        keys = ("posts", "comments", "pulled")
        state = tuple(found[k] for k in keys)
        if state == tuple(self.before[k] for k in keys):
            result.outcomes[f"{label}: nothing applied"] += 1
        elif state == tuple(self.after[k] for k in keys):
            result.outcomes[f"{label}: all applied"] += 1
        else:
            result.half_applied += 1
            result.errors.append(f"{label}: HALF APPLIED {dict(zip(keys, state, strict=True))}")
        if not found["sound"]:
            result.unsound += 1
            result.errors.append(f"{label}: check: {found['problems']}")
        if found["leftovers"]:
            result.leftovers += 1
            result.errors.append(f"{label}: temp files left: {found['leftovers']}")

    def kill_run(self, work: Path, rng: random.Random, result: Result) -> None:
        store = self._copy(work / f"{self.name}-run")
        child = Child(self.command(store))
        if not child.writing.wait(600):
            result.child_failures += 1
        time.sleep(rng.uniform(0.0, self.seconds * 1.3))
        code, err = child.finish(kill=True)
        if code not in (-signal.SIGKILL, 0):
            result.child_failures += 1
            result.errors.append(f"{self.name} kill: child exited {code}: {err.strip()[-300:]}")
        self.judge(_verify(store), result, f"{self.name} kill")

    def full_disk_run(self, work: Path, rng: random.Random, result: Result) -> None:
        base = sum(p.stat().st_size + 4096 for p in self.base.rglob("*") if p.is_file())
        room = base + int(rng.uniform(0.0, 1.3) * self.written)
        mnt = work / f"{self.name}-mnt"
        mnt.mkdir(exist_ok=True)
        script = (
            'mount -t tmpfs -o size="$1" tmpfs "$2" && cp -a "$3" "$2/store" && '
            '"$4" -m benchmarks.crash.bulk_child "$5" "$2/store" "${@:6}" > "$2/child.out"; '
            'echo "child=$?" >&2; cat "$2/child.out" >&2; '
            'exec "$4" -m benchmarks.crash.bulk_verify "$2/store"'
        )
        command = [
            "unshare", "-m", "--propagation", "private", "bash", "-c", script, "bash",
            str(room), str(mnt), str(self.base), sys.executable, *self.args,
        ]  # fmt: skip
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=900
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            result.child_failures += 1
            result.errors.append(f"{self.name} enospc: {done.stderr.strip()[-400:]}")
            return
        if "Traceback" in done.stderr:
            result.child_failures += 1
            result.errors.append(f"{self.name} enospc: a traceback: {done.stderr.strip()[-400:]}")
        if "refused" in done.stderr:
            result.outcomes[f"{self.name} enospc: refused with a clear message"] += 1
        self.judge(json.loads(lines[-1]), result, f"{self.name} enospc")


def _import_case(work: Path) -> Case:
    from benchmarks.wxrgen import write_wxr
    from reeltui.services.session import open_blog

    export = work / "export.xml"
    write_wxr(export, N_POSTS)
    base = work / "import-base"
    shutil.rmtree(base, ignore_errors=True)
    open_blog(base).close()  # the demo blog, and its first backup
    return Case("import", base, ["import", str(export)])


def _pull_case(work: Path) -> tuple[Case, Any]:
    from tests.wordpress.server import WordPress, missing_tools

    from reeltui.store import Store

    missing = missing_tools()
    if missing:
        raise SystemExit(f"a real WordPress needs {', '.join(missing)}")
    server = WordPress.start()
    server.seed()
    server.php(
        f"for ($i = 0; $i < {SITE_POSTS}; $i++) {{"
        " $p = wp_insert_post(['post_title' => \"Bulk review $i\", 'post_status' => 'publish',"
        " 'post_content' => str_repeat(\"<p>A paragraph about film number $i.</p>\", 40)]);"
        f" for ($k = 0; $k < {SITE_COMMENTS}; $k++) {{ wp_insert_comment(['comment_post_ID' => $p,"
        " 'comment_content' => \"Comment $k on review $i\", 'comment_author' => \"Reader $k\","
        " 'comment_approved' => 1]); } } echo 'ok';"
    )
    base = work / "pull-base"
    shutil.rmtree(base, ignore_errors=True)
    Store.open(base).close()
    Store.open(base).close()  # its first backup
    return Case("pull", base, ["pull", server.url, server.user, server.app_password]), server


def run(runs: int, seed: int, pull: bool, work: Path) -> Result:
    rng = random.Random(seed)
    cases = [_import_case(work)]
    server = None
    if pull:
        case, server = _pull_case(work)
        cases.append(case)
    result = Result()
    started = time.perf_counter()
    try:
        for case in cases:
            case.calibrate(work)
        kinds = [(case, how) for case in cases for how in ("kill", "enospc")]
        for i in range(runs):
            case, how = kinds[i % len(kinds)]
            if how == "kill":
                case.kill_run(work, rng, result)
            else:
                case.full_disk_run(work, rng, result)
            result.runs += 1
            if (i + 1) % 25 == 0:
                sys.stderr.write(
                    f"{i + 1} runs, {result.half_applied} half applied, {result.unsound} unsound\n"
                )
    finally:
        if server is not None:
            server.stop(purge=True)
    result.seconds = time.perf_counter() - started
    sizes = {
        c.name: {"before": c.before, "after": c.after, "write_s": c.seconds, "bytes": c.written}
        for c in cases
    }
    print(f"calibration: {json.dumps(sizes)}", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crashbulk", description=__doc__)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-pull", action="store_true", help="imports only (no WordPress)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the WordPress on the way out
    with tempfile.TemporaryDirectory(prefix="reeltui-crashbulk-") as tmp:
        result = run(args.runs, args.seed, not args.no_pull, Path(tmp))
    data = asdict(result)
    data["outcomes"] = dict(result.outcomes)
    data["ok"] = result.ok
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
