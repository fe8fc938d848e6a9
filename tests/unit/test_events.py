"""The services' change announcements and the read-only store watch (services/events.py),
and moderating several comments at once with its undo (services/moderation.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services import Blog, events, moderation, outbox, reads
from reeltui.services.session import open_blog, reread


def test_outbox_and_read_marks_are_announced(blog: Blog) -> None:
    heard: list[events.Change] = []
    stop = events.subscribe(blog, heard.append)
    post = blog.posts()[0]
    reads.mark_all_read(blog, [p.id for p in blog.posts()])
    moderation.moderate(blog, "c-her-6", "spam")
    stop()
    kinds = [c.kind for c in heard]
    assert kinds[0] == "reads" and post.id in heard[0].ids and len(heard[0].ids) == 4
    assert {"comment", "outbox"} <= set(kinds[1:])
    with pytest.raises(ValueError, match="unknown change kind"):
        events.changed(blog, "posts")


def test_a_listener_that_fails_never_undoes_the_change(blog: Blog) -> None:
    def broken(change: events.Change) -> None:
        raise RuntimeError("a view's bug")

    stop = events.subscribe(blog, broken)
    moderation.moderate(blog, "c-her-6", "trash")
    stop()
    assert blog.comment("c-her-6").status == "trash"


def test_moderate_many_skips_what_does_not_apply_and_undo_restores(blog: Blog) -> None:
    moderation.moderate(blog, "c-her-4", "spam")
    batch = moderation.moderate_many(blog, ["c-her-1", "c-her-4", "c-nope", "c-her-1"], "spam")
    assert batch.done == [("c-her-1", "approved")]
    assert [cid for cid, _ in batch.skipped] == ["c-her-4", "c-nope"]
    assert "already spam" in batch.skipped[0][1]
    undone = moderation.undo(blog, batch)
    assert undone.done == [("c-her-1", "spam")]
    assert blog.comment("c-her-1").status == "approved"
    assert blog.comment("c-her-4").status == "spam"  # not part of the batch
    assert [e.comment_id for e in outbox.entries(blog)] == ["c-her-4"]


def test_a_read_only_blog_rereads_what_the_writer_wrote(store_path: Path) -> None:
    viewer = open_blog(store_path, read_only=True)
    assert viewer.comment("c-her-6").status == "approved"  # read (the store reads lazily)
    watch = events.StoreWatch(store_path)
    assert not watch.changed_on_disk()
    heard: list[events.Change] = []
    events.subscribe(viewer, heard.append)
    writer = open_blog(store_path)
    try:
        moderation.moderate(writer, "c-her-6", "spam")
    finally:
        writer.close()
    assert watch.changed_on_disk() and not watch.changed_on_disk()
    assert viewer.comment("c-her-6").status == "approved"  # still what it read
    assert reread(viewer)
    assert viewer.comment("c-her-6").status == "spam" and heard[-1].kind == "all"
    viewer.close()


def test_a_change_held_for_the_save_queue_is_announced_whole_once_made(blog: Blog) -> None:
    """Inside `Blog.held()` (the save queue's writer thread) the comment and its outbox entry
    are announced together at the end: a view never redraws from half a moderation, and the
    parts reach it in one burst (two bursts redrew the whole thread)."""
    heard: list[events.Change] = []
    stop = events.subscribe(blog, heard.append)
    with blog.held() as flush:
        moderation.moderate(blog, "c-her-6", "spam")
        assert heard == []  # nothing said before the change is whole
    assert {c.kind for c in heard} == {"comment", "outbox"}
    flush()
    stop()
