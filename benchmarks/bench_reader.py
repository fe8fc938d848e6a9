"""4. A long post (500 KB of Markdown) in Textual's Markdown widget, headless: time to render
it, to jump to its end and to page through it, vs a small post scaled by size (ratio 1 means
the reader's cost grows linearly with the post)."""

from __future__ import annotations

import asyncio
import time

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from benchmarks import content
from benchmarks.common import Config, Result, median

SIZE = (120, 40)
PAGES = 10


class Reader(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reader"):
            yield Markdown(id="body")


async def _read(text: str) -> tuple[float, float, float]:
    """(render, jump to end, one page down) in seconds."""
    app = Reader()
    async with app.run_test(size=SIZE) as pilot:
        body = app.query_one("#body", Markdown)
        scroller = app.query_one("#reader", VerticalScroll)
        await pilot.pause()
        started = time.perf_counter()
        await body.update(text)
        await pilot.pause()
        render = time.perf_counter() - started
        started = time.perf_counter()
        scroller.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        jump = time.perf_counter() - started
        scroller.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        scroller.focus()
        started = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        await pilot.pause()
        page = (time.perf_counter() - started) / PAGES
    return render, jump, page


def run(cfg: Config) -> list[Result]:
    long_text = content.long_markdown(cfg.long_post)
    small_text = content.long_markdown(cfg.small_post, seed=4)
    scale = len(long_text) / len(small_text)
    longs, smalls = [], []
    for _ in range(cfg.runs):
        smalls.append(asyncio.run(_read(small_text)))
        longs.append(asyncio.run(_read(long_text)))
    render = median([r[0] for r in longs])
    small_render = median([r[0] for r in smalls])
    res = Result(
        f"reader: render a {len(long_text) // 1000} KB post vs a "
        f"{len(small_text) // 1000} KB one x{scale:.0f}",
        render,
        small_render * scale,
        None,
    )
    res.notes.append(
        f"small post renders in {small_render * 1e3:.1f} ms; long post: jump to end "
        f"{median([r[1] for r in longs]) * 1e3:.1f} ms, page down "
        f"{median([r[2] for r in longs]) * 1e3:.1f} ms per page"
    )
    return [res]
