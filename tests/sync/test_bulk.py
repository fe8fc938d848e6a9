"""records.put_many (used by the pull): inserts and replaces in one write, survives reopen."""

from __future__ import annotations

from pathlib import Path

from reeltui.domain.models import Comment, Post
from reeltui.store import Store, records


def test_put_many_inserts_and_replaces_in_one_write(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        records.put_post(store, Post(id="p1", slug="one", title="One"))
        records.put_comment(store, Comment(id="c0", post_id="p1", body="old"))
        before = store.writes("comments")
        records.put_many(
            store, [Comment(id=f"c{i}", post_id="p1", body=f"new {i}") for i in range(500)]
        )
        assert store.writes("comments") == before + 1
        records.put_many(store, [Post(id="p1", slug="one", title="One, again")])
    with Store.open(tmp_path / "s") as store:
        comments = {c.id: c.body for c in records.all_comments(store)}
        assert len(comments) == 500 and comments["c0"] == "new 0"
        assert records.get_post(store, "p1").title == "One, again"
        records.put_many(store, [])  # nothing to do
