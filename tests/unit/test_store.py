"""The store on real files: layout, round trip, lock, read-only, corrupt and foreign stores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reeltui.domain import Comment, Post
from reeltui.services.blog import Blog
from reeltui.store import (
    Store,
    StoreCorrupt,
    StoreForeign,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
    records,
    state,
)
from reeltui.store.schema import SCHEMA_VERSION
from tests import storefiles


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and "backups" not in p.parts
    }


def test_round_trip_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "s"
    post = Post(id="p1", slug="her", title="Her", rating=4.5, categories=["Review"], body="a b c")
    with Store.open(path) as store:
        records.put_post(store, post)
        records.put_comment(store, Comment(id="c1", post_id="p1", body="Loved it"))
    # The files are plain TinyDB JSON a user can open: the post and its comments in one file,
    # what the list shows (with the counted figures) in the index of the post's month.
    on_disk = json.loads((path / "posts" / "p1.json").read_text())
    assert on_disk["post"]["p1"]["title"] == "Her"
    assert on_disk["comments"]["c1"]["body"] == "Loved it"
    row = json.loads((path / "posts-index" / "undated.json").read_text())["posts"]["p1"]
    assert row["title"] == "Her" and row["comments"] == 1 and row["words"] == 3
    assert "body" not in row  # bodies are not read at open
    with Store.open(path) as store:
        assert records.all_posts(store) == [post]
        assert records.get_comment(store, "c1").body == "Loved it"
        assert store.schema_version == SCHEMA_VERSION


def test_second_writer_is_refused_and_read_only_works(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as first:
        records.put_post(first, Post(id="p1", slug="a", title="A"))
        with pytest.raises(StoreLocked, match="open in another reeltui"):
            Store.open(path)
        with Store.open(path, read_only=True) as reader:
            assert [p.id for p in records.all_posts(reader)] == ["p1"]
            with pytest.raises(StoreReadOnly):
                records.put_post(reader, Post(id="p2", slug="b", title="B"))
    # Lock released on close.
    Store.open(path).close()


def test_a_writer_waits_for_a_lock_released_meanwhile(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "s"
    first = Store.open(path)
    threading.Timer(0.3, first.close).start()
    with Store.open(path, wait=5.0) as second:  # waited, then got it
        records.put_post(second, Post(id="p1", slug="a", title="A"))
    with Store.open(path) as held, pytest.raises(StoreLocked):
        Store.open(path, wait=0.2)  # not released in time: refused, clearly
        held.close()


def test_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "s"
    Store.open(path).close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from reeltui.store import Store; s=Store.open({str(path)!r}); "
            "print('ready', flush=True); import time; time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    with pytest.raises(StoreLocked, match=f"process {child.pid}"):
        Store.open(path)
    child.kill()
    child.wait()
    Store.open(path).close()  # the kernel dropped the dead process's lock


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"{not json", StoreCorrupt, "not valid JSON"),
        (b"[1, 2, 3]", StoreCorrupt, "not a TinyDB table file"),
        (b'{"_default": {"1": {"app": "other"}}}', StoreForeign, "does not describe a reeltui"),
        (
            json.dumps(
                {"meta": {"store": {"app": "reeltui", "schema": SCHEMA_VERSION + 1}}}
            ).encode(),
            StoreTooNew,
            "schema version .* is newer than this reeltui",
        ),
    ],
)
def test_bad_meta_is_reported_and_left_untouched(
    tmp_path: Path, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / "s"
    Store.open(path).close()
    (path / "meta.json").write_bytes(content)
    before = snapshot(path)
    with pytest.raises(error, match=message) as info:
        Store.open(path)
    assert str(path) in str(info.value)
    assert snapshot(path) == before


def test_corrupt_files_are_reported_when_read_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A", date="2024-05-01"))
        records.put_post(store, Post(id="p2", slug="b", title="B", date="2024-05-02"))
    (path / "posts" / "p1.json").write_bytes(b'{"post": {"p1": {"title": "A"')  # cut short
    before = snapshot(path)
    with Blog(Store.open(path)) as blog:
        assert {p.id for p in blog.posts()} == {"p1", "p2"}  # the list is the index's
        assert blog.post("p2").title == "B"  # the other posts open
        with pytest.raises(StoreCorrupt, match=r"posts/p1\.json is not valid JSON"):
            blog.post("p1")
    assert snapshot(path) == before
    (path / "posts-index" / "2024-05.json").write_bytes(b"[]")
    with Blog(Store.open(path)) as blog, pytest.raises(StoreCorrupt, match=r"2024-05\.json"):
        blog.posts()
    assert snapshot(path) == {**before, "posts-index/2024-05.json": b"[]"}


def test_foreign_paths(tmp_path: Path) -> None:
    a_file = tmp_path / "db.json"
    a_file.write_text("{}")
    with pytest.raises(StoreForeign, match="is a file"):
        Store.open(a_file)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreForeign, match="not a reeltui store"):
        Store.open(other)
    assert [p.name for p in other.iterdir()] == ["cat.jpg"]


def test_a_store_without_meta_is_never_seeded_again(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
    (path / "meta.json").unlink()
    before = snapshot(path)
    for read_only in (False, True):
        with pytest.raises(StoreCorrupt, match=r"no meta\.json.*check \-\-repair"):
            Store.open(path, read_only=read_only)
    assert snapshot(path) == before


def test_reading_never_creates_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreForeign, match="no reeltui store"):
        Store.open(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_special_file_in_place_of_a_store_file_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
    target = path / "posts" / "p1.json"
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)  # a read of it would wait for a writer for ever
    else:
        target.symlink_to("/dev/zero")  # a read of it would never end
    with (
        Blog(Store.open(path, read_only=True)) as blog,
        pytest.raises(StoreForeign, match=r"p1\.json is a (named pipe|device)"),
    ):
        blog.post("p1")
    meta = path / "meta.json"
    meta.unlink()
    os.mkfifo(meta)
    with pytest.raises(StoreForeign, match="named pipe"):
        Store.open(path, read_only=True)


def test_file_modes_are_kept_across_saves(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
    (path / "posts" / "p1.json").chmod(0o600)
    (path / "meta.json").chmod(0o640)
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A2"))  # two files: journaled
        records.put_post(store, Post(id="p2", slug="b", title="B"))
        state.put_draft(store, Post(id="p1", slug="a", title="A3"), "2024-05-01T10:00:00")
    assert (path / "posts" / "p1.json").stat().st_mode & 0o777 == 0o600
    assert (path / "meta.json").stat().st_mode & 0o777 == 0o640
    # A new file takes the permissions the user gave meta.json (no execute bits).
    assert (path / "posts" / "p2.json").stat().st_mode & 0o777 == 0o640
    assert (path / "drafts.json").stat().st_mode & 0o777 == 0o640


def test_failed_write_keeps_previous_files(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
        before = snapshot(path)
        (path / "posts").chmod(0o500)
        try:
            with pytest.raises(StoreWriteError, match="previous version of the files is intact"):
                records.put_post(store, Post(id="p2", slug="b", title="B"))
        finally:
            (path / "posts").chmod(0o700)
        assert snapshot(path) == before
        assert [p.id for p in records.all_posts(store)] == ["p1"]  # memory matches disk


def test_failed_write_on_full_disk_keeps_previous_file(tmp_path: Path) -> None:
    """A real ENOSPC: /dev/full refuses every write, like a full disk."""
    from reeltui.store.storage import atomic_write_bytes

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    target = tmp_path / "outbox.json"
    target.write_bytes(b"old")
    link = tmp_path / f".outbox.json.{os.getpid()}.tmp"
    link.symlink_to("/dev/full")
    with pytest.raises(StoreWriteError, match="No space left"):
        atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"old"


def test_a_batch_writes_each_file_once_and_autosave_touches_only_small_files(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "s") as store:
        with store.batch():
            for i in range(50):
                records.put_post(store, Post(id=f"p{i}", slug=f"s{i}", title="T"))
        assert store.writes("posts") == 50  # each post's file once
        assert store.writes("posts-index") == 1  # the month's index once, not 50 times
        state.put_draft(store, Post(id="p1", slug="s1", title="T2"), "2024-05-01T10:00:00")
        assert store.writes("posts") == 50 and store.writes("posts-index") == 1
        assert store.writes("drafts.json") == 1


def test_a_reply_rewrites_its_post_not_the_archive(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        posts = [Post(id=f"p{i}", slug=f"s{i}", title="T", date="2024-05-01") for i in range(200)]
        comments = [Comment(id=f"c{i}", post_id=f"p{i % 200}") for i in range(2000)]
        records.put_many(store, posts, comments)
        sizes = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "s" / "posts").iterdir()}
        records.put_comment(store, Comment(id="c-new", post_id="p7", body="Thanks!"))
        changed = [
            p.name
            for p in (tmp_path / "s" / "posts").iterdir()
            if p.stat().st_mtime_ns != sizes.get(p.name)
        ]
        assert changed == ["p7.json"]
    rows = storefiles.index_rows(tmp_path / "s")
    assert rows["p7"]["comments"] == 11 and rows["p8"]["comments"] == 10


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
    (path / ".outbox.json.999.tmp").write_text("half a write")
    (path / ".posts~p1.json.999.new").write_text("half a commit")
    Store.open(path).close()
    assert not list(path.glob(".*.tmp")) and not list(path.glob(".*.new"))
