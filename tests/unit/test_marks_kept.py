"""The list's read marks are read once, not at every keystroke of a search (10-20 ms at
50,000 posts), and a mark changed is seen at once: a real store on disk, files read counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.domain.identity import Identity
from reeltui.services import reads
from reeltui.services.session import open_blog
from reeltui.store import Store

NOBODY = Identity()


def test_the_lists_marks_are_read_once_until_a_mark_changes(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_blog(store_path) as blog:
        post = blog.posts()[0]
        reads.mark_read(blog, post.id, NOBODY)
        first = reads.Marks(blog, NOBODY)
        assert not first.of(post, post.readers).unread
        opened: list[str] = []
        real = Store.file

        def file(self: Store, rel: str) -> object:
            opened.append(rel)
            return real(self, rel)

        monkeypatch.setattr(Store, "file", file)
        again = reads.Marks(blog, NOBODY)  # (a keystroke's load)
        assert opened == []
        assert again.seen is first.seen
        reads.mark_unread(blog, post.id)
        assert reads.Marks(blog, NOBODY).of(post, post.readers).unread
        reads.mark_read(blog, post.id, NOBODY)
        assert not reads.Marks(blog, NOBODY).of(post, post.readers).unread
        reads.put_mark(blog, post.id, post.readers + 3, "2026-01-01T00:00:00+00:00")
        assert reads.Marks(blog, NOBODY).of(post, post.readers).new_comments == 0
        reads.put_mark(blog, post.id, 0, "2026-01-01T00:00:00+00:00")
        assert reads.Marks(blog, NOBODY).of(post, post.readers).new_comments == post.readers
    with open_blog(store_path, read_only=True) as reader:  # another Blog: read again
        assert reads.Marks(reader, NOBODY).of(post, post.readers).new_comments == post.readers
