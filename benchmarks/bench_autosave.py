"""2. One autosave of a draft (records.put_draft) with a small and with a large archive open.

A save must cost the size of the draft, not of the archive: it may write drafts.json only.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from benchmarks import content
from benchmarks.common import Config, Result, median
from benchmarks.generate import archive
from reeltui.domain import Post
from reeltui.services.session import open_blog
from reeltui.store import records

GOAL = 2.0
SAVES = 15  # per run: autosaves are short, so take many


def _autosaves(store_path: Path, draft: Post, cfg: Config) -> tuple[list[float], list[str]]:
    blog = open_blog(store_path)
    try:
        blog.rows()  # the archive is open as in the app (indexes built)
        store = blog.store
        before = {name: store.writes(name) for name in store.tables}
        times = []
        for i in range(cfg.runs * SAVES):
            post = dataclasses.replace(draft, body=f"{draft.body}\n\nEdit {i}.")
            started = time.perf_counter()
            records.put_draft(store, post, f"2026-01-01T00:00:{i % 60:02d}+00:00")
            times.append(time.perf_counter() - started)
        written = [n for n in store.tables if store.writes(n) != before[n]]
        records.delete_draft(store, draft.id)  # leave the cached archive as it was
    finally:
        blog.close()
    return times, written


def run(cfg: Config) -> list[Result]:
    draft = next(content.entries(1, seed=99)).post  # the same draft for both archives
    draft = dataclasses.replace(draft, id="p-bench-draft")
    small, small_files = _autosaves(archive(cfg.small, cfg.work), draft, cfg)
    big, big_files = _autosaves(archive(cfg.big, cfg.work), draft, cfg)
    res = Result(
        f"autosave with {cfg.big} posts open vs {cfg.small}", median(big), median(small), GOAL
    )
    res.notes.append(
        f"{len(big)} saves each; files written: {', '.join(sorted(set(big_files)))} "
        f"(small archive: {', '.join(sorted(set(small_files)))}); draft {len(draft.body)} chars"
    )
    if set(big_files) != {"drafts"}:
        res.notes.append("an autosave wrote more than drafts.json")
    return [res]
