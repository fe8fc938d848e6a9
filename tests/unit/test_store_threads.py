"""Writes from several threads: held writes reach the disk only when flushed (from any
thread), a change made in one thread's batch is never split by another thread's commit, and
concurrent saves of one file all land."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from reeltui.domain import Comment, Post
from reeltui.store import Store, records


def comments_on_disk(path: Path) -> dict[str, dict[str, object]]:
    file = path / "posts" / "p1.json"
    if not file.exists():
        return {}
    return json.loads(file.read_text()).get("comments", {})  # type: ignore[no-any-return]


def test_held_writes_stay_in_memory_until_flushed_from_another_thread(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="her", title="Her"))
        with store.held() as flush:
            records.put_comment(store, Comment(id="c1", post_id="p1", body="kept"))
        assert records.get_comment(store, "c1").body == "kept"  # visible at once
        assert "c1" not in comments_on_disk(path)  # not yet written
        worker = threading.Thread(target=flush)
        worker.start()
        worker.join(10)
        assert comments_on_disk(path)["c1"]["body"] == "kept"
        writes = store.writes("posts")
        flush()  # nothing pending any more: no second write
        assert store.writes("posts") == writes


def test_another_threads_save_never_splits_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="her", title="Her"))
        in_batch, saved = threading.Event(), threading.Event()

        def other() -> None:
            in_batch.wait(10)
            records.put_comment(store, Comment(id="c2", post_id="p1", body="mine"))
            saved.set()

        worker = threading.Thread(target=other)
        worker.start()
        with store.batch():
            records.put_comment(store, Comment(id="c1", post_id="p1", body="batched"))
            in_batch.set()
            # The other thread waits: committing now would write half of this batch.
            assert not saved.wait(0.3)
            records.put_comment(store, Comment(id="c3", post_id="p1", body="batched too"))
            assert comments_on_disk(path) == {}
        assert saved.wait(10)  # then its save lands, in a commit of its own
        worker.join(10)
        assert set(comments_on_disk(path)) == {"c1", "c2", "c3"}


def test_concurrent_saves_of_one_file_all_land_and_the_file_stays_valid(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="her", title="Her"))

        def save(n: int) -> None:
            for i in range(20):
                records.put_comment(store, Comment(id=f"c{n}-{i}", post_id="p1", body="x" * 500))

        workers = [threading.Thread(target=save, args=(n,)) for n in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        assert len(comments_on_disk(path)) == 80
    assert not list(path.glob(".*.tmp"))
