"""Rotating backups of a store and `reeltui check --repair` (real files, the real command)."""

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
from reeltui.store import Store, records
from reeltui.store.backup import KEEP, list_backups

BIN = Path(sys.executable).parent / "reeltui"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def reeltui(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN, "--store", str(store), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def open_and_save(store: Path, title: str) -> None:
    blog = open_blog(store)
    try:
        blog.save_post(Post(id=f"p-{title}", slug=title, title=title))
    finally:
        blog.close()


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
    posts = orjson.loads((newest.path / "posts.json").read_bytes())["posts"]
    assert {f"p-t{i}" for i in range(KEEP + 2)} <= set(posts)
    assert f"p-t{KEEP + 2}" not in posts
    # comments.json did not change: one file on disk shared by the backups, not copies.
    same = (newest.path / "comments.json").stat(), (older.path / "comments.json").stat()
    assert same[0].st_ino == same[1].st_ino
    changed = (newest.path / "posts.json").stat(), (older.path / "posts.json").stat()
    assert changed[0].st_ino != changed[1].st_ino


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
    (half / "posts.json").write_bytes(b"{half")
    assert list_backups(store_path) == []
    open_and_save(store_path, "x")
    assert not half.exists()
    assert len(list_backups(store_path)) == 1


@pytest.fixture
def damaged(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with one backup, then changed, then its posts.json cut short."""
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    open_and_save(store_path, "kept")
    open_and_save(store_path, "lost")  # backed up at this open: holds "kept", not "lost"
    (store_path / "posts.json").write_bytes(b'{"posts": {"p-1": {"title": "cut')
    return store_path


def test_check_reports_damage_and_points_at_repair(damaged: Path) -> None:
    before = files(damaged)
    done = reeltui(damaged, "check")
    assert done.returncode == 2
    assert "posts.json is not valid JSON" in done.stderr
    assert "`reeltui check --repair` can restore the newest sound backup" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert files(damaged) == before


def test_repair_without_a_terminal_refuses_unless_yes(damaged: Path) -> None:
    before = files(damaged)
    done = reeltui(damaged, "check", "--repair")
    assert done.returncode == 2
    assert "not restoring without confirmation" in done.stderr
    assert "--repair --yes" in done.stderr
    assert files(damaged) == before

    done = reeltui(damaged, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert "restored the backup of" in done.stdout
    assert reeltui(damaged, "check").returncode == 0
    titles = {p.title for p in open_blog(damaged, read_only=True).posts()}
    assert "kept" in titles and "lost" not in titles
    # The damaged file is kept aside, never deleted.
    kept = [p for p in (damaged / "backups").iterdir() if p.name.startswith("broken-")]
    assert len(kept) == 1
    assert (kept[0] / "posts.json").read_bytes() == before["posts.json"]


def _with_terminal(store: Path, answer: bytes) -> tuple[int, str]:
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [BIN, "--store", str(store), "check", "--repair"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(slave)
    os.write(master, answer)
    out, err = child.communicate(timeout=60)
    os.close(master)
    return child.returncode, out + err


def test_repair_asks_on_a_terminal(damaged: Path) -> None:
    before = files(damaged)
    code, text = _with_terminal(damaged, b"n\n")
    assert code == 1 and "Restore it? [y/N]" in text and "nothing was changed" in text
    assert files(damaged) == before
    code, text = _with_terminal(damaged, b"y\n")
    assert code == 0 and "restored the backup" in text
    assert reeltui(damaged, "check").returncode == 0


def test_repair_skips_unsound_backups_and_fixes_problems(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "0")
    open_and_save(store_path, "good")
    with Store.open(store_path) as store:  # backed up (good), then an orphan comment
        records.put_comment(store, Comment(id="c-orphan", post_id="p-gone", body="?"))
    open_and_save(store_path, "bad")  # this backup holds the orphan
    done = reeltui(store_path, "check")
    assert done.returncode == 1 and "belongs to missing post" in done.stderr
    newest = list_backups(store_path)[0]
    assert b"c-orphan" in (newest.path / "comments.json").read_bytes()
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert reeltui(store_path, "check").returncode == 0
    ids = {c.id for c in open_blog(store_path, read_only=True).all_comments()}
    assert "c-orphan" not in ids


def test_repair_without_backup_or_of_a_sound_store(store_path: Path) -> None:
    done = reeltui(store_path, "check", "--repair")
    assert done.returncode == 0 and "nothing to repair" in done.stdout
    (store_path / "comments.json").write_bytes(b"[not, json")
    before = files(store_path)
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 2
    assert "no sound backup" in done.stderr and "left untouched" in done.stderr
    assert files(store_path) == before
