"""4. A long post (500 KB of Markdown) in Textual's Markdown widget, headless.

- first screen: the post cut with `services.longtext.pieces` and only the first piece
  rendered (what a reader that appends the rest in the background shows at once), vs a
  small post's render: a long post should open as fast as a short one;
- whole post: the full text rendered in one `Markdown.update` (one run: it takes minutes on
  a busy machine), vs the small post's render scaled by size (1.0 = linear growth);
- scrolling: jump to the end and page down through the rendered text.
"""

from __future__ import annotations

import asyncio
import time

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from benchmarks import content
from benchmarks.common import Config, Result, median
from reeltui.services.longtext import pieces

SIZE = (120, 40)
PAGES = 5
WHOLE_TIMEOUT = 150.0  # seconds for the one full render


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
        started = time.perf_counter()
        for _ in range(PAGES):
            scroller.scroll_page_down(animate=False)
            await pilot.pause()
        page = (time.perf_counter() - started) / PAGES
    return render, jump, page


def run(cfg: Config) -> list[Result]:
    long_text = content.long_markdown(cfg.long_post)
    small_text = content.long_markdown(cfg.small_post, seed=4)
    first_piece = pieces(long_text)[0]
    kb = len(long_text) // 1000
    smalls, firsts = [], []
    for _ in range(cfg.runs):
        smalls.append(asyncio.run(_read(small_text)))
        firsts.append(asyncio.run(_read(first_piece)))
    small = median([r[0] for r in smalls])
    first = Result(
        f"reader: first screen of a {kb} KB post vs a {len(small_text) // 1000} KB post",
        median([r[0] for r in firsts]),
        small,
        None,
    )
    first.notes.append(
        f"the first of {len(pieces(long_text))} pieces ({len(first_piece) // 1000} KB) "
        f"rendered; page down {median([r[2] for r in firsts]) * 1e3:.0f} ms"
    )
    scale = len(long_text) / len(small_text)
    whole = Result(f"reader: whole {kb} KB post in one render", 0.0, small * scale, None)
    try:
        render, jump, page = asyncio.run(asyncio.wait_for(_read(long_text), WHOLE_TIMEOUT))
    except TimeoutError:
        whole.measured = WHOLE_TIMEOUT
        whole.notes.append(f"did not finish in {WHOLE_TIMEOUT:.0f} s (figure is the cut-off)")
    else:
        whole.measured = render
        whole.notes.append(
            f"1 run; baseline = small post x{scale:.0f}; then jump to end {jump * 1e3:.0f} ms, "
            f"page down {page * 1e3:.0f} ms"
        )
    return [first, whole]
