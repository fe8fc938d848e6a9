"""A queued reply lost with its post's file: `check --repair` put the post back from a backup
taken before the reply was written, and `check` then said "sound" while `reeltui outbox` still
listed the entry as queued, its post "(missing)" and no text (the new-user pass). `check` now
names an outbox entry whose comment is in no post, and `--repair` sets it aside (in the
quarantine file, never deleted). The repair that puts the post back sets the entry aside in the
same run, and its plan says which replies the backup lacks (the second new-user pass: the first
repair ended "still has 1 problem" and only a second one set the entry aside)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reeltui.services import outbox
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

HER = "flixchatter-review-spike-jonzes-her"


def _reply_after_a_backup(store_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A backup, then a reply queued on HER; returns the post's file name."""
    with open_blog(store_path) as blog:  # a backup now, before the reply is written
        blog.store.backups.request()
        blog.store.backups.wait()
        post = blog.post_by_slug(HER)
        parent = blog.comments(post.id)[0].id
    store = ["--store", str(store_path)]
    assert run(capsys, *store, "reply", HER, parent, "--text", "Thanks Priya")[0] == 0
    return f"{post.id}.json"


def _quarantined(store_path: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for q in (store_path / "backups").glob("quarantine-*.json"):
        found += json.loads(q.read_text())
    return found


def test_one_repair_puts_the_post_back_and_sets_its_lost_replys_entry_aside(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(store_path)]
    name = _reply_after_a_backup(store_path, capsys)
    with open_blog(store_path, read_only=True) as blog:
        (queued,) = outbox.entries(blog, "queued")
    (store_path / "posts" / name).write_text("garbage")
    code, out, err = run(capsys, *store, "check", "--repair", "--yes")
    assert code == 0 and "repaired; sound" in out, out + err
    assert "still has" not in out + err
    # the plan says plainly what the backup lacks, naming the reply
    assert "the backup lacks 1 reply queued since it was taken" in err, err
    assert repr(queued.comment_id) in err and "write it again" in err, err
    # set aside by the posts' repair itself (none without it: a repair declined for posts)
    assert "set aside 1 outbox entry whose comment is in no post after it" in err, err
    assert "\noutbox:" not in err, err
    assert f"done: outbox.json: outbox entry {queued.id!r}" in out, out
    assert run(capsys, *store, "check")[0] == 0
    with open_blog(store_path, read_only=True) as blog:
        assert outbox.entries(blog, "queued") == []
    (entry,) = [q for q in _quarantined(store_path) if q["table"] == "outbox"]
    assert entry["record"] == queued.id and entry["document"]["comment_id"] == queued.comment_id  # type: ignore[index]


def test_an_outbox_entry_whose_reply_was_lost_is_named_and_set_aside(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The post's file put back by hand from the backup (not by `check --repair`): check
    names the entry and a repair sets it aside."""
    store = ["--store", str(store_path)]
    name = _reply_after_a_backup(store_path, capsys)
    taken = [b for b in (store_path / "backups").iterdir() if (b / "posts" / name).is_file()]
    backup = min(taken)  # the one taken before the reply
    shutil.copy(backup / "posts" / name, store_path / "posts" / name)
    code, out, err = run(capsys, *store, "check")
    assert code == 1, out  # not "sound": the queued entry points at nothing
    assert "outbox entry" in out + err and "can never be sent" in out + err, out + err
    code, out, _ = run(capsys, *store, "check", "--repair", "--yes")
    assert code == 0, out
    assert run(capsys, *store, "check")[0] == 0
    with open_blog(store_path, read_only=True) as blog:
        assert [e for e in outbox.entries(blog) if e.state == "queued"] == []
    assert any(q["table"] == "outbox" for q in _quarantined(store_path))
