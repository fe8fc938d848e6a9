"""Sub-commands. Each module registers its own parsers; add new ones to MODULES and COMMANDS.

A module here is imported by `reeltui --help`: keep its top-level imports light (argparse,
the domain, cli.common) and import services, rich and the store inside the functions that
run the command (tests/unit/test_startup.py lists what --version and --help load). A
command line naming a known command registers that command's module alone (`reeltui posts
--json` loads none of the others: ~30 ms of a start); anything else registers them all.
"""

from __future__ import annotations

import argparse
from importlib import import_module
from typing import Any

MODULES = (
    "reading",
    "show",
    "check",
    "tui",
    "outbox",
    "sync",
    "io",
    "editing",
    "diary",
    "paths",
    "completion",
    "desk",
    "desk_drafts",
)

# command -> the module registering it (tests/unit/test_cli_registry.py checks it against
# what the modules register)
COMMANDS = {
    "posts": "reading",
    "show": "show",
    "check": "check",
    "outbox": "outbox",
    "inbox": "outbox",
    "reply": "outbox",
    "moderate": "outbox",
    "sync": "sync",
    "import": "io",
    "export": "io",
    "new": "editing",
    "edit": "editing",
    "diary": "diary",
    "paths": "paths",
    "completion": "completion",
    "search": "desk",
    "stats": "desk",
    "recap": "desk_drafts",
    "answers": "desk_drafts",
}


def module(name: str) -> Any:
    return import_module(f"reeltui.cli.{name}")


def register(sub: Any, command: str | None = None) -> None:
    """Register the sub-commands: `command`'s module alone when it is a known command."""
    for name in (COMMANDS[command],) if command in COMMANDS else MODULES:
        module(name).register(sub)


def run_tui(args: argparse.Namespace) -> int:
    """No command: the app."""
    run: int = module("tui").run_tui(args)
    return run
