"""`reeltui check [--repair [--yes]]`: verify a store; restore the newest sound backup."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reeltui.cli.common import CliError, blog_for_reading, prepare_store
from reeltui.domain.plural import count


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="verify the store (schema, orphans, duplicate slugs)")
    check.add_argument(
        "--repair",
        action="store_true",
        help="restore the newest sound backup of a damaged store (asks first)",
    )
    check.add_argument("--yes", action="store_true", help="with --repair: do not ask")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    if args.yes and not args.repair:
        raise CliError("--yes only goes with --repair")
    if args.repair:
        return run_repair(args)
    from reeltui.services.check import problems
    from reeltui.store import StoreError, StoreLocked, StoreTooNew
    from reeltui.store.backup import list_backups

    try:
        blog = blog_for_reading(args)
    except (StoreLocked, StoreTooNew):
        raise
    except StoreError as exc:
        if list_backups(args.store.expanduser()):
            raise StoreError(
                f"{exc} (`reeltui check --repair` can restore the newest sound backup)"
            ) from exc
        raise
    try:
        found = problems(blog)
        summary = blog.counts()
        schema = blog.store.schema_version
    finally:
        blog.close()
    if found:
        sys.stderr.write(f"{args.store}: {count(len(found), 'problem')}:\n")
        for problem in found:
            sys.stderr.write(f"  - {problem}\n")
        return 1
    print(
        f"{args.store}: sound (schema {schema}, {count(summary.posts, 'post')}, "
        f"{count(len(blog.all_comments()), 'comment')})"
    )
    return 0


def _confirm(question: str) -> bool:
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return answer.strip().lower() in ("y", "yes")


def run_repair(args: argparse.Namespace) -> int:
    from reeltui.services.check import diagnose, repair, sound_backup

    prepare_store(args, create=False)
    path = args.store
    found = diagnose(path)
    if found.sound:
        print(f"{args.store}: sound ({found.summary}); nothing to repair")
        return 0
    if found.error is not None:
        sys.stderr.write(f"reeltui: {found.error}\n")
    for problem in found.problems:
        sys.stderr.write(f"  - {problem}\n")
    if not found.repairable:
        sys.stderr.write("reeltui: a backup cannot fix this; nothing was changed\n")
        return 2
    best = sound_backup(path)
    if best is None:
        sys.stderr.write(
            f"reeltui: no sound backup of {args.store} to restore (in {path / 'backups'}); "
            "the store was left untouched\n"
        )
        return 2
    backup, state = best
    sys.stderr.write(
        f"newest sound backup: {backup.describe()} ({state.summary}); changes made since "
        "then will be undone (the current files are kept aside in backups/broken-*)\n"
    )
    if not args.yes:
        if not sys.stdin.isatty():
            sys.stderr.write(
                "reeltui: not restoring without confirmation; run "
                "`reeltui check --repair --yes` to restore it. Nothing was changed.\n"
            )
            return 2
        if not _confirm("Restore it?"):
            sys.stderr.write("reeltui: nothing was changed\n")
            return 1
    kept = repair(path, backup)
    after = diagnose(path)
    if not after.sound:
        sys.stderr.write(f"reeltui: the store is still not sound after restoring {backup.name}\n")
        return 1
    print(
        f"{args.store}: restored the backup of {backup.describe()} ({after.summary}); "
        f"the replaced files are in {kept}"
    )
    return 0
