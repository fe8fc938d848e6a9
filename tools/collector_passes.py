"""What a full pass of Python's garbage collector costs in the running TUI (a probe, not a
benchmark figure): the app opened headless through Pilot on a store, until the whole index
is read and the search readied, then its collector looked at.

    python tools/collector_passes.py STORE [--typed harbor]   the app on STORE (it opens it
                                                               for writing: use a copy)
    python tools/collector_passes.py bare                      a bare Textual app, the same

Prints one JSON object: `passes`, the collector's own passes over the older generations from
the start until ready (generation, thread CPU ms, wall ms, objects collected); `tracked`, the
objects per generation not frozen and `frozen`; `walked`, the references a full pass follows
(the items of every container it walks); `full_ms`, five `gc.collect()` timed in thread CPU
(other threads' work is not counted); the same after the search `--typed` letter by letter.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.child_tui import SIZE, Bare, _app, _main, _ready, until  # noqa: E402

passes: list[tuple[int, float, float, int]] = []
_began = [0.0, 0.0]


def _seen(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _began[:] = [time.thread_time(), time.perf_counter()]
    elif info["generation"] >= 1:
        cpu = (time.thread_time() - _began[0]) * 1000
        wall = (time.perf_counter() - _began[1]) * 1000
        passes.append((info["generation"], round(cpu, 2), round(wall, 2), info["collected"]))


def census() -> dict[str, Any]:
    tracked = [len(gc.get_objects(g)) for g in range(3)]
    walked = sum(len(gc.get_referents(o)) for o in gc.get_objects())
    return {"tracked": tracked, "frozen": gc.get_freeze_count(), "walked": walked}


def full_ms(times: int = 5) -> list[float]:
    out = []
    for _ in range(times):
        began = time.thread_time()
        gc.collect()
        out.append(round((time.thread_time() - began) * 1000, 2))
    return out


async def probe(store: Path | None, typed: str) -> dict[str, Any]:
    gc.callbacks.append(_seen)
    if store is None:
        app: Any = Bare()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await asyncio.sleep(1.0)
            return {"passes": list(passes), **census(), "full_ms": full_ms()}
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _ready(app))
        await asyncio.sleep(1.0)
        found: dict[str, Any] = {"ready_s": round(time.perf_counter() - STARTED, 2)}
        found |= {"passes": list(passes), **census(), "full_ms": full_ms()}
        if typed:
            main = _main(app)
            await pilot.press("slash")
            for letter in typed:
                await pilot.press(letter)
                await until(pilot, lambda: not main.listing.partial)
            await asyncio.sleep(2.0)  # (the typing's deferral of full passes ends)
            found["typed"] = {**census(), "full_ms": full_ms()}
    app.blog.close()
    return found


if __name__ == "__main__":
    args = sys.argv[1:]
    typed = args[args.index("--typed") + 1] if "--typed" in args else "harbor"
    where = None if args[0] == "bare" else Path(args[0])
    print(json.dumps(asyncio.run(probe(where, typed))))
