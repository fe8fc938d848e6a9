"""kill -9 while replies are being queued: every acknowledged reply is there, queued, with its
outbox entry; a reply caught between the two files' writes is made consistent by repair()."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from reeltui.services import outbox
from reeltui.services.session import open_blog

CHILD = r"""
import sys
from reeltui.services import replies
from reeltui.services.session import open_blog

from pathlib import Path

blog = open_blog(Path(sys.argv[1]))
parents = ["c-her-1", "c-her-3", "c-her-4", "c-her-6", "c-recap-3", "c-guest-4"]
for i in range(100_000):
    reply = replies.reply(blog, parents[i % len(parents)], f"reply {i} " + "words " * 2000)
    print(reply.id, flush=True)   # acknowledged: reply() returned
"""


def test_kill_9_while_queueing_replies(store_path: Path) -> None:
    rng = random.Random(5)
    acked: list[str] = []
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store_path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # started writing (however slow the machine is)
        time.sleep(rng.uniform(0.0, 0.5))
        child.kill()
        out, _ = child.communicate()
        acked.extend((first + out).split())
        blog = open_blog(store_path)  # loads: no torn file
        try:
            outbox.repair(blog)
            assert outbox.repair(blog) == 0  # repaired once and for all
            comments = {c.id: c for c in blog.all_comments()}
            entries = outbox.entries(blog)
            for reply_id in acked:
                assert comments[reply_id].sync_state == "queued"
            queued = {c.id for c in comments.values() if c.sync_state == "queued"}
            assert {e.comment_id for e in entries} == queued
            assert len({e.position for e in entries}) == len(entries)
        finally:
            blog.close()
    assert len(acked) >= 8, "each child should have acknowledged a reply"
