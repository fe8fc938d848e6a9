"""The commenters' names (completion of `author:`, the spelling checker's known names) come
from the search index, which keeps them per post: no comment of the archive is held in memory
for them, and they follow saves, hand edits (a reader) and an index of an older version."""

from __future__ import annotations

import sqlite3
import tracemalloc
from collections import Counter
from pathlib import Path

import orjson

from reeltui.domain.models import Comment, Post
from reeltui.services import Blog
from reeltui.services.query import vocabulary
from reeltui.services.session import open_blog
from reeltui.services.spelling import blog_names
from reeltui.store import records

BODY = "A long reader's comment about the score and the harbour scenes. " * 30  # ~2 KB


def _stored_names(path: Path) -> Counter[str]:
    """Every comment's author, as the posts' files hold them (a plain scan)."""
    found: Counter[str] = Counter()
    for file in (path / "posts").glob("*.json"):
        for doc in orjson.loads(file.read_bytes()).get("comments", {}).values():
            found[doc["author"]] += 1
    return found


def _many(path: Path, posts: int = 150, per_post: int = 40) -> None:
    blog = open_blog(path)
    made = [Post(id=f"m{i}", slug=f"m-{i}", title=f"Post {i}", author="Ruth") for i in range(posts)]
    comments = [
        Comment(
            id=f"m{i}-{j}",
            post_id=f"m{i}",
            author=f"Reader {(i * per_post + j) % 97}",
            date=f"2015-02-{1 + j % 28:02d}T10:00:00",
            body=BODY,
        )
        for i in range(posts)
        for j in range(per_post)
    ]
    records.put_many(blog.store, made, comments)
    blog.close()


def test_vocabulary_does_not_hold_the_archive_comments(tmp_path: Path) -> None:
    path = tmp_path / "store"
    _many(path)  # 6,000 comments of ~2 KB: 12 MB of text
    with open_blog(path) as blog:
        blog.search_index().prepare()  # (the index is made once, in the background)
        tracemalloc.start()
        try:
            names = vocabulary(blog)["author"]
            known = blog_names(blog)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        # the list's author: completes with the posts' authors; the checker knows commenters
        assert "Ruth" in names and "Reader 5" not in names and "reader" in known
        # Every comment read into memory (as before) took more than 20 MB here.
        assert peak < 2_000_000, f"{peak / 1e6:.1f} MB"


def test_commenters_follow_saves_hand_edits_and_old_indexes(blog: Blog) -> None:
    path = blog.path
    search = blog.search_index()
    assert search.commenters() == dict(_stored_names(path))
    her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    blog.save_comment(Comment(id="c-x", post_id=her.id, author="Zelda Newcomer", body="Hi"))
    assert search.commenters()["Zelda Newcomer"] == 1  # the commit indexed the post again
    assert "newcomer" in blog_names(blog)  # the spelling checker knows the new name
    assert "Zelda Newcomer" not in vocabulary(blog)["author"]  # (she wrote no post)
    blog.close()
    # A post's file edited by hand: a reader counts that file's names itself.
    file = path / "posts" / f"{her.id}.json"
    data = orjson.loads(file.read_bytes())
    for doc in data["comments"].values():
        doc["author"] = "Hand Edited"
    file.write_bytes(orjson.dumps(data))
    expected = dict(_stored_names(path))
    with open_blog(path, read_only=True) as reader:
        assert reader.search_index().commenters() == expected
        assert "newcomer" not in blog_names(reader)
    with open_blog(path) as writer:
        assert writer.search_index().commenters() == expected
    # An index of the previous version (no names): made again, names included.
    db = sqlite3.connect(path / "search.sqlite")
    with db:
        db.execute("DROP TABLE names")
        db.execute("UPDATE info SET value='2' WHERE key='version'")
    db.close()
    with open_blog(path) as writer:
        assert writer.search_index().commenters() == expected
