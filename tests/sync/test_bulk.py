"""records.put_many (used by the pull): inserts and replaces in one commit, survives reopen."""

from __future__ import annotations

from pathlib import Path

from reeltui.domain.models import Comment, Post
from reeltui.store import Store, records


def test_put_many_inserts_and_replaces_in_one_commit(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        records.put_post(store, Post(id="p1", slug="one", title="One"))
        records.put_comment(store, Comment(id="c0", post_id="p1", body="old"))
        before = store.writes("posts")
        comments = [Comment(id=f"c{i}", post_id="p1", body=f"new {i}") for i in range(500)]
        records.put_many(store, [], comments)
        assert store.writes("posts") == before + 1  # the post's file, once
        records.put_many(store, [Post(id="p1", slug="one", title="One, again")], [])
    with Store.open(tmp_path / "s") as store:
        found = {c.id: c.body for c in records.all_comments(store)}
        assert len(found) == 500 and found["c0"] == "new 0"
        assert records.get_post(store, "p1").title == "One, again"
        assert records.put_many(store, [], []) == ([], [])  # nothing to do
