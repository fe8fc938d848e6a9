"""The read marks of a few posts are read from the files that hold them, not from every file
of the reads table (a moderation on a large archive read 30,000 marks on the UI thread to
redraw one row); the list's marks are read once, not at every keystroke of a search (10-20 ms
at 50,000 posts), and a mark changed is seen at once: real stores on disk, files read counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.domain.identity import Identity
from reeltui.services import reads
from reeltui.services.session import open_blog
from reeltui.store import Store
from reeltui.store.layout import READS, hashed_file


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The store's files asked from now on (a list filled as they are)."""
    opened: list[str] = []
    real = Store.file

    def file(self: Store, rel: str) -> object:
        opened.append(rel)
        return real(self, rel)

    monkeypatch.setattr(Store, "file", file)
    return opened


def test_the_marks_of_some_posts_read_only_their_files(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_blog(store_path) as blog:
        for i in range(300):
            reads.put_mark(blog, f"p-{i}", i % 7, "2026-01-01T00:00:00+00:00")
        everything = reads.seen(blog)
        opened = files_read(monkeypatch)
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


def test_the_lists_marks_are_read_once_until_a_mark_changes(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_blog(store_path) as blog:
        post = blog.posts()[0]
        reads.mark_read(blog, post.id, Identity())
        first = reads.Marks(blog)
        assert not first.of(post, post.readers).unread
        opened = files_read(monkeypatch)
        again = reads.Marks(blog)  # (a keystroke's load)
        assert opened == []
        assert again.seen is first.seen
        reads.mark_unread(blog, post.id)
        assert reads.Marks(blog).of(post, post.readers).unread
        reads.mark_read(blog, post.id, Identity())
        assert not reads.Marks(blog).of(post, post.readers).unread
        reads.put_mark(blog, post.id, post.readers + 3, "2026-01-01T00:00:00+00:00")
        assert reads.Marks(blog).of(post, post.readers).new_comments == 0
        reads.put_mark(blog, post.id, 0, "2026-01-01T00:00:00+00:00")
        assert reads.Marks(blog).of(post, post.readers).new_comments == post.readers
    with open_blog(store_path, read_only=True) as reader:  # another Blog: read again
        assert reads.Marks(reader).of(post, post.readers).new_comments == post.readers
