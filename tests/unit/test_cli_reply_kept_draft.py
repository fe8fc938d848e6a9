"""`reeltui reply` on a comment that has a kept draft reply: the draft's words were replaced
by the new text and queued, without a word (the new-user pass). Now refused in one line
naming the draft, unless `--replace` says to put the text in its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services import replies
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

HER = "flixchatter-review-spike-jonzes-her"


def _draft(store: Path, parent: str) -> str | None:
    with open_blog(store, read_only=True) as blog:
        kept = replies.draft_for(blog, parent)
        return None if kept is None else kept.body


def test_a_kept_draft_is_not_replaced_unsaid(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_blog(store_path, read_only=True) as blog:
        parent = blog.comments(blog.post_by_slug(HER).id)[0].id
    store = ["--store", str(store_path)]
    code, _, _ = run(capsys, *store, "reply", HER, parent, "--text", "Welcome, Priya", "--draft")
    assert code == 0 and _draft(store_path, parent) == "Welcome, Priya"
    code, out, err = run(capsys, *store, "reply", HER, parent, "--text", "second")
    assert code == 2 and out == "", out
    assert "a draft reply to" in err and "Welcome, Priya" in err and "--replace" in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _draft(store_path, parent) == "Welcome, Priya"  # kept as it was
    code, out, _ = run(capsys, *store, "reply", HER, parent, "--text", "second", "--replace")
    assert code == 0 and "queued" in out
    assert _draft(store_path, parent) is None  # sent in its place
