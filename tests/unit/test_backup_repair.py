"""Rotating backups of a store and `reeltui check --repair` (real files, the real command):
every bad record comes back from the newest backup holding it sound, or is quarantined; a
damaged table never rolls back another; the derived index is rebuilt."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from reeltui.domain import Comment, Post
from reeltui.services.session import open_blog
from reeltui.store import backup_take
from reeltui.store.backup import KEEP, list_backups
from tests import storefiles

BIN = Path(sys.executable).parent / "reeltui"


def reeltui(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN, "--store", str(store), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def open_and_save(store: Path, title: str, post_id: str | None = None) -> None:
    blog = open_blog(store)
    try:
        blog.store.backups.wait()  # the backup of this open holds what was there before
        blog.save_post(Post(id=post_id or f"p-{title}", slug=title, title=title))
    finally:
        blog.close()


def edit_file(path: Path, change: object) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)  # type: ignore[operator]
    path.write_bytes(orjson.dumps(data))


def test_backups_rotate_keep_few_and_link_unchanged_files(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    for i in range(KEEP + 3):
        open_and_save(store_path, f"t{i}")
    backups = list_backups(store_path)
    assert len(backups) == KEEP
    newest, older = backups[0], backups[1]
    assert newest.taken > older.taken
    # Each backup holds the store as it was opened: t0..t6 saved before the newest one.
    posts = {rel for rel in newest.files if rel.startswith("posts/")}
    assert {f"posts/p-t{i}.json" for i in range(KEEP + 2)} <= posts
    assert f"posts/p-t{KEEP + 2}.json" not in posts
    # A demo post never changed: one file on disk shared by the backups, not copies.
    her = "posts/p-flixchatter-review-spike-jonzes-her.json"
    assert (newest.path / her).stat().st_ino == (older.path / her).stat().st_ino
    index = next(rel for rel in newest.files if rel.startswith("posts-index/undated"))
    assert (newest.path / index).stat().st_ino != (older.path / index).stat().st_ino


def test_saving_never_backs_up_and_reopening_soon_does_not_either(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REELTUI_BACKUP_EVERY", raising=False)
    open_and_save(store_path, "first")  # the store existed: one backup at this open
    assert len(list_backups(store_path)) == 1
    blog = open_blog(store_path)
    try:
        for i in range(20):  # autosave-like: many saves in one session
            blog.save_post(Post(id="p-draft", slug="draft", title=f"v{i}"))
    finally:
        blog.close()
    open_and_save(store_path, "again")  # reopened within 10 minutes
    assert len(list_backups(store_path)) == 1


def test_an_interrupted_backup_is_ignored_and_cleaned(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    half = store_path / "backups" / ".tmp-20260101T000000000000Z"
    half.mkdir(parents=True)
    (half / "meta.json").write_bytes(b"{half")
    assert list_backups(store_path) == []
    open_and_save(store_path, "x")
    assert not half.exists()
    assert len(list_backups(store_path)) == 1


def test_a_backup_deleted_halfway_is_never_listed_and_never_more_than_keep(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The oldest backup is dropped while a new one is taken; a kill in the middle of its
    deletion must not leave a listed backup with files missing, nor KEEP + 1 backups."""
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    for i in range(KEEP):
        open_and_save(store_path, f"t{i}")
    real_rmtree = backup_take.shutil.rmtree

    def killed(path: Path, ignore_errors: bool = False) -> None:  # one file gone, then kill
        next(p for p in Path(path).rglob("*.json") if p.name != "manifest.json").unlink()
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_take.shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        backup_take.snapshot(store_path)
    monkeypatch.setattr(backup_take.shutil, "rmtree", real_rmtree)
    listed = list_backups(store_path)
    assert len(listed) <= KEEP
    for found in listed:  # every listed backup has every file its manifest names
        assert all((found.path / rel).is_file() for rel in found.files), found.path
    backup_take.snapshot(store_path)  # the next backup cleans what the kill left
    assert not list((store_path / "backups").glob(".old-*"))
    assert len(list_backups(store_path)) == KEEP


