"""Saving fails (disk full, read-only folder, read-only file system): a clear StoreWriteError,
the previous file intact, the in-memory cache dropped so what is shown matches the disk, and
saving works again once the cause is gone. Real mechanisms: /dev/full, a full tmpfs, a folder
without write permission (as root: with the capabilities that bypass permissions dropped),
a read-only bind mount."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reeltui.domain import Post
from reeltui.services.session import open_blog
from reeltui.store import StoreWriteError, records
from reeltui.store.commit import temp_name
from tests import storefiles
from tests.conftest import IN_CI

CHILD = r"""
import json, os, sys
from pathlib import Path
from reeltui.domain import Post
from reeltui.services.session import open_blog
from reeltui.store import StoreWriteError, records

def files(store):
    return {str(p.relative_to(store)): p.read_bytes() for p in store.rglob("*.json")
            if "backups" not in p.parts}

path, how = Path(sys.argv[1]), sys.argv[2]
blog = open_blog(path)
blog.store.backups.wait()
before = files(path)
titles = sorted(p.title for p in blog.posts())
filler = path.parent / "filler"
if how == "chmod":
    path.chmod(0o555)
elif how == "fill":
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"x" * 65536)
                f.flush()
        except OSError:
            pass
post = Post(id="p-new", slug="new", title="New", body="A paragraph that will not fit. " * 20000)
out = {}
try:
    blog.save_post(post)
    out["saved"] = True
except StoreWriteError as exc:
    out["error"] = str(exc)
out["intact"] = files(path) == before
out["store_matches_disk"] = sorted(p.title for p in records.all_posts(blog.store)) == titles
out["blog_matches_disk"] = sorted(p.title for p in blog.posts()) == titles
out["temp_files"] = [p.name for p in path.rglob(".*") if p.suffix in (".tmp", ".new")]
if how == "chmod":
    path.chmod(0o755)
else:
    filler.unlink()
blog.save_post(post)
blog.close()
out["saved_after"] = "New" in [p.title for p in open_blog(path, read_only=True).posts()]
print(json.dumps(out))
"""


def run_child(cmd: list[str]) -> dict[str, Any]:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def assert_failed_cleanly(result: dict[str, Any], reason: str) -> None:
    assert "saved" not in result, "the save should have failed"
    assert reason in result["error"]
    assert "previous version of the files is intact" in result["error"]
    assert result["intact"] and result["store_matches_disk"] and result["blog_matches_disk"]
    assert result["temp_files"] == []
    assert result["saved_after"]


def test_disk_full_via_dev_full(store_path: Path) -> None:
    """/dev/full answers every write with ENOSPC: put it where the next temp file goes."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    blog = open_blog(store_path)
    try:
        before = storefiles.snapshot(store_path)
        titles = sorted(p.title for p in blog.posts())
        # The new post's file is written with the index's (two files: journaled temp files).
        temp_name(store_path, "posts/p-new.json").symlink_to("/dev/full")
        with pytest.raises(StoreWriteError, match="No space left on device"):
            blog.save_post(Post(id="p-new", slug="new", title="New"))
        assert storefiles.snapshot(store_path) == before
        assert sorted(p.title for p in records.all_posts(blog.store)) == titles
        assert sorted(p.title for p in blog.posts()) == titles
        assert not list(store_path.glob(".*.new"))  # the temp file (our link) was removed
        blog.save_post(Post(id="p-new", slug="new", title="New"))  # works again
    finally:
        blog.close()
    assert "New" in [p.title for p in open_blog(store_path, read_only=True).posts()]


def _in_mount_namespace(script: str, *args: str) -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed")
    probe = subprocess.run(
        [unshare, "-m", "--propagation", "private", "mount", "-t", "tmpfs", "tmpfs", "/mnt"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        # Mounting needs CAP_SYS_ADMIN (root on a machine or a privileged container).
        pytest.skip(f"cannot mount in a private namespace here: {probe.stderr.strip()}")
    return [unshare, "-m", "--propagation", "private", "sh", "-c", script, "sh", *args]


def test_disk_full_on_a_real_full_file_system(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    script = 'mount -t tmpfs -o size=2m tmpfs "$1" && exec "$2" -c "$3" "$1/store" fill'
    result = run_child(_in_mount_namespace(script, str(mnt), sys.executable, CHILD))
    assert_failed_cleanly(result, "No space left on device")


def test_read_only_folder(tmp_path: Path) -> None:
    """Root ignores folder permissions; drop the capabilities that let it, as setpriv can."""
    tmp_path.chmod(0o755)
    cmd = [sys.executable, "-c", CHILD, str(tmp_path / "store"), "chmod"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if IN_CI:
                pytest.fail("setpriv (util-linux) is missing in CI")
            pytest.skip("as root, setpriv is needed to drop CAP_DAC_OVERRIDE")
        cmd = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *cmd]
    assert_failed_cleanly(run_child(cmd), "Permission denied")


def test_read_only_file_system(store_path: Path) -> None:
    """A store on a read-only mount: reading works; opening to write says why, clearly."""
    code = (
        "from reeltui.services.session import open_blog\n"
        "from reeltui.store import StoreWriteError\n"
        "import sys\n"
        "try:\n    open_blog(__import__('pathlib').Path(sys.argv[1]))\n"
        "except StoreWriteError as exc:\n    print(exc)\n"
    )
    script = (
        'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && '
        '"$2" -m reeltui --store "$1" check && exec "$2" -c "$3" "$1"'
    )
    done = subprocess.run(
        _in_mount_namespace(script, str(store_path), sys.executable, code),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    check, refusal = done.stdout.splitlines()
    assert "sound" in check
    assert refusal == (
        f"cannot write in {store_path} (Read-only file system); "
        "open it read-only with --read-only to look without changing anything"
    )
