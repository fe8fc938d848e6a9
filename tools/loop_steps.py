"""What the longest gaps of the reply benchmark's freeze probe are made of (a probe, not a
benchmark figure): `benchmarks/child_tui.py reply` run as the harness runs it, every step of
the event loop timed, the collector's passes timed, and the main thread's stack sampled, so
each window's longest gap between two ticks is told apart into the app's work, the
collector's and the benchmark driver's (Pilot and the child's own waiting).

    python tools/loop_steps.py STORE POST N [moderate] [sample]   (it writes: use a copy)
    python tools/loop_steps.py STORE POST idle       the driver's waits alone (see `idle`)

Run it with PYTHONPATH naming the benchmarks to look at first (another tree's, to compare)
and the environment the harness gives its children (benchmarks/common.child_env). Prints,
per timed window (the cursor key's, then the reply's, N times), the longest gap and the loop
steps inside it: wall and thread-CPU ms, whose task ran (`driver` = the child's own task:
Pilot's waits, its walk of the screen's widgets, its look at the file...), the collector's
passes among them (wall ms, CPU ms, generation) and, with `sample`, the stacks most sampled
in the longer steps (a thread samples the loop's stack every 2 ms: it slows the loop). Then
per window kind the longest gaps, the driver's ms and all steps' ms and CPU ms inside them,
and the CPU ms of the window's costliest step (the figure load stretches least).
Tasks run as Python tasks (to tell whose step is whose): a little slower than the C ones.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import collections  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.append(str(Path(__file__).resolve().parent.parent))  # (after PYTHONPATH)

from benchmarks import child_tui  # noqa: E402

steps: list[tuple[float, float, str, float]] = []  # (start, end, whose, CPU) of steps >= 0.3 ms
passes: list[tuple[float, float, int, float]] = []  # the collector's (start, end, gen, CPU)
samples: list[tuple[float, tuple[str, ...]]] = []  # (time, innermost frames) of the loop
windows: list[dict[str, Any]] = []
probes: list[TracedProbe] = []
_gc_began = [0.0, 0.0]
MAIN = threading.get_ident()
OURS = {p.stem for p in (Path(__file__).resolve().parent.parent / "src/reeltui").rglob("*.py")} | {
    "child_tui",
    "pilot",
}


def _whose(callback: Any) -> str:
    task = getattr(callback, "__self__", None)
    if hasattr(task, "get_coro"):
        coro = task.get_coro()
        top = getattr(coro, "__qualname__", "?")
        if top == "reply":
            return "driver"
        return f"task {top}"
    return f"call {getattr(callback, '__qualname__', repr(callback))[:60]}"


def _patch_loop() -> None:
    handle_run = asyncio.events.Handle._run

    def timed_run(self: asyncio.events.Handle) -> None:
        began, cpu = time.perf_counter(), time.thread_time()
        handle_run(self)
        ended = time.perf_counter()
        if ended - began >= 0.0003:
            steps.append((began, ended, _whose(self._callback), time.thread_time() - cpu))

    asyncio.events.Handle._run = timed_run  # type: ignore[method-assign]


def _gc(phase: str, info: dict[str, Any]) -> None:
    if threading.get_ident() != MAIN:
        return
    if phase == "start":
        _gc_began[:] = [time.perf_counter(), time.thread_time()]
    else:
        cpu = time.thread_time() - _gc_began[1]
        passes.append((_gc_began[0], time.perf_counter(), info["generation"], cpu))


def _sampler(stop: threading.Event) -> None:
    while not stop.wait(0.002):
        frame = sys._current_frames().get(MAIN)
        names = []
        while frame is not None and len(names) < 40:
            code = frame.f_code
            names.append(f"{Path(code.co_filename).stem}.{code.co_name}")
            frame = frame.f_back
        samples.append((time.perf_counter(), tuple(names)))


class TracedProbe(child_tui.Probe):
    """The harness's probe, which also keeps, each time the harness reads `longest` (the end
    of a timed window), that window's longest gap and where it was."""

    def __init__(self, app: Any) -> None:
        self._longest = 0.0
        self.span = (0.0, 0.0)
        self.opened = 0.0
        super().__init__(app)
        probes.append(self)

    @property  # type: ignore[override]
    def longest(self) -> float:
        if self.opened:  # (read by the harness: its window ends here)
            windows.append(
                {
                    "opened": self.opened,
                    "closed": time.perf_counter(),
                    "longest": self._longest,
                    "span": self.span,
                }
            )
        return self._longest

    @longest.setter
    def longest(self, value: float) -> None:
        self._longest = value

    def tick(self) -> None:
        now = time.perf_counter()
        if now - self.last > self._longest:
            self._longest, self.span = now - self.last, (self.last, now)
        self.last = now

    def reset(self) -> None:
        self.tick()
        self._longest = 0.0
        self.span = (0.0, 0.0)
        self.opened = time.perf_counter()


def _inside(span: tuple[float, float]) -> list[tuple[float, float, str, float]]:
    a, b = span
    return [s for s in steps if s[1] > a and s[0] < b]


