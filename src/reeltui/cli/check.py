"""`reeltui check [--repair [--yes]]`: verify every record of a store; mend it table by table."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import CliError, prepare_store
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line

if TYPE_CHECKING:
    from reeltui.services.check import Diagnosis
    from reeltui.store.findings import Finding

SHOWN = 200  # problems printed before "... and N more"


def register(sub: Any) -> None:
    check = sub.add_parser(
        "check", help="verify every record of the store (types, links, index, backups)"
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="mend a damaged store table by table from its backups (asks first)",
    )
    check.add_argument("--yes", action="store_true", help="with --repair: do not ask")
    check.set_defaults(func=run_check)


def _say(line: str) -> None:
    indent = line[: len(line) - len(line.lstrip(" "))]  # a list's items keep their indent
    sys.stderr.write(indent + sanitize_line(line) + "\n")


def _problems(found: Diagnosis) -> None:
    lines = found.problems
    for line in lines[:SHOWN]:
        _say(f"  - {line}")
    if len(lines) > SHOWN:
        _say(f"  … and {len(lines) - SHOWN} more")


def _notes(found: Diagnosis, out: Any) -> None:
    for note in found.scan.notes[:SHOWN]:
        out.write(f"  note: {sanitize_line(note)}\n")


def run_check(args: argparse.Namespace) -> int:
    if args.yes and not args.repair:
        raise CliError("--yes only goes with --repair")
    if args.repair:
        return run_repair(args)
    from reeltui.services.check import diagnose
    from reeltui.store import StoreError
    from reeltui.store.backup import list_backups

    prepare_store(args, create=False)
    found = diagnose(args.store)
    if found.error is not None:
        hint = ""
        if found.repairable and list_backups(args.store.expanduser()):
            hint = " (`reeltui check --repair` can restore the newest sound backup)"
        raise StoreError(f"{found.error}{hint}")
    if found.problems:
        _say(f"{args.store}: {count(len(found.problems), 'problem')} ({found.summary}):")
        _problems(found)
        _notes(found, sys.stderr)
        _say("`reeltui check --repair` can mend what a backup or a rebuild can")
        return 1
    print(sanitize_line(f"{args.store}: sound ({found.summary})"))
    _notes(found, sys.stdout)
    return 0


def _confirm(question: str) -> bool:
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return answer.strip().lower() in ("y", "yes")


def _may_ask(args: argparse.Namespace) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        _say(
            "reeltui: not repairing without confirmation; run `reeltui check --repair --yes` "
            "to do it. Nothing was changed."
        )
        return False
    return True


def _what_to_do(finding: Finding) -> str:
    if finding.record is None and finding.fix == "restore":
        return (
            " (no backup has a sound copy of it: correct the file by hand, or move it out of "
            "the store to drop what it holds; then run `reeltui check --repair` again)"
        )
    return ""


def _said_sound(
    args: argparse.Namespace, found: Diagnosis, sound: str, *, say: bool = True
) -> bool:
    """Print `sound` (its {} the store's summary) when `found` is sound, and say True; else
    say the error that stops the check, if any (unless not `say`: the caller words it)."""
    if found.sound:
        print(sanitize_line(f"{args.store}: {sound.format(found.summary)}"))
        return True
    if found.error is not None and say:
        _say(f"reeltui: {found.error}")
    return False


UNTOUCHED = "; the file was left untouched"


def _mending(found: Diagnosis) -> str:
    """The error that stops the check, said as the damage a repair goes on to mend (not
    "left untouched": the next line says what was put in its place)."""
    return f"reeltui: {str(found.error).removesuffix(UNTOUCHED)}"


def run_repair(args: argparse.Namespace) -> int:
    from reeltui.services.check import diagnose, meta_damage, plan_repair, repair, restore_meta
    from reeltui.store import StoreError
    from reeltui.store.errors import StoreForeign
    from reeltui.store.opening import examine

    prepare_store(args, create=False)
    path = args.store.expanduser()
    try:
        missing = examine(path)
    except StoreForeign:  # a folder that never was a store is refused, never made one
        raise
    except StoreError:  # the remains of a store (its files, no meta.json): a repair may mend it
        missing = False
    if missing:
        raise StoreError(f"no reeltui store at {path}; nothing was created")
    found = diagnose(path)
    if _said_sound(args, found, "sound ({}); nothing to repair", say=False):
        return 0
    meta = None  # what was done to meta.json, when it was put back
    if found.error is not None:
        if not found.repairable or meta_damage(path) is None:
            _say(f"reeltui: {found.error}")
            if not found.repairable:
                _say("reeltui: a repair cannot fix this; nothing was changed")
                return 2
        else:
            if args.yes:
                _say(_mending(found))
            else:  # nothing is done before the user says yes: the error as it stands
                _say(f"reeltui: {found.error}")
                if not _may_ask(args):
                    return 2
                if not _confirm("Put back meta.json?"):
                    _say("reeltui: nothing was changed")
                    return 1
            meta = restore_meta(path)
            _say(meta)
            found = diagnose(path)
            if _said_sound(args, found, "repaired; sound ({})"):
                return 0
            if found.error is not None:
                return 2
    _problems(found)
    store, fixes = plan_repair(path)
    try:
        for fix in fixes:
            _say(f"{fix.table}: {fix.describe()}")
            for line in fix.lines()[:SHOWN]:
                _say(f"  - {line}")
            for finding in fix.unfixable[:SHOWN]:
                _say(f"  cannot be repaired automatically: {finding}{_what_to_do(finding)}")
        doable = [f for f in fixes if f.changes]
        if not fixes and meta is not None:  # (a new meta.json names no list fields: the
            # store, opened for writing, wrote its index again: `reindex_if_fields_changed`)
            print("done: posts index: written again from the posts' files")
            return _after(args, path)
        if not doable:
            left = "only meta.json was put back" if meta else "the store was left untouched"
            _say(
                f"reeltui: no sound backup of what is damaged in {args.store} (in "
                f"{path / 'backups'}); {left}"
            )
            return 2
        if not _may_ask(args):
            return 2
        chosen = [f for f in doable if args.yes or _confirm(f"Repair {f.table}?")]
        if not chosen:
            _say("reeltui: nothing was changed")
            return 1
        done = repair(store, chosen)
    finally:
        store.close()
    for fix in chosen:
        for line in fix.done():
            print(sanitize_line(f"done: {line}"))
    if done.kept is not None:
        print(f"the replaced files were kept in {done.kept}")
    if done.quarantine is not None:
        print(f"quarantined records (and kept records as they were) are in {done.quarantine}")
    return _after(args, path)


def _after(args: argparse.Namespace, path: Any) -> int:
    """Check the store again after a repair and say how it is."""
    from reeltui.services.check import diagnose

    after = diagnose(path)
    if not after.sound:
        _say(f"reeltui: {args.store} still has {count(len(after.problems), 'problem')}:")
        _problems(after)
        return 1
    print(sanitize_line(f"{args.store}: repaired; sound ({after.summary})"))
    return 0
