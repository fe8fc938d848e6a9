"""`reeltui sync`: send the outbox and drafts to WordPress, then pull posts and comments."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import (
    CliError,
    blog_for_reading,
    blog_for_writing,
    blog_to_fill,
    print_json,
)
from reeltui.domain.models import member
from reeltui.domain.sanitize import sanitize, sanitize_line
from reeltui.domain.vocab import KEEP_SIDES

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from reeltui.services.sync.credentials import Credentials
    from reeltui.services.sync.progress import SyncProgress


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "sync",
        help="sync with your WordPress site (REST API, application password)",
        description="Send queued replies, moderation and drafts to WordPress, then pull posts "
        "and comments. The application password comes from $REELTUI_WP_APP_PASSWORD, the "
        "credentials file (see --save-credentials) or a prompt.",
    )
    cmd.add_argument("--site", metavar="URL", help="the site (default: $REELTUI_WP_URL or saved)")
    cmd.add_argument("--user", metavar="U", help="WordPress user (default: $REELTUI_WP_USER)")
    cmd.add_argument(
        "--save-credentials",
        action="store_true",
        help="remember site, user and password in credentials.toml next to the config file "
        "(mode 0600; `reeltui paths` shows where)",
    )
    cmd.add_argument("--full", action="store_true", help="pull everything, not only changes")
    cmd.add_argument("--pull-only", action="store_true", help="do not send anything")
    cmd.add_argument("--push-only", action="store_true", help="do not pull anything")
    cmd.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="S",
        help="the longest one request may take, from sending it to the last byte of the answer",
    )
    cmd.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow sending the application password over plain http to another machine "
        "(a test site only: anyone on the way can read it)",
    )
    cmd.add_argument("--conflicts", action="store_true", help="list open conflicts and exit")
    cmd.add_argument("--status", action="store_true", help="show what waits to be sent and exit")
    cmd.add_argument("--resolve", metavar="ID", help="settle a conflict (with --keep)")
    cmd.add_argument("--keep", choices=KEEP_SIDES, help="which version --resolve keeps")
    cmd.add_argument("--json", action="store_true", help="print the result as JSON")
    cmd.set_defaults(func=run_sync)


def _credentials(args: argparse.Namespace) -> Credentials:
    from reeltui import debuglog
    from reeltui.services.sync import credentials
    from reeltui.services.sync.address import normalise_site
    from reeltui.services.sync.credentials import Credentials

    creds = credentials.load(args.site, args.user)
    if not creds.site:
        raise CliError("no site: give --site URL or set REELTUI_WP_URL")
    normalise_site(creds.site)  # a bad address (or one holding user:pw@) is said first
    if not creds.user:
        raise CliError("no user: give --user NAME or set REELTUI_WP_USER")
    if creds.app_password:
        debuglog.hide(creds.app_password)
        return creds
    if not sys.stdin.isatty():
        raise CliError(
            "no application password: set REELTUI_WP_APP_PASSWORD or run once in a terminal "
            "with --save-credentials"
        )
    import getpass

    password = getpass.getpass(f"Application password for {creds.user} at {creds.site}: ")
    if not password.strip():
        raise CliError("no application password given")
    debuglog.hide(password.strip())
    return Credentials(creds.site, creds.user, password.strip(), "prompt")


def _progress(event: SyncProgress) -> None:
    """The stage in the debug log, and on a terminal one status line rewritten in place
    (erased when the sync ends: what stays is the summary, or the one line of a failure)."""
    log.info("sync: %s", event)
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\x1b[Ksync: {sanitize_line(str(event))[:70]}")
        sys.stderr.flush()


def _progress_done() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def run_sync(args: argparse.Namespace) -> int:
    # imported here: the sync machinery is not needed by any other command
    from reeltui.services.sync import credentials
    from reeltui.services.sync.credentials import Credentials
    from reeltui.services.sync.resolve import resolve
    from reeltui.services.sync.run import status, sync

    if args.conflicts:
        return _show_conflicts(args)
    if args.status:
        with blog_for_reading(args) as blog:
            print(status(blog).line())
        return 0
    if args.resolve:
        if not args.keep:
            raise CliError("--resolve needs --keep local or --keep remote")
        with blog_for_writing(args) as blog:
            print(resolve(blog, args.resolve, member(KEEP_SIDES, args.keep, "side to keep")))
        return 0
    if not args.timeout > 0:
        raise CliError("--timeout must be a number of seconds above 0")
    if args.pull_only and args.push_only:
        raise CliError("--pull-only and --push-only exclude each other")
    creds = _credentials(args)
    with blog_to_fill(args, "sync") as blog:
        try:
            result = sync(
                blog,
                creds,
                full=args.full,
                push=not args.pull_only,
                pull=not args.push_only,
                progress=None if args.json else _progress,
                timeout=args.timeout,
                insecure_http=args.insecure_http,
            )
        finally:
            _progress_done()
    saved = ""
    if args.save_credentials and result.authenticated:
        path = credentials.save(Credentials(result.site, creds.user, creds.app_password), None)
        sys.stderr.write(f"sync: credentials saved in {path}\n")
    elif args.save_credentials:
        saved = "; credentials not saved (the site did not confirm them)"
        if not result.error:
            sys.stderr.write(f"sync: {saved[2:]}\n")
    if result.error and not args.json:  # one line, nothing else: what stopped it, what to do
        sys.stderr.write(f"reeltui: {sanitize_line(result.stopped_line() + saved)}\n")
        return 2
    if args.json:
        print_json(
            {
                "site": result.site,
                "ok": result.ok,
                "error": result.error,
                "lines": result.lines(),
                "conflicts": [c.to_dict() for c in result.conflicts],
            }
        )
    else:
        for line in result.lines():
            print(sanitize_line(line))
    if result.error:
        return 2
    return 0 if result.ok and not result.conflicts else 1


def _show_conflicts(args: argparse.Namespace) -> int:
    from reeltui.services.sync import state as syncstate

    with blog_for_reading(args) as blog:
        found = syncstate.conflicts(blog)
    if args.json:
        print_json([c.to_dict() for c in found])
        return 0
    if not found:
        print("no conflicts")
        return 0
    for conflict in found:
        print(f"{conflict.id}: {sanitize_line(conflict.message)}")
        local, remote = conflict.shown(conflict.local), conflict.shown(conflict.remote)
        there = "in the file" if conflict.theirs == "the file" else "on the site"
        for key in sorted(set(local) | set(remote)):
            mine = sanitize(local.get(key, ""))
            theirs = sanitize(remote.get(key, ""))
            if mine == theirs:
                continue
            if "\n" in mine or "\n" in theirs:
                import difflib

                diff = difflib.unified_diff(
                    mine.splitlines(), theirs.splitlines(), "here", there, lineterm=""
                )
                print(f"  {key}:")
                for line in diff:
                    print(f"    {line}")
            else:
                print(f"  {key}: here {mine!r} / {there} {theirs!r}")
        print(f"  keep yours: reeltui sync --resolve {conflict.id} --keep local")
        print(f"  keep {conflict.theirs}'s: reeltui sync --resolve {conflict.id} --keep remote")
    return 0
