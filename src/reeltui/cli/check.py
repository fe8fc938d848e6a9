"""`reeltui check`: verify a store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reeltui.cli.common import blog_for_reading
from reeltui.services.check import problems


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="verify the store (schema, orphans, duplicate slugs)")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    blog = blog_for_reading(args)
    try:
        found = problems(blog)
        summary = blog.counts()
        schema = blog.store.schema_version
    finally:
        blog.close()
    if found:
        sys.stderr.write(f"{args.store}: {len(found)} problem(s):\n")
        for problem in found:
            sys.stderr.write(f"  - {problem}\n")
        return 1
    print(
        f"{args.store}: sound (schema {schema}, {summary.posts} posts, "
        f"{len(blog.all_comments())} comments)"
    )
    return 0
