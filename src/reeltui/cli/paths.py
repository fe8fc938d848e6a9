"""`reeltui paths`: where the config, the store, the credentials, the backups, the log and the
cache are.

It only looks: nothing is created (not even the default store).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reeltui.cli.common import print_json


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "paths",
        help="show where the config, store, credentials, backups, log and cache are",
        description="Print where each file reeltui uses lives, and whether it exists yet. "
        "Nothing is created.",
    )
    cmd.add_argument("--json", action="store_true", help="print a JSON object")
    cmd.set_defaults(func=run_paths)


def _state(path: Path, missing: str) -> str:
    if path.is_dir():
        return "folder"
    return "exists" if path.exists() else missing


def locations(args: argparse.Namespace) -> list[tuple[str, Path | None, str]]:
    """(what, where, its state) for each location, in the order they are printed."""
    from reeltui.locations import cache_dir, config_file, default_log, demo_dir
    from reeltui.services.session import store_exists
    from reeltui.services.sync.credentials import credentials_file
    from reeltui.store.backup import BACKUP_DIR, list_backups

    store: Path = args.store
    if store_exists(store):
        store_state = "exists"
    elif args.store_named:
        store_state = "does not exist"
    else:
        store_state = "not created yet: the first command makes it, with the demo blog"
    # one phrase in the printed parentheses: never a parenthesis inside them
    source = f"named by {args.store_source}" if args.store_source else "the default"
    store_state += f"; {source}"
    backups = store / BACKUP_DIR
    count = len(list_backups(store)) if store_exists(store) else 0
    log: Path | None = args.log
    log_state = "written; named by --log" if log else "off: `reeltui --log FILE ...` writes one"
    return [
        ("config", config_file(), _state(config_file(), "not written yet: defaults apply")),
        ("store", store, store_state),
        ("credentials", credentials_file(), _state(credentials_file(), "none saved")),
        ("backups", backups, f"{count} backup{'s' * (count != 1)}"),
        (
            "log",
            log.expanduser() if log else default_log(),
            log_state + ("" if log else ", e.g. here"),
        ),
        ("cache", cache_dir(), _state(cache_dir(), "empty") + ": safe to delete, made again"),
        ("demo blog", demo_dir(), _state(demo_dir(), "missing")),
    ]


def run_paths(args: argparse.Namespace) -> int:
    found = locations(args)
    if args.json:
        print_json({what: {"path": str(path), "state": state} for what, path, state in found})
        return 0
    width = max(len(what) for what, _, _ in found)
    for what, path, state in found:
        print(f"{what:<{width}}  {path}  ({state})")
    return 0
