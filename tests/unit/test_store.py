"""The store on real files: round trip, lock, read-only, corrupt and foreign stores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reeltui.domain import Comment, Post
from reeltui.store import (
    Store,
    StoreCorrupt,
    StoreForeign,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
    records,
)
from reeltui.store.schema import SCHEMA_VERSION


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_round_trip_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "s"
    post = Post(id="p1", slug="her", title="Her", rating=4.5, categories=["Review"])
    with Store.open(path) as store:
        records.put_post(store, post)
        records.put_comment(store, Comment(id="c1", post_id="p1", body="Loved it"))
    # The files are plain JSON a user can open.
    on_disk = json.loads((path / "posts.json").read_text())
    assert on_disk["posts"]["p1"]["title"] == "Her"
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
            "newer reeltui",
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


def test_corrupt_table_file_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
    (path / "posts.json").write_bytes(b'{"posts": {"p1": {"title": "A"')  # cut short
    before = snapshot(path)
    with pytest.raises(StoreCorrupt, match=r"posts\.json is not valid JSON"):
        Store.open(path)
    assert snapshot(path) == before


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


def test_failed_write_keeps_previous_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    path = tmp_path / "s"
    with Store.open(path) as store:
        records.put_post(store, Post(id="p1", slug="a", title="A"))
        before = (path / "posts.json").read_bytes()
        path.chmod(0o500)
        try:
            with pytest.raises(StoreWriteError, match="previous version of the file is intact"):
                records.put_post(store, Post(id="p2", slug="b", title="B"))
        finally:
            path.chmod(0o700)
        assert (path / "posts.json").read_bytes() == before
        assert [p.id for p in records.all_posts(store)] == ["p1"]  # memory matches disk


def test_failed_write_on_full_disk_keeps_previous_file(tmp_path: Path) -> None:
    """A real ENOSPC: /dev/full refuses every write, like a full disk."""
    from reeltui.store.storage import atomic_write_bytes

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    target = tmp_path / "posts.json"
    target.write_bytes(b"old")
    link = tmp_path / f".posts.json.{os.getpid()}.tmp"
    link.symlink_to("/dev/full")
    with pytest.raises(StoreWriteError, match="No space left"):
        atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"old"


def test_batch_writes_each_file_once_and_autosave_touches_only_drafts(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        before = store.writes("posts")
        with store.batch("posts"):
            for i in range(50):
                records.put_post(store, Post(id=f"p{i}", slug=f"s{i}", title="T"))
        assert store.writes("posts") == before + 1
        store.table("drafts").insert({"body": "x"})
        assert store.writes("posts") == before + 1
        assert store.writes("drafts") == 1


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "s"
    Store.open(path).close()
    (path / ".posts.json.999.tmp").write_text("half a write")
    Store.open(path).close()
    assert not list(path.glob(".*.tmp"))
