"""Sub-commands. Each module registers its own parsers; add new ones to MODULES."""

from __future__ import annotations

from typing import Any

from reeltui.cli import check, desk, desk_drafts, diary, editing, io, reading, show, sync, tui
from reeltui.cli import outbox as outbox_cli

MODULES: list[Any] = [
    reading, show, check, tui, outbox_cli, sync, io, editing, diary, desk, desk_drafts,
]  # fmt: skip

run_tui = tui.run_tui


def register(sub: Any) -> None:
    for module in MODULES:
        module.register(sub)
