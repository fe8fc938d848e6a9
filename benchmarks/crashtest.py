"""kill -9 crash test: a child performs real operations on a store and is killed at random.

    python -m benchmarks.crashtest --iterations 1000 [--seed S] [--store DIR] [--json]

Each iteration starts a child (`benchmarks.crash.child`) that opens the store through the
project's services and performs operations from `benchmarks.crash.ops.REGISTRY` (save a post,
write a draft as autosave does, queue a reply, moderate a comment...), printing "ack" after
each one returned. The parent sends SIGKILL at a random moment (mostly while operations are
running, sometimes while the child is still starting, opening the store or backing it up:
the child takes a backup at every open), then checks:

- the store opens for writing (it loads, and the killed child's lock is gone);
- every change acknowledged so far, in any iteration, is present;
- `reeltui check` (the real command line, in a new process) says the store is sound.

It prints the counts; the exit status is 1 when any store was unreadable, any check failed
or any acknowledged change was lost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from benchmarks.crash.ops import REGISTRY, Plan
from reeltui.services.session import open_blog
from reeltui.store import StoreError

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    iterations: int = 0
    kills: int = 0  # children that died of our SIGKILL
    killed_before_ready: int = 0  # ... while still starting / opening the store
    killed_mid_operation: int = 0  # ... between "begin" and "ack" of an operation
    child_failures: int = 0  # children that exited on their own (a bug in an operation)
    unreadable_stores: int = 0
    check_failures: int = 0
    lost_acknowledged: int = 0
    acknowledged: int = 0
    operations: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (
            self.unreadable_stores
            or self.check_failures
            or self.lost_acknowledged
            or self.child_failures
        )

    def summary(self) -> str:
        ops = ", ".join(f"{name} {count}" for name, count in sorted(self.operations.items()))
        return "\n".join(
            [
                f"iterations:                  {self.iterations}",
                f"kills (SIGKILL):             {self.kills}",
                f"  while starting up:         {self.killed_before_ready}",
                f"  in the middle of an op:    {self.killed_mid_operation}",
                f"acknowledged operations:     {self.acknowledged} ({ops})",
                f"unreadable stores:           {self.unreadable_stores}",
                f"`reeltui check` failures:    {self.check_failures}",
                f"lost acknowledged changes:   {self.lost_acknowledged}",
                f"children that failed alone:  {self.child_failures}",
                f"time:                        {self.seconds:.0f} s",
            ]
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class _Child:
    """The child process and a thread collecting its output lines."""

    def __init__(self, store: Path, first: int, seed: int, ops: str, plugins: Sequence[str]):
        self.lines: list[str] = []
        self.ready = threading.Event()
        command = [sys.executable, "-m", "benchmarks.crash.child", str(store), str(first)]
        self.proc = subprocess.Popen(
            [*command, str(seed), ops, *plugins],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            # A backup at every open, so that kills also land in the middle of backups.
            env={**_env(), "REELTUI_BACKUP_EVERY": "0"},
        )
        assert self.proc.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if not line.endswith("\n"):
                break  # cut short by the kill: not an acknowledgement
            if line == "ready\n":
                self.ready.set()
            self.lines.append(line.rstrip("\n"))

    def kill(self) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._reader.join()  # only the reader thread reads stdout: no line is lost
        assert self.proc.stdout is not None and self.proc.stderr is not None
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.proc.returncode, err


def _check_cli(store: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "reeltui", "--store", str(store), "check"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    return done.returncode, (done.stdout + done.stderr).strip()


def _verify(store: Path, expected: dict[str, Plan], unacked: dict[str, list[Plan]]) -> list[str]:
    blog = open_blog(store)  # for writing: the killed child's lock must be free
    try:
        problems: list[str] = []
        for key, plan in expected.items():
            problems += REGISTRY[plan["op"]].verify(blog, plan, unacked.get(key, []))
        return problems
    finally:
        blog.close()


def run(
    iterations: int,
    *,
    store: Path,
    seed: int = 0,
    max_delay: float = 0.4,
    ops: Sequence[str] | None = None,
    plugins: Sequence[str] = (),
    progress: Callable[[int, Result], None] | None = None,
) -> Result:
    """Run the crash test on `store` (created with the demo blog when missing)."""
    names = list(ops or REGISTRY)
    for plugin in plugins:
        __import__(plugin)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise SystemExit(f"unknown operation(s): {', '.join(unknown)}; known: {sorted(REGISTRY)}")
    if not store.exists():
        open_blog(store).close()
    rng = random.Random(seed)
    result = Result()
    expected: dict[str, Plan] = {}  # key -> the last acknowledged plan
    unacked: dict[str, list[Plan]] = {}  # key -> plans begun after it and never acknowledged
    started = time.perf_counter()
    for i in range(iterations):
        child = _Child(store, (i + 1) * 1_000_000, rng.randrange(2**32), ",".join(names), plugins)
        early = rng.random() < 0.1
        if early:
            time.sleep(rng.uniform(0.05, 0.35))  # kill while starting, opening, backing up
        elif child.ready.wait(60):
            time.sleep(rng.uniform(0.0, max_delay))
        code, err = child.kill()
        result.iterations += 1
        if code == -signal.SIGKILL:
            result.kills += 1
            result.killed_before_ready += not child.ready.is_set()
        else:
            result.child_failures += 1
            result.errors.append(f"iteration {i}: child exited with {code}: {err.strip()[-500:]}")
        begun: Plan | None = None
        for line in child.lines:
            kind, _, payload = line.partition(" ")
            if kind == "begin":
                begun = json.loads(payload)
            elif kind == "ack":
                plan = json.loads(payload)
                expected[plan["key"]] = plan
                unacked.pop(plan["key"], None)
                result.acknowledged += 1
                result.operations[plan["op"]] += 1
                begun = None
        if begun is not None:
            result.killed_mid_operation += 1
            unacked.setdefault(begun["key"], []).append(begun)
        try:
            problems = _verify(store, expected, unacked)
        except StoreError as exc:
            result.unreadable_stores += 1
            result.errors.append(f"iteration {i}: store unreadable: {exc}")
            break  # nothing more to learn from a broken store
        if problems:
            result.lost_acknowledged += len(problems)
            result.errors += [f"iteration {i}: {p}" for p in problems]
        code, out = _check_cli(store)
        if code != 0:
            result.check_failures += 1
            result.errors.append(f"iteration {i}: reeltui check exited {code}: {out[-500:]}")
        if progress:
            progress(i, result)
    result.seconds = time.perf_counter() - started
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crashtest", description=__doc__)
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--store", type=Path, help="store to use (default: a new temp store)")
    parser.add_argument(
        "--max-delay", type=float, default=0.4, help="longest wait before the kill (s)"
    )
    parser.add_argument(
        "--ops", help=f"comma-separated operations (default: all: {sorted(REGISTRY)})"
    )
    parser.add_argument(
        "--plugin", action="append", default=[], help="module registering more operations"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    shown = 0

    def progress(i: int, result: Result) -> None:
        nonlocal shown
        for error in result.errors[shown:]:
            sys.stderr.write(f"  {error}\n")  # as soon as it happens
        shown = len(result.errors)
        if not args.quiet and (i + 1) % 50 == 0:
            sys.stderr.write(
                f"{i + 1} iterations, {result.acknowledged} acks, "
                f"{result.lost_acknowledged} lost, {result.unreadable_stores} unreadable\n"
            )

    with tempfile.TemporaryDirectory(prefix="reeltui-crash-") as tmp:
        store = args.store or Path(tmp) / "store"
        result = run(
            args.iterations,
            store=store,
            seed=args.seed,
            max_delay=args.max_delay,
            ops=args.ops.split(",") if args.ops else None,
            plugins=args.plugin,
            progress=progress,
        )
    if args.json:
        data: dict[str, Any] = asdict(result)
        data["operations"] = dict(result.operations)
        data["ok"] = result.ok
        print(json.dumps(data, indent=2))
    else:
        print(result.summary())
        for error in result.errors[:20]:
            print(f"  {error}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
