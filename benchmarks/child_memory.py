"""Peak resident memory of the running process (used by the TUI session benchmark)."""

from __future__ import annotations

import resource
from pathlib import Path


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
