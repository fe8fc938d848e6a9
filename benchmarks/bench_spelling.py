"""7. Typing in the editor while spelling is checked: a 500 KB post, keystroke to screen.

The real editor (EditorScreen, headless through Pilot) on a store holding one 500 KB post.
A key is pressed in the middle of the body; the time is taken from the press until the
screen has been refreshed after it (`call_after_refresh`). Keys come every CADENCE seconds,
just longer than the pause after which a check starts, so each key meets a check of the
previous one running in its worker thread. The same with spelling off is the baseline.
p50, p90 and max are reported; the first check of the whole post (in the background, while
the editor is usable) is given as a note.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import content
from benchmarks.common import Config, Result
from reeltui.config import Settings
from reeltui.domain.models import Post
from reeltui.services import spelling as spelling_service
from reeltui.services.session import open_blog
from reeltui.store import state
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.spelling import CHECK_DELAY

SIZE = (120, 40)
KEYS = 60
QUICK_KEYS = 10  # --quick (the suite's run of the harness): each key costs CADENCE of waiting
CADENCE = CHECK_DELAY + 0.03  # seconds between keys: each meets the previous key's check
GOAL = 1.5  # p90 with checking on, at most this many times the p90 with it off


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _first_check(text: str) -> float:
    """Seconds a check of the whole post takes (what the worker does when the editor opens)."""
    speller = spelling_service.Speller(spelling_service.lexicon("en"))
    started = time.perf_counter()
    spelling_service.DocumentCheck(speller).run(text.splitlines())
    return time.perf_counter() - started


async def _typing(store: Path, spelling: bool, keys: int = KEYS) -> list[float]:
    """Seconds from each key press to the next screen refresh."""
    os.environ["REELTUI_SPELLING"] = "on" if spelling else "off"
    blog = open_blog(store)
    post_id = "p-long"
    state.delete_draft(blog.store, post_id)  # the last run's keys, kept when it closed
    app = make_app(
        blog,
        settings=Settings(),
        initial_screen=lambda: EditorScreen(blog, post_id, autosave_delay=3600),
    )
    times: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            while not isinstance(app.screen, EditorScreen):
                await pilot.pause()
            screen = app.screen
            assert screen.session.post_id == post_id
            while spelling and screen.spelling.checks == 0:  # the first check is done
                await asyncio.sleep(0.01)
            body = screen.body
            body.focus()
            body.move_cursor((body.document.line_count // 2, 0))
            await pilot.pause()
            for n in range(keys):
                painted = asyncio.Event()
                pressed = time.perf_counter()
                await pilot.press("abcdefghij"[n % 10])
                app.call_after_refresh(painted.set)
                await painted.wait()
                times.append(time.perf_counter() - pressed)
                await asyncio.sleep(CADENCE)
            while spelling and any(w.is_running for w in app.workers):
                await asyncio.sleep(0.01)
    finally:
        blog.close()
        os.environ.pop("REELTUI_SPELLING", None)
    return times


def run(cfg: Config) -> list[Result]:
    text = content.long_markdown(cfg.long_post)
    with tempfile.TemporaryDirectory(dir=cfg.work if cfg.work.is_dir() else None) as tmp:
        store = Path(tmp) / "store"
        blog = open_blog(store)
        blog.save_post(Post(id="p-long", slug="long", title="A very long retrospective", body=text))
        blog.close()
        off: list[float] = []
        on: list[float] = []
        first: list[float] = []
        keys = QUICK_KEYS if cfg.quick else KEYS
        for _ in range(max(1, cfg.runs // 2)):  # interleaved: both sides see the same load
            off += asyncio.run(_typing(store, False, keys))
            on += asyncio.run(_typing(store, True, keys))
            first.append(_first_check(text))
    kb = len(text) // 1000
    result = Result(
        f"spelling: keystroke to screen in a {kb} KB post, p90, checking on vs off",
        _percentile(on, 0.9),
        _percentile(off, 0.9),
        GOAL,
    )
    for name, values in (("on", on), ("off", off)):
        result.notes.append(
            f"checking {name}: p50 {statistics.median(values) * 1e3:.1f} ms, "
            f"p90 {_percentile(values, 0.9) * 1e3:.1f} ms, max {max(values) * 1e3:.1f} ms "
            f"({len(values)} keys, one every {CADENCE * 1e3:.0f} ms)"
        )
    result.notes.append(
        f"first check of the whole post ({len(text.splitlines())} lines), done in a worker "
        f"while the editor is usable: {statistics.median(first):.2f} s"
    )
    return [result]
