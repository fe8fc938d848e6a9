"""How hard the property tests search.

Every property test keeps its full search budget in its source (`examples(10_000)`); a run
uses a share of it set by REELTUI_FUZZ: `make test` (and plain pytest) runs a quarter, enough
to catch regressions in minutes, and `make fuzz` runs the full campaigns (REELTUI_FUZZ=1).
"""

from __future__ import annotations

import os

DEFAULT_SHARE = 0.25


def share() -> float:
    raw = os.environ.get("REELTUI_FUZZ", "")
    try:
        value = float(raw) if raw else DEFAULT_SHARE
    except ValueError:
        value = DEFAULT_SHARE
    return min(max(value, 0.01), 100.0)


def examples(full: int) -> int:
    """The number of examples for a test whose full campaign is `full` (never under 20)."""
    return max(20, round(full * share()))
