"""The crash test's child: opens the store and performs operations until it is killed.

    python -m benchmarks.crash.child STORE FIRST_N SEED OPS [PLUGIN...]

Prints "ready" once the store is open, then for each operation "begin <plan>" before it
starts and "ack <plan>" after it returned (the change is acknowledged to the user).
"""

from __future__ import annotations

import importlib
import json
import random
import sys
from pathlib import Path

from benchmarks.crash.ops import REGISTRY
from reeltui.services.session import open_blog


def main(argv: list[str]) -> None:
    store, first, seed, names, *plugins = argv
    for plugin in plugins:
        importlib.import_module(plugin)
    ops = [REGISTRY[name] for name in names.split(",")]
    weights = [op.weight for op in ops]
    rng = random.Random(int(seed))
    blog = open_blog(Path(store))
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    n = int(first)
    while True:
        op = rng.choices(ops, weights)[0]
        plan = op.plan(blog, n, rng)
        plan["op"] = op.name
        out.write(f"begin {json.dumps(plan)}\n")
        out.flush()
        op.apply(blog, plan)
        out.write(f"ack {json.dumps(plan)}\n")
        out.flush()
        n += 1


if __name__ == "__main__":
    main(sys.argv[1:])
