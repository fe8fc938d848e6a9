"""Searching readers' comments from the command line (`python -m benchmarks --only csearch`).

`reeltui search 'in:comments WORD'` as a process, start to exit (the hits printed to
/dev/null), against a Python process doing the least work that answers the same search: read
every post file's bytes, look for the word in them lower-cased, and parse with orjson only
the files holding it, checking their comments' author and text. Both sides are timed as the
child's CPU time (user + system, from `wait4`: the machine is shared, wall time is not the
work), the garbage collector on on both sides (as each runs by default).

Two words: one no comment holds (`wolf`: the generator never writes it; every file is
read and none parsed) and a commenter's whole name (in ~3% of the files: those are parsed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import ROOT, Config, Figure, child_env
from benchmarks.generate import archive

REELTUI = Path(sys.executable).parent / "reeltui"
WORDS = (("wolf", "a word no comment holds"), ("marcy ivanova", "a commenter's name"))
GREP_AND_PARSE = """
import os, sys, orjson
root, word = sys.argv[1], sys.argv[2]
needle = word.lower().encode()
hits = 0
for name in sorted(os.listdir(root)):
    with open(os.path.join(root, name), "rb") as f:
        raw = f.read()
    if needle in raw.lower():
        for c in orjson.loads(raw).get("comments", {}).values():
            hits += word in f"{c.get('author', '')}\\0{c.get('body', '')}".lower()
print(hits)
"""


def _cpu(cfg: Config, command: list[str]) -> float:
    """The child's user + system CPU seconds, start to exit."""
    child = subprocess.Popen(
        command,
        cwd=ROOT,
        env=child_env(cfg),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {err.decode()[-300:]}")
    return usage.ru_utime + usage.ru_stime


def comments(cfg: Config, size: int) -> list[Figure]:
    store = archive(size, cfg.work)
    figures = []
    for word, kind in WORDS:
        ours, base = [], []
        query = f'in:comments "{word}"' if " " in word else f"in:comments {word}"
        command = [str(REELTUI), "--store", str(store), "search", query]
        baseline = [sys.executable, "-c", GREP_AND_PARSE, str(store / "posts"), word]
        for _ in range(cfg.runs):
            base.append(_cpu(cfg, baseline))
            ours.append(_cpu(cfg, command))
        figures.append(
            Figure(
                f"`reeltui search '{query}'` ({kind}), CPU",
                size,
                "child CPU (user + system), process start -> exit, the newest 200 hits printed; "
                "baseline: a Python process reading every post file's bytes, finding the word "
                "in them lower-cased and parsing with orjson only the files holding it",
                ours,
                base,
                on="p50",  # (reported: issue 22 sets no goal for it)
            )
        )
    return figures
