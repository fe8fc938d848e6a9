"""kill -9 at random moments while the store is being written: it always loads, holding
every acknowledged write, and at most one unacknowledged write beyond it."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from reeltui.services.check import diagnose
from reeltui.store import Store, records

CHILD = r"""
import sys
from reeltui.domain import Comment, Post
from reeltui.store import Store
from reeltui.store import records

store = Store.open(sys.argv[1])
start = len(records.all_posts(store))
print("ready", flush=True)
body = "A long review paragraph about Her. " * 3000   # ~100 KB per post: writes take a while
for i in range(start, start + 10_000):
    records.put_post(store, Post(id=f"p{i:05d}", slug=f"post-{i}", title=f"Post {i}", body=body))
    records.put_comment(store, Comment(id=f"c{i:05d}", post_id=f"p{i:05d}", body="reply"))
    print(i, flush=True)   # acknowledged: both writes returned
"""


def test_kill_9_during_writes_never_loses_acknowledged_data(tmp_path: Path) -> None:
    path = tmp_path / "store"
    Store.open(path).close()
    rng = random.Random(1234)
    acknowledged = -1
    acked: set[int] = set()
    on_disk = 0  # posts in the store when the child starts
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        child.stdout.readline()  # "ready": the store is open (a machine's load aside)
        time.sleep(rng.uniform(0.0, 0.4))
        child.kill()
        out, _ = child.communicate()
        acks = [int(line) for line in out.split() if line.isdigit()]
        acked.update(acks)
        if acks:
            acknowledged = max(acknowledged, *acks)
        with Store.open(path) as store:  # loads: no torn file
            ids = sorted(p.id for p in records.all_posts(store))
            comment_ids = {c.id for c in records.all_comments(store)}
        expected = [f"p{i:05d}" for i in range(len(ids))]
        assert ids == expected  # a prefix: nothing lost in the middle, nothing torn
        assert len(ids) - 1 >= acknowledged  # every acknowledged post is there
        # At most the one write in flight beyond this run's acknowledged ones (or the start).
        assert len(ids) <= max(on_disk, max(acks, default=-1) + 1) + 1
        on_disk = len(ids)
        assert {f"c{i:05d}" for i in acked} <= comment_ids
        found = diagnose(path)  # every record through the gate, the index against the posts
        assert found.sound, found.problems
    assert acknowledged >= 5, "the child should have acknowledged some writes"
