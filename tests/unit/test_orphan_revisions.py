"""Revisions whose post is gone (a new post discarded in an older reeltui, a store from
elsewhere) are history, not posts: no export writes them as posts, `check` and every export
run over them, the JSON export keeps their words and its import names what it leaves out.
And `check` counts in words ("1 problem", "1 post")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.domain.models import Comment, Post
from reeltui.services import revisions
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

AT = "2026-01-01T00:00:00+00:00"


def test_revisions_of_a_gone_post_are_not_posts_and_break_nothing(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = Post(id="p-gone", slug="gone", title="Gone For Good", body="lost words")
    with open_blog(store_path) as blog, blog.store.batch("revisions"):
        revisions.add(blog.store, gone, "save", AT)
        later = Post(id="p-gone", slug="gone", title="Gone For Good", body="lost words, more")
        revisions.add(blog.store, later, "autosave", "2026-01-01T00:01:00+00:00")
    store = ["--store", str(store_path)]
    code, out, err = run(capsys, *store, "check")
    assert code == 0 and "sound (schema 2, 4 posts, 22 comments)" in out, err
    for fmt, out_path in (("json", "all.json"), ("wxr", "all.xml"), ("markdown", "md")):
        code, out, err = run(
            capsys, *store, "export", "--format", fmt, "--out", str(tmp_path / out_path)
        )
        assert code == 0 and "exported 4 posts and 22 comments" in out, (fmt, err)
    data = json.loads((tmp_path / "all.json").read_text())
    assert "p-gone" not in {p["id"] for p in data["posts"]}
    assert any(r["post"]["body"] == "lost words" for r in data["revisions"])  # kept, as history
    assert "Gone For Good" not in (tmp_path / "all.xml").read_text()
    assert len(list((tmp_path / "md").iterdir())) == 4
    copy = ["--store", str(tmp_path / "copy")]
    code, out, err = run(capsys, *copy, "import", str(tmp_path / "all.json"))
    assert code == 0, out + err
    assert "4 posts (4 new" in out and "left out (not posts): 2 revisions" in out
    code, out, _ = run(capsys, *copy, "posts", "--json")
    assert "p-gone" not in out


def test_check_says_its_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "2014-01-11-her.md"
    post.write_text(
        "---\ntitle: Her\ncomments:\n  - id: c-1\n    author: Tom\n    body: Loved it\n"
        "---\n\nA film.\n"
    )
    store = ["--store", str(tmp_path / "one")]
    code, out, err = run(capsys, *store, "import", str(post))
    assert code == 0, out + err
    code, out, err = run(capsys, *store, "check")
    assert code == 0 and out.endswith(", 1 post, 1 comment)\n"), out + err
    with open_blog(tmp_path / "one") as blog:
        blog.save_comment(Comment(id="c-lost", post_id="p-gone", body="?"))
    code, out, err = run(capsys, *store, "check")
    assert code == 1 and ": 1 problem (" in err and "problem(s)" not in err
