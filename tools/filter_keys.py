"""Where a filter keystroke's time goes (a probe, not a benchmark figure): the keys of
`benchmarks/child_tui.py keys` typed the same way (a key put in the app's queue, the clock
stopped at the first frame showing the list's rows of the whole answer), with, per key: the
rows loads (wall and thread-CPU ms of each, in the worker), the main thread's CPU ms from
the key until that frame, and every frame sent meanwhile (the compositor's ms, and the
widgets it rendered with their ms).

    python tools/filter_keys.py STORE QUERY...     (run it with the harness's environment:
                                                   benchmarks/common.child_env)

PROFILE=FILE: cProfile (thread CPU) of the main thread (FILE.main) and of the loads started
inside the keys' windows (FILE.worker); VERBOSE=1: each widget's render_lines calls.

Prints one JSON line per key, then a summary line.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cProfile
import os

from benchmarks.child_tui import SIZE, _answering, _app, _list_look, _main, _ready, until
from benchmarks.frames import FrameWatch, send_key

PROFILE = os.environ.get("PROFILE")
WORKER = cProfile.Profile(time.thread_time)
MAIN = cProfile.Profile(time.thread_time)
VERBOSE = os.environ.get("VERBOSE")
KEYS = threading.Event()  # the worker's profile: loads started inside a key's window


def _main_cpu() -> float:
    clock = time.pthread_getcpuclockid(threading.main_thread().ident or 0)
    return time.clock_gettime(clock)


class Trace:
    def __init__(self) -> None:
        self.loads: list[dict[str, Any]] = []
        self.frames: list[dict[str, Any]] = []
        self.renders: dict[str, float] = defaultdict(float)
        self.searches: list[tuple[str, float]] = []
        self.calls: list[tuple[str, int, float]] = []

    def clear(self) -> None:
        self.loads.clear()
        self.frames.clear()
        self.renders.clear()
        self.searches.clear()
        self.calls.clear()


def instrument(app: Any, trace: Trace) -> None:
    from textual._compositor import Compositor
    from textual.widget import Widget

    from reeltui.ui.screens.main_list import Listing

    original_load = Listing._load

    def load(self: Any, keep: Any) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        profiled = bool(PROFILE) and KEYS.is_set()
        if profiled:
            WORKER.enable()
        try:
            original_load(self, keep)
        finally:
            if profiled:
                WORKER.disable()
            trace.loads.append(
                {
                    "start": wall,
                    "ms": (time.perf_counter() - wall) * 1000,
                    "cpu": (time.thread_time() - cpu) * 1000,
                }
            )

    Listing._load = load  # type: ignore[method-assign]

    original_query = Listing._answer

    def answer(self: Any, keep: Any, words: Any, stop: Any) -> bool:
        cpu = time.thread_time()
        try:
            return original_query(self, keep, words, stop)
        finally:
            trace.searches.append(
                ("answer" if words is None else "summaries", (time.thread_time() - cpu) * 1000)
            )

    Listing._answer = answer  # type: ignore[method-assign]

    for name in ("render_update", "render_full", "render_partial_update"):
        original = getattr(Compositor, name, None)
        if original is None:
            continue

        def timed(self: Any, *args: Any, __o: Any = original, __n: str = name, **kw: Any) -> Any:
            cpu = time.thread_time()
            wall = time.perf_counter()
            try:
                return __o(self, *args, **kw)
            finally:
                trace.frames.append(
                    {"kind": __n, "at": wall, "cpu": (time.thread_time() - cpu) * 1000}
                )

        setattr(Compositor, name, timed)

    patched: set[type] = set()

    def patch(cls: type) -> None:
        for klass in cls.__mro__:
            if klass in patched or "render_lines" not in klass.__dict__:
                continue
            patched.add(klass)
            original = klass.__dict__["render_lines"]

            def render_lines(self: Any, crop: Any, __o: Any = original, __k: type = klass) -> Any:
                if type(self).__mro__[0] is not type(self):
                    return __o(self, crop)
                cpu = time.thread_time()
                try:
                    return __o(self, crop)
                finally:
                    if threading.current_thread() is threading.main_thread():
                        ms = (time.thread_time() - cpu) * 1000
                        trace.renders[f"{type(self).__name__}({__k.__name__})"] += ms
                        if __k is type(self).__mro__[0] or __k.__name__ == "Widget":
                            trace.calls.append(
                                (f"{type(self).__name__}#{self.id}", crop.height, round(ms, 2))
                            )

            klass.render_lines = render_lines

    original_mount = Widget._post_mount

    def post_mount(self: Any) -> Any:
        patch(type(self))
        return original_mount(self)

    Widget._post_mount = post_mount  # type: ignore[method-assign]


async def run(store: Path, queries: list[str]) -> None:
    app = _app(store)
    trace = Trace()
    instrument(app, trace)
    watch = FrameWatch(app, _list_look(app))
    rows_out: list[dict[str, Any]] = []
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _main(app) is not None)
        await until(pilot, lambda: bool(app.screen.query_one("PostList").items))
        await until(pilot, lambda: _ready(app))
        main = _main(app)
        for query in queries:
            await pilot.press("slash")
            for n in range(1, len(query) + 1):
                typed = query[:n]
                char = typed[-1]
                await pilot.pause()
                trace.clear()
                watch.log.clear()
                cpu0 = _main_cpu()
                started = time.perf_counter()
                if PROFILE:
                    KEYS.set()
                    MAIN.enable()
                send_key(app, "space" if char == " " else char)
                wanted = typed.strip()
                done = lambda t=wanted: main.search == t and not _answering(main)  # noqa: E731
                await until(pilot, done)
                rows = main.query_one("PostList").items
                await until(pilot, lambda r=rows, t=started: watch.first(lambda s: s[0] is r, t))
                end = watch.first(lambda s, r=rows: s[0] is r, started)
                main_cpu = (_main_cpu() - cpu0) * 1000
                if PROFILE:
                    MAIN.disable()
                    KEYS.clear()
                shown = watch.first(lambda s, w=wanted: s[1] == w, started)
                frames = [f for f in trace.frames if f["at"] <= end]
                renders = {
                    k: round(v, 1)
                    for k, v in sorted(trace.renders.items(), key=lambda kv: -kv[1])
                    if v > 0.3
                }
                out = {
                    "typed": typed,
                    "rows": len(rows),
                    "shown_ms": round((shown - started) * 1000, 1),
                    "whole_ms": round((end - started) * 1000, 1),
                    "frames": len(watch.log and [t for t, _ in watch.log if t <= end]),
                    "frame_cpu": [round(f["cpu"], 1) for f in frames],
                    "frame_at": [round((f["at"] - started) * 1000, 1) for f in frames],
                    "loads": [
                        (
                            round((ld["start"] - started) * 1000, 1),
                            round(ld["ms"], 1),
                            round(ld["cpu"], 1),
                        )
                        for ld in trace.loads
                    ],
                    "answers": [(k, round(v, 1)) for k, v in trace.searches],
                    "main_cpu": round(main_cpu, 1),
                    "renders": renders,
                    "calls": list(trace.calls) if VERBOSE else None,
                }
                rows_out.append(out)
                print(json.dumps(out), flush=True)
            await pilot.press("escape")
            await until(pilot, lambda: not main.search and not _answering(main))
            await pilot.pause()
    app.blog.close()
    if PROFILE:
        MAIN.dump_stats(PROFILE + ".main")
        WORKER.dump_stats(PROFILE + ".worker")
    whole = sorted(r["whole_ms"] for r in rows_out)
    print(
        json.dumps(
            {"p50": whole[len(whole) // 2], "p90": whole[int(len(whole) * 0.9)], "max": whole[-1]}
        )
    )


if __name__ == "__main__":
    asyncio.run(run(Path(sys.argv[1]), sys.argv[2:]))
