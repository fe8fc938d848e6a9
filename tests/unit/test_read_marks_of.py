"""The read marks of a few posts are read from the files that hold them, not from every file
of the reads table (a moderation on a large archive read 30,000 marks on the UI thread to
redraw one row): real stores on disk, files read counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services import reads
from reeltui.services.session import open_blog
from reeltui.store import Store
from reeltui.store.layout import READS, hashed_file


def test_the_marks_of_some_posts_read_only_their_files(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_blog(store_path) as blog:
        for i in range(300):
            reads.put_mark(blog, f"p-{i}", i % 7, "2026-01-01T00:00:00+00:00")
        everything = reads.seen(blog)
        opened: list[str] = []
        real = Store.file

        def file(self: Store, rel: str) -> object:
            opened.append(rel)
            return real(self, rel)

        monkeypatch.setattr(Store, "file", file)
        wanted = {"p-3", "p-250", "p-nobody-read"}
        some = reads.seen(blog, wanted)
        assert some == {k: v for k, v in everything.items() if k in wanted}
        assert set(opened) == {hashed_file(READS, p) for p in wanted}
        opened.clear()
        reads.seen(blog)
        assert len(set(opened)) == READS.pages > len({hashed_file(READS, p) for p in wanted})
        post = blog.posts()[0]
        reads.put_mark(blog, post.id, 1, "2026-01-01T00:00:00+00:00")
        marks = reads.Marks(blog, posts={post.id})
        assert marks.of(post, 4) == reads.ReadMark(unread=False, new_comments=3)