@pytest.fixture
def damaged(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with a backup holding post "kept"; then post "lost" saved after it; then the
    file of "kept" cut short."""
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    open_and_save(store_path, "kept")
    open_and_save(store_path, "lost")  # backed up at this open: holds "kept", not "lost"
    (store_path / "posts" / "p-kept.json").write_bytes(b'{"post": {"p-kept": {"title": "cut')
    return store_path


def test_check_reports_damage_and_points_at_repair(damaged: Path) -> None:
    before = storefiles.snapshot(damaged)
    done = reeltui(damaged, "check")
    assert done.returncode == 1
    assert "posts/p-kept.json" in done.stderr and "is not valid JSON" in done.stderr
    assert "`reeltui check --repair`" in done.stderr and "Traceback" not in done.stderr
    assert storefiles.snapshot(damaged) == before


def test_repair_without_a_terminal_refuses_unless_yes(damaged: Path) -> None:
    before = storefiles.snapshot(damaged)
    done = reeltui(damaged, "check", "--repair")
    assert done.returncode == 2
    assert "not repairing without confirmation" in done.stderr
    assert "--repair --yes" in done.stderr
    assert storefiles.snapshot(damaged) == before

    done = reeltui(damaged, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert "repaired; sound" in done.stdout
    assert reeltui(damaged, "check").returncode == 0
    titles = {p.title for p in open_blog(damaged, read_only=True).posts()}
    assert {"kept", "lost"} <= titles  # restoring "kept" rolled nothing else back
    # The damaged file is kept aside, never deleted.
    kept = [p for p in (damaged / "backups").iterdir() if p.name.startswith("broken-")]
    assert len(kept) == 1
    assert (kept[0] / "posts" / "p-kept.json").read_bytes() == before["posts/p-kept.json"]


def _with_terminal(store: Path, answers: bytes) -> tuple[int, str]:
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [BIN, "--store", str(store), "check", "--repair"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(slave)
    os.write(master, answers)
    out, err = child.communicate(timeout=120)
    os.close(master)
    return child.returncode, out + err


def test_repair_asks_table_by_table_on_a_terminal(damaged: Path) -> None:
    before = storefiles.snapshot(damaged)
    code, text = _with_terminal(damaged, b"n\nn\nn\n")
    assert code == 1 and "Repair posts? [y/N]" in text and "nothing was changed" in text
    assert storefiles.snapshot(damaged) == before
    code, text = _with_terminal(damaged, b"y\ny\ny\n")
    assert code == 0 and "repaired" in text
    assert reeltui(damaged, "check").returncode == 0


def test_a_bad_comment_comes_back_from_a_backup_and_newer_records_stay(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken comment never rolls back its post, nor the comments written since."""
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    her_id = "p-flixchatter-review-spike-jonzes-her"
    blog = open_blog(store_path)
    blog.store.backups.wait()  # holds c-her-1 as imported
    her = blog.post(her_id)
    her.title = "Her (edited after the backup)"
    blog.save_post(her)
    blog.save_comment(Comment(id="c-late", post_id=her_id, body="written after the backup"))
    blog.close()
    path = storefiles.post_file(store_path, her_id)
    edit_file(path, lambda d: d["comments"]["c-her-1"].update(date="yesterday", body=None))
    bad = {"post_id": her_id, "status": 42}
    edit_file(path, lambda d: d["comments"].update({"c-new-bad": bad}))
    done = reeltui(store_path, "check")
    assert done.returncode == 1
    named = "comment 'c-her-1' by Marcy Lindqvist"
    named += f" on post '{her_id}' \"Her (edited after the backup)\""
    assert f"{named} (slug flixchatter-review-spike-jonzes-her): field 'date'" in done.stderr
    assert "field 'body': expected text, got null" in done.stderr
    # Commands work meanwhile: the bad records are skipped, the rest is shown.
    assert reeltui(store_path, "show", "flixchatter-review-spike-jonzes-her").returncode == 0
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert "comments: put back 1 record from backups; quarantine 1 record" in done.stderr
    assert f"done: posts/{path.name}: {named}" in done.stdout
    assert "put back as the backup of" in done.stdout
    assert f"done: posts/{path.name}: comment 'c-new-bad' on post '{her_id}'" in done.stdout
    with open_blog(store_path, read_only=True) as fixed:
        assert fixed.post(her_id).title == "Her (edited after the backup)"
        assert fixed.comment("c-late").body == "written after the backup"
        assert fixed.comment("c-her-1").date.startswith("2014-")
    quarantine = next((store_path / "backups").glob("quarantine-*.json"))
    held = orjson.loads(quarantine.read_bytes())
    assert [q["record"] for q in held] == ["c-new-bad"] and held[0]["document"] == bad


def test_a_post_stored_as_a_string_is_skipped_reported_and_restored(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    open_and_save(store_path, "later")  # the backup of this open holds the demo posts
    guest = "p-guest-post-elysium-her-the-nature-of-science-fiction"
    edit_file(storefiles.post_file(store_path, guest), lambda d: d["post"].update({guest: "x"}))
    for args in (("posts",), ("inbox",), ("show", "flixchatter-review-spike-jonzes-her")):
        done = reeltui(store_path, *args)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stderr)
    done = reeltui(store_path, "check")
    assert done.returncode == 1 and "expected an object of fields" in done.stderr
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    with open_blog(store_path, read_only=True) as blog:
        assert blog.post(guest).title.startswith("Guest Post")
        assert {p.title for p in blog.posts()} >= {"later"}


def test_a_lost_meta_file_is_put_back_not_seeded(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    open_and_save(store_path, "mine")
    (store_path / "meta.json").unlink()
    done = reeltui(store_path, "posts")
    assert done.returncode == 2 and "no meta.json" in done.stderr
    assert not (store_path / "meta.json").exists()
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert "restored meta.json from the backup" in done.stderr
    titles = {p.title for p in open_blog(store_path, read_only=True).posts()}
    assert "mine" in titles and len(titles) == 5  # the posts, no demo posts added


def test_repair_without_backup_or_of_a_sound_store(store_path: Path) -> None:
    done = reeltui(store_path, "check", "--repair")
    assert done.returncode == 0 and "nothing to repair" in done.stdout
    her = storefiles.post_file(store_path, "p-flixchatter-review-spike-jonzes-her")
    her.write_bytes(b"[not, json")
    before = storefiles.snapshot(store_path)
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 2
    assert "no sound backup" in done.stderr and "left untouched" in done.stderr
    assert storefiles.snapshot(store_path) == before


def test_an_index_out_of_date_is_rebuilt(store_path: Path) -> None:
    rows = next((store_path / "posts-index").glob("*.json"))
    edit_file(rows, lambda d: d["posts"].clear())
    done = reeltui(store_path, "check")
    assert done.returncode == 1 and "is not in the posts index" in done.stderr
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert len(open_blog(store_path, read_only=True).posts()) == 4


def test_a_backup_asked_inside_a_change_is_taken_once_it_is_committed(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Store.back_up` (an import, a sync pull) inside a batch backs up what the batch
    commits, not the store before it; asked twice during a backup, it takes one more."""
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "3600")
    blog = open_blog(store_path)
    try:
        blog.store.backups.wait()
        count = len(list_backups(store_path))
        with blog.store.batch():
            blog.save_post(Post(id="p-in", slug="in", title="in"))
            blog.store.back_up()
            blog.store.backups.wait()
            assert len(list_backups(store_path)) == count  # not before the commit
        blog.store.backups.wait()
        newest = list_backups(store_path)[0]
        assert len(list_backups(store_path)) == count + 1 and "posts/p-in.json" in newest.files
        blog.store.back_up()
        blog.save_post(Post(id="p-late", slug="late", title="late"))
        blog.store.back_up()  # while the first may still run: its backup may miss p-late
        blog.store.backups.wait()
        assert "posts/p-late.json" in list_backups(store_path)[0].files
    finally:
        blog.close()


FULL_DISK_CHILD = r"""
import json, sys
from pathlib import Path
from reeltui.domain import Post
from reeltui.services.session import open_blog
from reeltui.store.backup_take import snapshot

path = Path(sys.argv[1])
blog = open_blog(path)
blog.store.backups.wait()
blog.save_post(Post(id="p-big", slug="big", title="Big", body="x " * 550_000))
out = {}
try:
    snapshot(path)
    out["backup"] = "taken"
except OSError as exc:
    out["backup"] = exc.strerror
out["left"] = sorted(p.name for p in (path / "backups").iterdir())
try:
    blog.save_post(Post(id="p-more", slug="more", title="More", body="y " * 150_000))
    out["saved"] = "yes"
except Exception as exc:
    out["saved"] = str(exc)
blog.close()
print(json.dumps(out))
"""


def test_a_backup_that_fills_the_disk_gives_the_room_back_at_once(tmp_path: Path) -> None:
    """A backup after an import may not fit: on a real full file system (a 2 MB tmpfs) it
    fails, leaves no partial copy behind, and the next save still has room."""
    from tests.unit.test_write_failures import _in_mount_namespace

    mnt = tmp_path / "small"
    mnt.mkdir()
    script = 'mount -t tmpfs -o size=2m tmpfs "$1" && exec "$2" -c "$3" "$1/store"'
    done = subprocess.run(
        _in_mount_namespace(script, str(mnt), sys.executable, FULL_DISK_CHILD),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = orjson.loads(done.stdout.splitlines()[-1])
    assert out["backup"] == "No space left on device"
    assert [n for n in out["left"] if n.startswith(".")] == []
    assert out["saved"] == "yes"


@pytest.mark.parametrize("confirmed", [False, True])
def test_repair_refuses_a_folder_that_never_was_a_store(tmp_path: Path, confirmed: bool) -> None:
    """`check --repair --yes` on a folder of someone's files wrote a meta.json and a lock file
    into it and called it a repaired, empty store (`--store /tmp` did it to /tmp); without
    --yes it suggested running it with --yes."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "important.txt").write_text("mine")
    done = reeltui(folder, "check", "--repair", *(["--yes"] if confirmed else []))
    assert done.returncode == 2
    assert done.stderr == (
        f"reeltui: {folder} is not a reeltui store: it has other files and no meta.json\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["important.txt"]
