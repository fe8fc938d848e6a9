"""Sub-commands. Each module registers its own parsers; add new ones to MODULES.

A module here is imported by `reeltui --version`: keep its top-level imports light (argparse,
the domain, cli.common) and import services, rich and the store inside the functions that
run the command (tests/unit/test_startup.py lists what --version and --help load).
"""

from __future__ import annotations

from typing import Any

from reeltui.cli import (
    check,
    completion,
    desk,
    desk_drafts,
    diary,
    editing,
    io,
    paths,
    reading,
    show,
    sync,
    tui,
)
from reeltui.cli import outbox as outbox_cli

MODULES: list[Any] = [
    reading,
    show,
    check,
    tui,
    outbox_cli,
    sync,
    io,
    editing,
    diary,
    paths,
    completion,
    desk,
    desk_drafts,
]

run_tui = tui.run_tui


def register(sub: Any) -> None:
    for module in MODULES:
        module.register(sub)
