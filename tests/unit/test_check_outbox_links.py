"""A queued reply lost with its post's file: `check --repair` put the post back from a backup
taken before the reply was written, and `check` then said "sound" while `reeltui outbox` still
listed the entry as queued, its post "(missing)" and no text (the new-user pass). `check` now
names an outbox entry whose comment is in no post, and `--repair` sets it aside (in the
quarantine file, never deleted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.services import outbox
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

HER = "flixchatter-review-spike-jonzes-her"


def test_an_outbox_entry_whose_reply_was_lost_is_named_and_set_aside(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(store_path)]
    with open_blog(store_path) as blog:  # a backup now, before the reply is written
        blog.store.backups.request()
        blog.store.backups.wait()
        post = blog.post_by_slug(HER)
        parent = blog.comments(post.id)[0].id
    assert run(capsys, *store, "reply", HER, parent, "--text", "Thanks Priya")[0] == 0
    (store_path / "posts" / f"{post.id}.json").write_text("garbage")
    code, out, err = run(capsys, *store, "check", "--repair", "--yes")
    assert "put back whole as the backup" in out, out  # the post, without the reply
    assert code == 1 and "still has 1 problem" in out + err and "can never be sent" in err
    code, out, err = run(capsys, *store, "check")
    assert code == 1, out  # not "sound": the queued entry points at nothing
    assert "outbox entry" in out + err and "can never be sent" in out + err, out + err
    code, out, _ = run(capsys, *store, "check", "--repair", "--yes")
    assert code == 0, out
    assert run(capsys, *store, "check")[0] == 0
    with open_blog(store_path, read_only=True) as blog:
        assert [e for e in outbox.entries(blog) if e.state == "queued"] == []
    quarantined = list((store_path / "backups").glob("quarantine-*.json"))
    assert any("outbox" in json.dumps(json.loads(q.read_text())) for q in quarantined)
