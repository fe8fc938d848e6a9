"""`reeltui completion bash|zsh|fish`: shell completion generated from the parser itself.

Commands, options, choices and file arguments come from argparse, so a new option completes
without touching this file; the slugs of `show`, `edit` and `reply` come from the store
(`reeltui completion --slugs`, which never creates a store): the one `--store` names on the
line being completed, wherever it is typed, else $REELTUI_STORE or the default.

This module is the command; what the parser accepts is read in cli/completion_spec.py and the
scripts are written in cli/completion_shells.py (both loaded only when a script is printed).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reeltui.cli.common import CliError

SHELLS = ("bash", "zsh", "fish")


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description='Print the completion script for SHELL. bash: add `eval "$(reeltui '
        'completion bash)"` to ~/.bashrc; zsh: `eval "$(reeltui completion zsh)"` in '
        "~/.zshrc (after compinit); fish: `reeltui completion fish > "
        "~/.config/fish/completions/reeltui.fish`.",
    )
    cmd.add_argument("shell", nargs="?", choices=SHELLS, help="the shell")
    cmd.add_argument("--slugs", action="store_true", help=argparse.SUPPRESS)
    cmd.set_defaults(func=run_completion)


def script(shell: str) -> str:
    from reeltui.cli import build_parser
    from reeltui.cli.completion_shells import bash, fish, zsh
    from reeltui.cli.completion_spec import spec_of

    spec = spec_of(build_parser())
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](spec)


def _print_slugs(args: argparse.Namespace) -> int:
    """The store's slugs, one a line (for the completion scripts); a missing store: none."""
    from reeltui.domain.titles import safe_slug
    from reeltui.services.session import open_blog, store_exists

    if not store_exists(args.store):
        return 0
    with open_blog(args.store, read_only=True) as blog:
        slugs = sorted(safe_slug(p.slug) for p in blog.posts())  # as shown and looked up
    sys.stdout.write("".join(f"{s}\n" for s in slugs))
    return 0


def run_completion(args: argparse.Namespace) -> int:
    if args.slugs:
        return _print_slugs(args)
    if args.shell is None:
        raise CliError(f"which shell? `reeltui completion {'|'.join(SHELLS)}`")
    sys.stdout.write(script(args.shell))
    return 0
