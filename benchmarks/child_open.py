"""Child process of the open benchmark: time to first paint, printed as JSON.

    python -m benchmarks.child_open STORE app    reeltui: open the store, run make_app(blog)
    python -m benchmarks.child_open STORE bare   a bare Textual app + orjson.loads of the files

Both clocks start before the heavy imports (textual, reeltui), so both pay for them.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import orjson  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

SIZE = (120, 40)
TIMEOUT = 120.0


class Bare(App[None]):
    def __init__(self, data: list[Any]) -> None:
        super().__init__()
        self.data = data

    def compose(self) -> ComposeResult:
        yield Static(f"{len(self.data)} files", id="post-list")


async def settle(app: App[Any], pilot: Any) -> tuple[float, bool]:
    """Wait for the first screen, its #post-list and the app's workers; returns (time, found)."""
    deadline = time.perf_counter() + TIMEOUT
    ready_at: float | None = None
    while time.perf_counter() < deadline:
        await pilot.pause()
        screen = app.screen
        if not screen.is_mounted:
            continue
        if ready_at is None:
            ready_at = time.perf_counter()
        busy = any(w.is_running for w in app.workers)
        found = bool(screen.query("#post-list"))
        if found and not busy:
            await pilot.pause()
            return time.perf_counter(), True
        if not busy and time.perf_counter() - ready_at > 2.0:
            return ready_at, False  # no post list: the first screen is what we can time
        await asyncio.sleep(0.005)
    raise SystemExit("the app did not settle in time")


async def main(store: Path, mode: str) -> dict[str, Any]:
    if mode == "bare":
        data = [orjson.loads(p.read_bytes()) for p in sorted(store.glob("*.json"))]
        app: App[Any] = Bare(data)
    else:
        from reeltui.services.session import open_blog
        from reeltui.ui.app import make_app

        blog = open_blog(store)
        app = make_app(blog)
    async with app.run_test(size=SIZE) as pilot:
        painted, found = await settle(app, pilot)
    return {"seconds": painted - STARTED, "post_list_found": found}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))))
