"""Helpers shared by the sub-commands. Light to import: `reeltui --version` loads this."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reeltui.errors import ReelError

if TYPE_CHECKING:
    from reeltui.domain.identity import Identity
    from reeltui.domain.readers import OwnPeople
    from reeltui.services import Blog
    from reeltui.services.unlisted import Unlisted


class CliError(ReelError, ValueError):
    """Bad input found by a command; printed as one line, exit status 2. (Any ValueError
    escaping a command is printed the same way.)"""


def prepare_store(args: argparse.Namespace, *, create: bool, demo: bool = True) -> None:
    """Make sure the store a command is about to open exists, by the rules users rely on.

    - The default store (no --store, no $REELTUI_STORE) is created, folders included, by
      whichever command comes first, with the demo blog (`demo`), so `reeltui posts` right
      after an install lists the demo posts.
    - A store the user named is created only by a command that writes (`create`: the app,
      `new`, `import`, `sync`), never by one that reads, and never when its parent folder is
      missing: a mistyped path is an error, not a new store.
    - With --read-only nothing is ever created: a missing store is an error.
    Creating a store says so on stderr, once, with its path.
    """
    from reeltui.services.session import create_store, store_exists

    path = args.store
    if store_exists(path):
        return
    named = getattr(args, "store_named", True)
    if named and not (create and not args.read_only):
        if not path.exists():
            raise CliError(
                f"store {path} does not exist (check --store or $REELTUI_STORE; the app, "
                "`reeltui new`, `import` and `sync` create a store)"
            )
        return  # an empty or foreign folder: opening it says what is wrong
    if args.read_only:  # --read-only never creates anything, not even the default store
        raise CliError(
            f"store {path} does not exist yet, and --read-only never creates one (run a "
            "command without --read-only to make it)"
        )
    create_store(path, demo=demo, parents=not named).close()
    what = "with the demo blog" if demo else "(empty)"
    sys.stderr.write(f"reeltui: created a new store {what} at {path}\n")


def blog_for_reading(args: argparse.Namespace) -> Blog:
    """Read-only view of the store (works while the app has it open); never creates a store
    the user named."""
    from reeltui.services.session import open_blog

    prepare_store(args, create=False)
    blog = with_people(open_blog(args.store, read_only=True))
    _OPENED.append(blog)
    return blog


def blog_for_writing(args: argparse.Namespace, *, create: bool = False, demo: bool = True) -> Blog:
    """The store opened for changes; a missing store is created only when `create`. Waits
    a few seconds for another command writing to it (the app holds its lock for as long as
    it runs: that is refused, clearly)."""
    from reeltui.services.session import LOCK_WAIT, open_blog

    prepare_store(args, create=create, demo=demo)
    blog = open_blog(args.store, read_only=args.read_only, create=False, wait=LOCK_WAIT)
    _OPENED.append(blog)
    return with_people(blog)


_OPENED: list[Blog] = []  # the stores a command opened: their damage is said at the end
_SAID: list[str] = []  # damage a command's own warning named
_LEFT: list[Unlisted] = []  # the posts the index left out of what the command printed


def unlisted_at_end(left: Unlisted | None) -> None:
    """Say, once the command's output is printed, the posts the index left out of it (its
    refusals of their rows are then not said again among the damage skipped)."""
    if left is not None:
        said_already(*left.refusals)
        _LEFT.append(left)


def said_already(*lines: str) -> None:
    """`warn_damage` leaves these out: the command said them in its own words."""
    _SAID.extend(lines)


def warn_damage(said: str = "") -> None:
    """One line when the command went past damaged records (never a traceback for them),
    leaving out the damage the command's error (`said`) or own warning already named."""
    said = "\n".join([said, *_SAID])
    found = [line for blog in _OPENED for line in blog.damage() if line not in said]
    left = list(_LEFT)
    _OPENED.clear()
    _SAID.clear()
    _LEFT.clear()
    if not found and not left:
        return
    from reeltui.domain.sanitize import sanitize_line
    from reeltui.services.unlisted import skipped

    sys.stdout.flush()
    for each in left:
        sys.stderr.write(sanitize_line(f"reeltui: warning: {each.warning()}") + "\n")
    if found:
        sys.stderr.write(sanitize_line(f"reeltui: warning: {skipped(found)}") + "\n")


def with_people(blog: Blog) -> Blog:
    """`blog`, told who signs as it besides its post authors (the settings' [identity] and
    `authors`, read when first needed): readers' comments are counted as in the app."""
    from functools import cache

    def signers() -> OwnPeople:
        from reeltui.config import load_settings
        from reeltui.domain.readers import OwnPeople

        settings, _ = load_settings()  # a bad config file never stops a command
        return OwnPeople.of(settings.authors, writer(blog))

    blog.signers = cache(signers)
    return blog


def blog_to_fill(args: argparse.Namespace, what: str) -> Blog:
    """The store that an import or a sync fills; a new one starts empty (no demo blog)."""
    if args.read_only:
        raise CliError(f"cannot {what} into a store opened with --read-only")
    return blog_for_writing(args, create=True, demo=False)


def signer(blog: Blog) -> Identity:
    """Who signs what a command writes: the [identity] of the settings, else the site user
    sync found, else the blog's main author."""
    from reeltui.config import load_settings
    from reeltui.services import identity

    settings, _ = load_settings()
    return identity.suggested(settings.identity, blog)


def writer(blog: Blog) -> Identity:
    """The writer for sure, as the app has them: the settings' [identity], else the site user
    sync found; else nobody. Their replies never count as new comments."""
    from reeltui.config import load_settings
    from reeltui.services import identity

    settings, _ = load_settings()
    return identity.known(settings.identity, blog)


def print_json(value: Any) -> None:
    """`value` as indented JSON, its texts stripped of terminal controls (`safe_json`)."""
    from reeltui.cli.jsonwrite import write_json

    write_json(value)


def one_line(text: str) -> str:
    """`text` safe to print as one line: newlines in it (a file name may hold one) shown as
    \\n, escape sequences and control characters removed."""
    from reeltui.domain.sanitize import sanitize_line

    return sanitize_line(text.replace("\r", "\\r").replace("\n", "\\n"))
