"""Child process of the memory benchmark: peak RSS with the archive open, printed as JSON.

python -m benchmarks.child_memory STORE open     open, list, counts, a thread, a search
python -m benchmarks.child_memory STORE python   the bare interpreter with our imports
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from reeltui.services.search import search_comments
from reeltui.services.session import open_blog


def main(store: Path, mode: str) -> dict[str, float]:
    if mode == "open":
        blog = open_blog(store, read_only=True)
        rows = blog.rows()
        blog.counts()
        if rows:
            blog.thread(rows[0].post.id)
        blog.rows(search="harbor")
        search_comments(blog, "harbor")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"peak": peak_kb * 1024.0}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
