"""`reeltui import PATH` and `reeltui export --format F --out PATH`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reeltui.cli.common import blog_for_reading, blog_to_fill, one_line
from reeltui.formats import EXPORT_FORMATS

if TYPE_CHECKING:  # the commands import what they use when they run: --help stays light
    from reeltui.formats import Progress as ProgressFn
    from reeltui.services.import_report import ImportReport

BIG = 1 << 20  # show a progress bar for inputs from 1 MB up, on a terminal
MAX_LISTED = 10


def register(sub: Any) -> None:
    imp = sub.add_parser(
        "import",
        help="import a WordPress export (.xml), Markdown files (.md or a folder), JSON, "
        "or a Letterboxd export (.zip, its folder or a .csv) into the film diary",
        description="Import into the store. Re-importing the same file changes nothing; an "
        "updated export updates changed posts and keeps local drafts and replies. Exit "
        "status: 0 when everything was read, 1 when something was skipped or the file broke "
        "off part-way (what was read is imported), 2 when nothing could be read.",
    )
    imp.add_argument("path", type=Path, metavar="FILE|DIR", help="what to import")
    imp.set_defaults(func=run_import)
    exp = sub.add_parser("export", help="export the store as Markdown, WordPress WXR or JSON")
    exp.add_argument(
        "--format", choices=(*EXPORT_FORMATS, "letterboxd"), required=True, help="what to write"
    )
    exp.add_argument(
        "--out", type=Path, required=True, metavar="PATH", help="a folder (markdown) or a file"
    )
    exp.add_argument(
        "--force",
        action="store_true",
        help="markdown: write into a folder that holds other files (never removed); json, "
        "wxr, letterboxd: replace a file that is not an earlier export of that format",
    )
    exp.set_defaults(func=run_export)


@contextmanager
def _progress(size: int, label: str) -> Iterator[ProgressFn | None]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if not console.is_terminal or size < BIG:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=size)

        def report(phase: str, done: int, total: int) -> None:
            if phase == "reading":
                bar.update(task, completed=done, total=total)
            else:
                bar.update(task, description=f"{phase}…", completed=size, total=size)

        yield report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def run_import(args: argparse.Namespace) -> int:
    # imported here: the WXR reader and HTML->Markdown cost ~0.1 s at every `reeltui` start
    from reeltui.formats.letterboxd import is_letterboxd
    from reeltui.services.importer import merge, read_source

    path: Path = args.path.expanduser()
    if is_letterboxd(path):
        from reeltui.cli import diary as diary_cli

        return diary_cli.run_letterboxd_import(args, path)
    with _progress(_size(path), f"reading {path.name}") as progress:
        fmt, result = read_source(path, progress)  # read first: no store is touched on error
        with blog_to_fill(args, "import") as blog:
            report = merge(blog, result, fmt, progress)
    print_report(report)
    # 1: something could not be read, or posts changed on both sides (see README)
    return 0 if report.complete and not report.conflicts else 1


def print_report(report: ImportReport) -> None:
    out = sys.stdout
    out.write(f"{report.summary()}\n")
    for line in report.detail_lines(MAX_LISTED):
        out.write(line + "\n")
    if report.broken:
        sys.stderr.write(f"reeltui: {one_line(report.source)}: {report.broken}\n")
    if not report.changed:
        out.write("nothing changed in the store\n")


def run_export(args: argparse.Namespace) -> int:
    if args.format == "letterboxd":
        from reeltui.cli import diary as diary_cli

        return diary_cli.run_letterboxd_export(args)
    from reeltui.services.exporting import export

    with blog_for_reading(args) as blog:
        report = export(blog, args.format, args.out, force=args.force)
    for line in report.lines():
        print(line)
    return 0
