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
    return {"peak": peak_rss()}


def peak_rss() -> float:
    """Peak resident memory of this process, in bytes.

    Linux's VmHWM is the high-water mark of this program's own memory. getrusage's ru_maxrss
    is not enough in a child: after fork + exec it keeps the parent's peak when that was
    higher (the harness parsing a big WXR would make every child look 1 GB).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1]) * 1024
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # KiB on Linux


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
