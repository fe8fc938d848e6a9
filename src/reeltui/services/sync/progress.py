"""Progress of a sync: the stage, its step, and one overall fraction for a single bar.

Each stage owns a span of the whole (sending 0.05-0.3, posts 0.3-0.55, comments 0.6-0.95...):
the overall fraction only moves forward, so one bar goes from 0 to 1 across the stages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SPANS = (  # stage prefix -> (start, end) of the overall bar
    ("connecting", 0.0, 0.05),
    ("sending replies", 0.05, 0.2),
    ("sending posts", 0.2, 0.3),
    ("pulling posts", 0.3, 0.55),
    ("pulling pages", 0.55, 0.6),
    ("pulling comments", 0.6, 0.95),
    ("checking comments", 0.6, 0.95),
    ("saving", 0.95, 1.0),
    ("done", 1.0, 1.0),
)


@dataclass(frozen=True, slots=True)
class SyncProgress:
    stage: str
    done: int = 0
    total: int = 0
    overall: float = 0.0  # 0..1 across the whole sync

    def __str__(self) -> str:
        return f"{self.stage} {self.done}/{self.total}" if self.total else self.stage


class Overall:
    """Called as report(stage, done, total); passes SyncProgress events with `overall` on."""

    def __init__(self, progress: Callable[[SyncProgress], None] | None) -> None:
        self.progress = progress
        self.at = 0.0

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        for prefix, start, end in SPANS:
            if stage.startswith(prefix):
                part = min(done / total, 1.0) if total else 0.0
                self.at = max(self.at, start + (end - start) * part)
                break
        if self.progress is not None:
            self.progress(SyncProgress(stage, done, total, round(self.at, 4)))
