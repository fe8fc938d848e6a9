"""Stats at 10,000 posts: `services.stats.compute` for the whole blog (first, when every
post is read as an object, then again) and narrowed by a query, against the needs-reply
inbox (`services.inbox.needs_reply`, the existing whole-archive pass over the comments) in
the same run; and the stats screen: the longest the event loop could not answer a key
while the figures were computed (its worker thread), against the same on a small blog."""

from __future__ import annotations

import asyncio
import time

from benchmarks.bench_reader import TICK, Probe
from benchmarks.common import Config, Result, median, spread
from benchmarks.generate import archive
from reeltui.config import Settings
from reeltui.domain.identity import Identity
from reeltui.services import inbox, stats
from reeltui.services.session import open_blog

GOAL = 3.0  # stats may cost a few inbox passes
FREEZE_GOAL = 2.0


def _timed(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - started


async def _screen_freeze(path: object) -> list[float]:
    from reeltui.ui.app import make_app
    from reeltui.ui.screens.stats import StatsScreen

    blog = open_blog(path, read_only=True)  # type: ignore[arg-type]
    try:
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            probe = Probe()
            timer = app.set_interval(TICK, probe.tick)
            app.push_screen(StatsScreen(blog, writer=Identity()))
            await pilot.pause()
            while any(w.is_running for w in app.workers):
                await asyncio.sleep(0.01)
            await pilot.pause()
            probe.tick()
            timer.stop()
            return probe.gaps
    finally:
        blog.close()


def run(cfg: Config) -> list[Result]:
    path = archive(cfg.big, cfg.work)
    first: list[float] = []
    again: list[float] = []
    narrowed: list[float] = []
    base: list[float] = []
    for _ in range(cfg.runs):
        blog = open_blog(path, read_only=True)
        try:
            first.append(_timed(lambda b=blog: stats.compute(b, writer=Identity())))
            again.append(_timed(lambda b=blog: stats.compute(b, writer=Identity())))
            narrowed.append(
                _timed(lambda b=blog: stats.compute(b, "tag:drama rating:>=3", writer=Identity()))
            )
            blog.all_comments()  # (the baseline as it always was: objects already read)
            base.append(_timed(lambda b=blog: inbox.needs_reply(b)))
        finally:
            blog.close()
    results = [
        Result(f"stats of {cfg.big} posts, first time", median(first), median(base), None),
        Result(f"stats of {cfg.big} posts, again", median(again), median(base), GOAL),
        Result(
            f"stats of tag:drama rating:>=3 in {cfg.big} posts",
            median(narrowed),
            median(base),
            GOAL,
        ),
    ]
    results[0].notes.append(
        "baseline: the needs-reply inbox of the same blog, computed after it with every "
        "comment already read as an object (stats read the stored documents instead)"
    )
    for result, values in zip(results, (first, again, narrowed), strict=True):
        result.notes.append(f"{len(values)} runs: {spread(values, base)}")
    small = archive(cfg.small, cfg.work)
    freeze: list[list[float]] = []
    calm: list[list[float]] = []
    for _ in range(cfg.runs):  # a session each side in turn: both under the same load
        freeze.append(asyncio.run(_screen_freeze(path)))
        calm.append(asyncio.run(_screen_freeze(small)))
    screen = Result(
        f"stats screen, longest freeze while computing {cfg.big} posts",
        median([max(gaps) for gaps in freeze]),
        median([max(gaps) for gaps in calm]),
        FREEZE_GOAL,
    )
    every, every_calm = [g for gaps in freeze for g in gaps], [g for gaps in calm for g in gaps]
    longest, longest_calm = [max(gaps) for gaps in freeze], [max(gaps) for gaps in calm]
    screen.notes.append(
        f"{cfg.runs} sessions each side (in turn), the longest gap of each: "
        f"{spread(longest, longest_calm)}; the {cfg.small}-post blog's: {spread(longest_calm)}"
    )
    screen.notes.append(
        f"longest gap between {TICK * 1e3:.0f} ms ticks of the event loop from opening the "
        f"stats screen until its worker is done, vs the same on a {cfg.small}-post blog: a "
        f"freeze that grew with the archive would show here; all {len(every)} gaps: "
        f"{spread(every, every_calm)}"
    )
    return [*results, screen]