def _hot(a: float, b: float) -> list[tuple[str, int]]:
    """The stacks most sampled in [a, b]: their three innermost frames, then the three
    innermost of reeltui's (or the driver's) own."""
    count: collections.Counter[str] = collections.Counter()
    for at, names in samples:
        if a <= at <= b:
            inner = [n for n in names if not n.startswith(("loop_steps", "events."))]
            mine = [n for n in inner if n.split(".")[0] in OURS]
            count[" < ".join(inner[:3] + mine[:3])] += 1
    return count.most_common(6)


def report(kinds: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"windows": [], "summary": {}}
    for n, win in enumerate(windows):
        kind = kinds[n % 2]
        inside = _inside(win["span"])
        rows = []
        for s0, s1, whose, cpu in inside:
            gcs = [
                (round((g1 - g0) * 1000, 1), round(c * 1000, 1), g)
                for g0, g1, g, c in passes
                if s0 <= g0 <= s1 and (g or g1 - g0 > 0.001)
            ]
            rows.append(
                {
                    "ms": round((s1 - s0) * 1000, 1),
                    "cpu": round(cpu * 1000, 1),
                    "whose": whose,
                    "gc": gcs,
                    "hot": _hot(s0, s1) if s1 - s0 > 0.004 else [],
                }
            )
        driver = sum(r["ms"] for r in rows if r["whose"] == "driver")
        whole = _inside((win["opened"], win["closed"]))
        top = max(whole, key=lambda s: s[3], default=(0.0, 0.0, "", 0.0))
        out["windows"].append(
            {
                "kind": kind,
                "longest_ms": round(win["longest"] * 1000, 1),
                "steps_ms": round(sum(r["ms"] for r in rows), 1),
                "cpu_ms": round(sum(r["cpu"] for r in rows), 1),
                "driver_ms": round(driver, 1),
                "top_step_cpu_ms": round(top[3] * 1000, 1),
                "top_step_whose": top[2],
                "steps": rows,
            }
        )
    for kind in kinds:
        mine = [w for w in out["windows"] if w["kind"] == kind]
        out["summary"][kind] = {
            "longest": [w["longest_ms"] for w in mine],
            "driver_in_it": [w["driver_ms"] for w in mine],
            "steps_in_it": [w["steps_ms"] for w in mine],
            "cpu_in_it": [w["cpu_ms"] for w in mine],
            "top_step_cpu": [w["top_step_cpu_ms"] for w in mine],
        }
    return out


async def idle(store: Path, post: str, times: int = 8) -> dict[str, Any]:
    """The probe's longest gap (ms) and the loop's thread CPU (ms) while the app, the post
    open in its thread pane, has nothing to do and the driver does one thing: sleeps 50 ms,
    `Pilot.pause()`, `Pilot._wait_for_screen()` (what `press` and `pause` do first), or
    `app.workers.wait_for_complete()`; each followed by a 20 ms sleep."""
    app = child_tui._app(store)
    out: dict[str, Any] = {}
    async with app.run_test(size=child_tui.SIZE) as pilot:
        await child_tui.until(pilot, lambda: child_tui._ready(app))
        await child_tui._open_post(app, pilot, post)
        await pilot.pause()
        probe = child_tui.Probe(app)
        out["widgets"] = len(list(app.screen.walk_children(with_self=True)))
        waits = {
            "sleep": lambda: asyncio.sleep(0.05),
            "pause": pilot.pause,
            "wait_for_screen": pilot._wait_for_screen,
            "wait_for_complete": app.workers.wait_for_complete,
        }
        for _ in range(times):
            for name, wait in waits.items():
                await asyncio.sleep(0.05)
                probe.reset()
                began = time.thread_time()
                await wait()
                await asyncio.sleep(0.02)
                cpu = (time.thread_time() - began) * 1000
                out.setdefault(name, []).append((round(probe.longest * 1000, 1), round(cpu, 1)))
        probe.timer.stop()
    app.blog.close()
    return out


def main() -> None:
    if sys.argv[3] == "idle":
        print(json.dumps(asyncio.run(idle(Path(sys.argv[1]), sys.argv[2]))))
        return
    store, post, count, *mode = sys.argv[1:]
    moderate = "moderate" in mode
    sampling = "sample" in mode
    child_tui.Probe = TracedProbe  # type: ignore[misc]
    _patch_loop()
    gc.callbacks.append(_gc)
    stop = threading.Event()
    sampler = threading.Thread(target=_sampler, args=(stop,), daemon=True)

    async def go() -> Any:
        loop = asyncio.get_running_loop()
        loop.set_task_factory(lambda lp, coro, **kw: asyncio.tasks._PyTask(coro, loop=lp, **kw))  # type: ignore[attr-defined]
        if sampling:
            sampler.start()
        try:
            return await loop.create_task(child_tui.reply(Path(store), post, int(count), moderate))
        finally:
            stop.set()

    got = asyncio.run(go())
    out = {"result": got, "samples": len(samples), **report(["cursor", "reply"])}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
