"""4. A long post (500 KB of Markdown) opened in reeltui's own reader pane, headless.

A post of more than a few pieces is shown as pre-rendered lines (`ui.widgets.long_body`);
shorter ones in Textual's Markdown widget, their pieces appended in the background.

- first screen: `Reader.show` of the long post until it is painted (the first piece of
  `services.longtext.pieces`; the rest is appended in the background) vs the same for a
  5 KB post: a long post should open about as fast as a short one;
- the rest: while the other pieces are appended, a 20 ms timer on the app's event loop
  measures the longest time the screen could not answer a key (the longest gap between its
  ticks), against the time it takes to show the whole 5 KB post;
- scrolling: once everything is there, jump to the end and page down.
"""

from __future__ import annotations

import asyncio
import time

from textual.app import App, ComposeResult

from benchmarks import content
from benchmarks.common import Config, Figure
from reeltui.domain.models import Post
from reeltui.services.longtext import pieces
from reeltui.ui.widgets.reader import Reader

SIZE = (120, 40)
PAGES = 5
TICK = 0.02  # seconds between the responsiveness probe's ticks
REST_TIMEOUT = 300.0


class ReaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


class Probe:
    """Ticks every TICK seconds on the event loop; records the gaps between ticks."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.gaps: list[float] = []

    def tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.longest = max(self.longest, now - self.last)
        self.last = now


async def _everything_shown(app: App[None], reader: Reader) -> None:
    """Until no worker runs and the long-post view (if used) has every line."""
    # (the long-post view is mounted with the first very long post: `Reader.long`)
    while any(w.is_running for w in app.workers) or (
        reader.long is not None and not reader.long.complete
    ):
        await asyncio.sleep(0.01)


async def _open(text: str) -> dict[str, float]:
    """Seconds: first screen, appending the rest, longest stall meanwhile, jump, page down."""
    app = ReaderApp()
    post = Post(id="long", slug="long", title="A very long retrospective", body=text)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        await pilot.pause()
        started = time.perf_counter()
        painted = asyncio.Event()
        await reader.show(post, 0)
        app.call_after_refresh(painted.set)  # the first piece is on screen
        await painted.wait()
        first = time.perf_counter() - started
        probe = Probe()
        timer = app.set_interval(TICK, probe.tick)
        started = time.perf_counter()
        await pilot.pause()
        await asyncio.wait_for(_everything_shown(app, reader), REST_TIMEOUT)
        await pilot.pause()
        rest = time.perf_counter() - started
        probe.tick()
        timer.stop()
        scroller = reader.scroller
        started = time.perf_counter()
        scroller.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        jump = time.perf_counter() - started
        scroller.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        started = time.perf_counter()
        for _ in range(PAGES):
            scroller.scroll_page_down(animate=False)
            await pilot.pause()
        page = (time.perf_counter() - started) / PAGES
    return {"first": first, "rest": rest, "stall": probe.longest, "jump": jump, "page": page}


def run(cfg: Config) -> list[Figure]:
    long_text = content.long_markdown(cfg.long_post)
    small_text = content.long_markdown(cfg.small_post, seed=4)
    n_pieces = len(pieces(long_text))
    kb = len(long_text) // 1000
    smalls = [asyncio.run(_open(small_text)) for _ in range(cfg.runs)]
    longs = [asyncio.run(_open(long_text)) for _ in range(max(1, cfg.runs // 2))]
    small = [r["first"] for r in smalls]

    def figure(key: str) -> list[float]:
        return [r[key] for r in longs]

    first = Figure(
        f"reader: first screen of a {kb} KB post",
        0,
        f"Reader.show of the post until its first screen is painted; baseline: the same for a "
        f"{len(small_text) // 1000} KB post",
        figure("first"),
        small,
        on="p50",
    )
    first.notes.append(
        f"{n_pieces} pieces, rendered to lines in the background: all there after "
        f"{first.fmt(max(figure('rest')))} (max of {len(longs)} runs)"
    )
    stall = Figure(
        f"reader: longest freeze while the rest of the {kb} KB post is appended",
        0,
        f"longest gap between {TICK * 1e3:.0f} ms ticks of the event loop; baseline: showing "
        f"the whole small post",
        figure("stall"),
        small,
        on="max",
    )
    stall.notes.append(
        f"then jump to end {stall.fmt(max(figure('jump')))}, page down "
        f"{stall.fmt(max(figure('page')))} (max)"
    )
    return [first, stall]
