"""`reeltui diary` and the Letterboxd side of `reeltui import` / `reeltui export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reeltui.cli.common import blog_for_reading, blog_to_fill, one_line, print_json
from reeltui.domain.plural import count

MAX_LISTED = 10


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "diary",
        help="list the film diary (imported from Letterboxd)",
        description="The film diary, newest viewing first. Import it with "
        "`reeltui import letterboxd-export.zip`.",
    )
    cmd.add_argument("--json", action="store_true", help="print a JSON array")
    cmd.add_argument("--search", metavar="Q", help="only entries holding every word of Q")
    cmd.add_argument("--month", metavar="YYYY-MM", help="only the viewings of that month")
    cmd.set_defaults(func=run_diary)


def run_diary(args: argparse.Namespace) -> int:
    from reeltui.domain.diary import parse_month
    from reeltui.services import diary  # commands load what they use when they run

    month = parse_month(args.month) if args.month is not None else None  # one line, exit 2
    with blog_for_reading(args) as blog:
        found = diary.search(diary.entries(blog), args.search or "")
        if month:
            found = diary.month_entries(found, month)  # newest first, as the whole diary
        links = diary.links(blog, found)
        titles = {p.id: p.title for p in blog.posts()}
    if args.json:
        out = []
        for entry in found:
            link = links.get(entry.id)
            data = entry.to_dict()
            data["post"] = link.post_id if link else None
            data["candidates"] = list(link.candidates) if link and link.ambiguous else []
            out.append(data)
        print_json(out)
        return 0
    for entry in found:
        line = one_line(diary.describe(entry))
        link = links.get(entry.id)
        if link is not None and link.post_id:
            line += f"  → {one_line(titles[link.post_id])}"
        elif link is not None and link.ambiguous:
            line += f"  → ? {count(len(link.candidates), 'post')} match"
        sys.stdout.write(line + "\n")
    if not found:
        sys.stdout.write("no diary entries\n")
    return 0


def run_letterboxd_import(args: argparse.Namespace, path: Path) -> int:
    from reeltui.formats.letterboxd import read_letterboxd
    from reeltui.services.diary_import import import_letterboxd

    read = read_letterboxd(path)  # read everything first: a refused file writes nothing
    with blog_to_fill(args, "import") as blog:
        report = import_letterboxd(blog, read)
    for line in report.report_lines(MAX_LISTED):
        sys.stdout.write(line + "\n")
    for refused in report.refused:
        sys.stderr.write(f"reeltui: {one_line(refused)}\n")
    return 1 if report.problems or report.refused else 0


def run_letterboxd_export(args: argparse.Namespace) -> int:
    from reeltui.services.diary_export import export_letterboxd

    with blog_for_reading(args) as blog:
        report = export_letterboxd(blog, args.out, force=args.force)
    print(
        f"exported {count(report.rows, 'row')} ({count(report.entries, 'diary entry')}, "
        f"{count(report.reviews, 'review')}) in Letterboxd's import format to "
        f"{one_line(str(report.path))}"
    )
    if report.drafts_left_out:
        print(
            f"left out: {count(report.drafts_left_out, 'review')} not published (drafts, pending)"
        )
    return 0
