"""Conflicts with a real WordPress: both versions kept and reported, nothing overwritten."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reeltui.services import Blog, outbox
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.resolve import resolve
from reeltui.store import Store
from tests.sync.conftest import Site, by_remote, local_reply, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def _edit_both_sides(site: Site, blog: Blog) -> str:
    run_sync(blog, site)
    draft = post_by_remote(blog, site.posts["draft"])
    blog.save_post(dataclasses.replace(draft, body="My offline version.\n"))
    status, _ = site.rest(
        "POST",
        f"/wp/v2/posts/{site.posts['draft']}",
        body={"content": "<p>The co-author's version.</p>"},
    )
    assert status == 200
    return draft.id


def test_post_edited_on_both_sides_keeps_both(site: Site, tmp_path: Path) -> None:
    blog = Blog(Store.open(tmp_path / "store"))
    try:
        local_id = _check_both_kept(site, blog)
    finally:
        blog.close()
    reopened = Blog(Store.open(tmp_path / "store"))
    try:
        # the conflict is stored (the UI can list it later) and survives a reopen
        assert [c.id for c in syncstate.conflicts(reopened)] == [f"post:{local_id}"]
        # a later sync still does not send it
        again, _ = run_sync(reopened, site)
        assert again.pushed.posts == 0 and len(again.conflicts) == 1

        # the user keeps theirs: it goes out on the next sync
        assert "next sync" in resolve(reopened, f"post:{local_id}", "local")
        done, _ = run_sync(reopened, site)
        assert done.pushed.posts == 1 and done.conflicts == [], done.lines()
        remote = site.get(f"/wp/v2/posts/{site.posts['draft']}")
        assert "My offline version." in str(remote["content"]["raw"])  # type: ignore[index]
    finally:
        reopened.close()


def _check_both_kept(site: Site, empty_blog: Blog) -> str:
    local_id = _edit_both_sides(site, empty_blog)
    result, _ = run_sync(empty_blog, site)
    assert not result.error and result.pushed.posts == 0
    assert [c.id for c in result.conflicts] == [f"post:{local_id}"]
    conflict = result.conflicts[0]
    assert conflict.local["body"] == "My offline version.\n"
    assert conflict.remote["body"] == "The co-author's version.\n"
    assert any(line.startswith("conflict: ") for line in result.lines())
    # nothing overwritten on either side
    assert empty_blog.post(local_id).body == "My offline version.\n"
    remote = site.get(f"/wp/v2/posts/{site.posts['draft']}")
    assert remote["content"]["raw"] == "<p>The co-author's version.</p>"  # type: ignore[index]
    return local_id


def test_keep_the_sites_version(site: Site, empty_blog: Blog) -> None:
    local_id = _edit_both_sides(site, empty_blog)
    run_sync(empty_blog, site)
    resolve(empty_blog, f"post:{local_id}", "remote")
    assert empty_blog.post(local_id).body == "The co-author's version.\n"
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.posts == 0 and result.conflicts == []
    assert empty_blog.post(local_id).body == "The co-author's version.\n"


@pytest.mark.parametrize("how", ["trash", "delete"])
def test_reply_whose_parent_went_away(site: Site, empty_blog: Blog, how: str) -> None:
    run_sync(empty_blog, site)
    c1 = by_remote(empty_blog, site.comments["c1"])
    entry = outbox.queue_reply(empty_blog, local_reply(empty_blog, c1, "Agreed!", "r-late"))
    params = {"force": "true"} if how == "delete" else {}
    status, _ = site.rest("DELETE", f"/wp/v2/comments/{site.comments['c1']}", params=params)
    assert status == 200

    result, _ = run_sync(empty_blog, site)
    word = "trashed" if how == "trash" else "deleted"
    failed = outbox.get(empty_blog, entry.id)
    assert (
        failed.state == "failed"
        and failed.error == f"conflict: the comment it answers was {word} on the site"
    )
    assert [c.id for c in result.conflicts] == ["reply:r-late"]
    assert result.conflicts[0].local["body"] == "Agreed!"
    assert empty_blog.comment("r-late").body == "Agreed!"
    status, found = site.rest("GET", "/wp/v2/comments", params={"search": "Agreed"})
    assert status == 200 and found == []  # nothing was sent

    resolve(empty_blog, "reply:r-late", "local")  # send it anyway
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.conflicts == [], result.lines()
    sent = site.get(f"/wp/v2/comments/{outbox.get(empty_blog, entry.id).remote_id}")
    assert sent["parent"] == 0 and sent["post"] == site.posts["review"]


def test_reply_conflict_keep_remote_keeps_the_words_as_a_local_draft(
    site: Site, empty_blog: Blog
) -> None:
    run_sync(empty_blog, site)
    c1 = by_remote(empty_blog, site.comments["c1"])
    outbox.queue_reply(empty_blog, local_reply(empty_blog, c1, "Agreed!", "r-late"))
    site.rest("DELETE", f"/wp/v2/comments/{site.comments['c1']}")
    run_sync(empty_blog, site)
    resolve(empty_blog, "reply:r-late", "remote")
    reply = empty_blog.comment("r-late")
    assert reply.body == "Agreed!" and reply.sync_state == "local"
    assert outbox.entries(empty_blog) == []
    assert syncstate.conflicts(empty_blog) == []


def test_reply_whose_parent_was_edited_on_the_site(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    c1 = by_remote(empty_blog, site.comments["c1"])
    entry = outbox.queue_reply(empty_blog, local_reply(empty_blog, c1, "So true", "r-1"))
    status, _ = site.rest(
        "POST", f"/wp/v2/comments/{site.comments['c1']}", body={"content": "Hated the worms."}
    )
    assert status == 200
    result, _ = run_sync(empty_blog, site)
    assert outbox.get(empty_blog, entry.id).error == (
        "conflict: the comment it answers was edited on the site"
    )
    (conflict,) = result.conflicts
    assert conflict.local["parent"] == "Loved the *sandworm* scenes!\n"
    assert conflict.remote["parent"] == "Hated the worms.\n"
    resolve(empty_blog, conflict.id, "local")
    result, _ = run_sync(empty_blog, site)
    assert result.ok and not result.conflicts
    sent = site.get(f"/wp/v2/comments/{outbox.get(empty_blog, entry.id).remote_id}")
    assert sent["parent"] == site.comments["c1"]
