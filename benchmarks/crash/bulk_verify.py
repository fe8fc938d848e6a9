"""After a bulk crash test run: what the store holds, read by a new process.

    python -m benchmarks.crash.bulk_verify STORE

Opens the store for writing (finishing a change a crash interrupted), counts the posts and
comments, whether the sync cursor moved, and runs every check of `reeltui check`. JSON out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reeltui.services.check import diagnose
from reeltui.services.session import open_blog
from reeltui.services.sync import state as syncstate


def main(store: Path) -> dict[str, object]:
    with open_blog(store) as blog:
        posts = blog.posts()
        comments = sum(p.comments for p in posts)
        pulled = bool(syncstate.load(blog).last_pull)
    found = diagnose(store)
    leftovers = [p.name for p in store.glob(".*") if p.suffix in (".tmp", ".new")]
    return {
        "posts": len(posts),
        "comments": comments,
        "pulled": pulled,
        "sound": found.sound,
        "problems": found.problems[:5] + ([str(found.error)] if found.error else []),
        "journal": (store / "journal.json").exists(),
        "leftovers": leftovers,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
