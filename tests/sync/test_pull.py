"""Pull from a real WordPress: posts, threaded comments, paging, incremental, local work kept."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from reeltui.services import Blog, moderation, outbox
from reeltui.services.sync import state as syncstate
from reeltui.store import StoreWriteError, state
from reeltui.store import commit as commits
from tests.sync.conftest import Site, by_remote, local_reply, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def test_pull_seeded_site(site: Site, empty_blog: Blog) -> None:
    result, events = run_sync(empty_blog, site, per_page=2)
    assert result.ok and not result.error, result.lines()
    assert result.pulled.new_posts == 10  # 9 seeded + WordPress's "Hello world!"
    assert result.pulled.new_pages == 2  # WordPress's sample page and privacy policy draft
    # paged: 10 posts at 2 a page are 5 pages, read through X-WP-TotalPages
    pages = [(e.done, e.total) for e in events if e.stage == "pulling posts"]
    assert pages == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    overall = [e.overall for e in events]
    assert overall == sorted(overall) and overall[-1] == 1.0  # one bar, only forward

    review = post_by_remote(empty_blog, site.posts["review"])
    assert review.title == "Dune: Part Two review"
    assert review.status == "published" and review.author == "Ruth"
    assert "## Verdict" in review.body and "*towering*" in review.body
    assert "<p>" not in review.body
    assert review.rating == 4.5
    assert review.categories == ["Reviews"] and sorted(review.tags) == ["Dune", "Villeneuve"]
    assert review.date.startswith("2024-03-01T10:00:00")

    draft = post_by_remote(empty_blog, site.posts["draft"])
    assert draft.status == "draft" and draft.body == "Notes so far.\n\nMore later.\n"
    assert post_by_remote(empty_blog, site.posts["pending"]).status == "pending"
    guest = post_by_remote(empty_blog, site.posts["guest"])
    assert guest.author == "Guest Writer" and "<!--" not in guest.body
    assert "[noir](https://example.com/noir)" in guest.body

    c1, c2, c3 = (by_remote(empty_blog, site.comments[k]) for k in ("c1", "c2", "c3"))
    assert c1.parent_id is None and c2.parent_id == c1.id and c3.parent_id == c2.id
    assert (
        c1.post_id == review.id
        and c1.author == "Marcy"
        and c1.body == "Loved the *sandworm* scenes!\n"
    )
    assert by_remote(empty_blog, site.comments["c4"]).status == "pending"
    assert by_remote(empty_blog, site.comments["c5"]).status == "spam"
    depths = [d for c, d in empty_blog.thread(review.id) if c.id in (c1.id, c2.id, c3.id)]
    assert depths == [1, 2, 3]


def test_pull_is_incremental_and_ids_are_stable(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site, per_page=2)
    ids_before = {p.source["wp"]: p.id for p in empty_blog.posts()}
    comments_before = {c.remote_id: c.id for c in empty_blog.all_comments()}
    status, _ = site.rest(
        "POST", f"/wp/v2/posts/{site.posts['filler1']}", body={"title": "Filler one, renamed"}
    )
    assert status == 200
    status, new = site.rest(
        "POST",
        "/wp/v2/comments",
        body={"post": site.posts["review"], "parent": site.comments["c3"], "content": "Late word"},
    )
    assert status == 201 and isinstance(new, dict)

    result, events = run_sync(empty_blog, site, per_page=2)
    assert result.ok, result.lines()
    # only what changed is fetched (modified_after): one page, not five
    assert [(e.done, e.total) for e in events if e.stage == "pulling posts"] == [(1, 1)]
    assert result.pulled.updated_posts == 1 and result.pulled.new_posts == 0
    assert result.pulled.new_comments == 1
    assert {p.source["wp"]: p.id for p in empty_blog.posts()} == ids_before
    assert post_by_remote(empty_blog, site.posts["filler1"]).title == "Filler one, renamed"
    late = by_remote(empty_blog, new["id"])
    assert late.parent_id == comments_before[str(site.comments["c3"])]
    for rid, cid in comments_before.items():
        assert by_remote(empty_blog, int(rid)).id == cid
    # a third sync with no remote change changes nothing
    result, _ = run_sync(empty_blog, site)
    assert (result.pulled.new_posts, result.pulled.updated_posts) == (0, 0)
    assert (result.pulled.new_comments, result.pulled.updated_comments) == (0, 0)


def test_pull_never_overwrites_local_work(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    review = post_by_remote(empty_blog, site.posts["review"])
    c1 = by_remote(empty_blog, site.comments["c1"])
    reply = local_reply(empty_blog, c1, "My offline answer", "r-local")
    empty_blog.save_comment(reply)  # a local draft reply (not queued)
    # an unsaved working copy of the review in the editor
    working = state.get_draft(empty_blog.store, review.id)
    assert working is None
    edited = review.__class__.from_dict({**review.to_dict(), "body": "My unsaved rewrite\n"})
    state.put_draft(empty_blog.store, edited, "2026-01-01T00:00:00+00:00")
    site.rest("POST", f"/wp/v2/posts/{site.posts['review']}", body={"content": "<p>Site edit</p>"})

    result, _ = run_sync(empty_blog, site, push=False, full=True)
    assert result.ok, result.lines()
    kept = state.get_draft(empty_blog.store, review.id)
    assert kept is not None and kept[0].body == "My unsaved rewrite\n"
    assert post_by_remote(empty_blog, site.posts["review"]).body == "Site edit\n"
    assert [c.kind for c in result.conflicts] == ["draft"]
    assert empty_blog.comment("r-local").body == "My offline answer"
    assert empty_blog.comment("r-local").origin == "local"
    assert outbox.entries(empty_blog) == []


def test_remote_trash_shows_on_full_pull(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    status, _ = site.rest("DELETE", f"/wp/v2/comments/{site.comments['g1']}")
    assert status == 200
    result, _ = run_sync(empty_blog, site, full=True)
    assert result.ok
    assert by_remote(empty_blog, site.comments["g1"]).status == "trash"
    assert result.pulled.updated_comments == 1


def test_what_the_site_deleted_is_said_once_and_kept(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    gone_post = post_by_remote(empty_blog, site.posts["filler2"])
    gone_comment = by_remote(empty_blog, site.comments["g1"])
    assert (
        site.rest("DELETE", f"/wp/v2/posts/{site.posts['filler2']}", params={"force": "true"})[0]
        == 200
    )
    assert (
        site.rest("DELETE", f"/wp/v2/comments/{site.comments['g1']}", params={"force": "true"})[0]
        == 200
    )
    result, _ = run_sync(empty_blog, site)  # a plain, incremental sync finds both
    assert result.pulled.gone_posts == [gone_post.id]
    assert result.pulled.gone_comments == [gone_comment.id]
    assert "1 post and 1 comment no longer on the site (kept here)" in result.lines()
    assert empty_blog.post(gone_post.id).title == "Filler 2"
    for full in (False, True):  # said once: neither sync says it again
        result, _ = run_sync(empty_blog, site, full=full)
        assert (result.pulled.gone_posts, result.pulled.gone_comments) == ([], [])
    assert empty_blog.comment(gone_comment.id).body.startswith("Great piece.")


def test_moderation_on_the_site_reaches_pending_comments(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    assert by_remote(empty_blog, site.comments["c4"]).status == "pending"
    status, _ = site.rest(
        "POST", f"/wp/v2/comments/{site.comments['c4']}", body={"status": "approved"}
    )
    assert status == 200
    result, _ = run_sync(empty_blog, site)  # incremental: c4 is old, but it was pending here
    assert result.ok
    assert by_remote(empty_blog, site.comments["c4"]).status == "approved"
    assert result.pulled.updated_comments == 1


def test_moderation_on_the_site_reaches_approved_spam_and_trashed_comments(
    site: Site, empty_blog: Blog
) -> None:
    """Spam, trash, unapprove and unspam done in the WordPress admin reach an incremental
    pull; comments unchanged there are not read again."""
    run_sync(empty_blog, site)
    assert by_remote(empty_blog, site.comments["c1"]).status == "approved"
    assert by_remote(empty_blog, site.comments["c5"]).status == "spam"
    changes = {"c1": "spam", "c2": "trash", "c3": "hold", "c5": "approved"}
    for key, status in changes.items():
        code, _ = site.rest(
            "POST", f"/wp/v2/comments/{site.comments[key]}", body={"status": status}
        )
        assert code == 200, (key, status)
    result, events = run_sync(empty_blog, site)  # incremental: all four are old comments
    assert result.ok, result.lines()
    now = {key: by_remote(empty_blog, site.comments[key]).status for key in changes}
    assert now == {"c1": "spam", "c2": "trash", "c3": "pending", "c5": "approved"}
    assert result.pulled.updated_comments == 4
    assert [(e.done, e.total) for e in events if e.stage == "checking comments"] == [
        (1, 4),
        (2, 4),
        (3, 4),
        (4, 4),
    ]  # approved, held, spam, trash: one window each
    result, _ = run_sync(empty_blog, site)  # nothing changed since: nothing to update
    assert result.ok and result.pulled.updated_comments == 0


def test_a_spam_comment_purged_on_the_site_is_said_once_and_kept(
    site: Site, empty_blog: Blog
) -> None:
    """Spam deleted for good on the site (what Akismet does after 15 days): the next sync
    says so once, keeps the comment here, and later syncs stop asking for it."""
    run_sync(empty_blog, site)
    spam = by_remote(empty_blog, site.comments["c5"])
    assert spam.status == "spam"
    code, _ = site.rest(
        "DELETE", f"/wp/v2/comments/{site.comments['c5']}", params={"force": "true"}
    )
    assert code == 200
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert result.pulled.gone_comments == [spam.id]
    assert "1 comment no longer on the site (kept here)" in " ".join(result.lines())
    assert empty_blog.comment(spam.id).status == "spam"  # kept, as it was
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pulled.gone_comments == []  # said once, not asked again


def test_moderation_queued_here_wins_over_the_sites_older_state(
    site: Site, empty_blog: Blog
) -> None:
    run_sync(empty_blog, site)
    c1 = by_remote(empty_blog, site.comments["c1"])
    moderation.moderate(empty_blog, c1.id, "trash")
    result, _ = run_sync(empty_blog, site, push=False)  # pull only: still queued here
    assert result.ok, result.lines()
    assert empty_blog.comment(c1.id).status == "trash"
    result, _ = run_sync(empty_blog, site)  # pushed, then pulled: the site agrees
    assert result.ok, result.lines()
    assert empty_blog.comment(c1.id).status == "trash"
    assert site.get(f"/wp/v2/comments/{site.comments['c1']}", context="edit")["status"] == "trash"


def test_paging_is_stable_when_many_items_share_a_date(site: Site, empty_blog: Blog) -> None:
    """Ordering pages by a date that many items share loses some of them: order by id."""
    site.server.php(
        "for ($i = 0; $i < 60; $i++) {"
        "  $p = wp_insert_post(array('post_title' => \"Twin $i\", 'post_status' => 'publish',"
        "    'post_date' => '2023-01-01 00:00:00'));"
        "  wp_insert_comment(array('comment_post_ID' => $p, 'comment_content' => \"Twin $i\","
        "    'comment_approved' => 1, 'comment_date' => '2023-06-01 00:00:00',"
        "    'comment_date_gmt' => '2023-06-01 00:00:00'));"
        "}"
    )
    result, _ = run_sync(empty_blog, site, per_page=7)
    assert result.ok, result.lines()
    twins = [p for p in empty_blog.posts() if p.title.startswith("Twin ")]
    assert len(twins) == 60
    assert len({c.remote_id for c in empty_blog.all_comments() if c.body.startswith("Twin")}) == 60


def test_a_pull_that_cannot_be_written_moves_no_cursor(
    site: Site, empty_blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while a pull is written: nothing of it lands, and the cursors stay, so the
    next pull fetches it all (found by the bulk crash test: the cursor used to be saved)."""
    real = commits.commit

    def full(root: Path, changes: object, *args: object, **kw: object) -> None:
        count = len(changes) if isinstance(changes, dict) else kw.get("count", 0)
        if int(count) > 1:  # the pull's commit (many files); meta.json alone goes through
            raise OSError(errno.ENOSPC, "No space left on device")
        real(root, changes, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(commits, "commit", full)
    with pytest.raises(StoreWriteError, match="No space left on device"):
        run_sync(empty_blog, site)
    monkeypatch.setattr(commits, "commit", real)
    assert syncstate.load(empty_blog).last_pull == ""
    assert syncstate.load(empty_blog).clock == ""
    assert empty_blog.posts() == []
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pulled.new_posts == 10


def test_moderating_old_comments_does_not_list_every_comment(site: Site, empty_blog: Blog) -> None:
    """Approving an old held comment and spamming an old approved one change the size of the
    approved ones (more than one page here): the moved comments are read by id and the sizes
    then add up, so no status is listed in full."""
    run_sync(empty_blog, site, per_page=2)
    for key, status in (("c4", "approved"), ("c1", "spam")):
        code, _ = site.rest(
            "POST", f"/wp/v2/comments/{site.comments[key]}", body={"status": status}
        )
        assert code == 200
    result, _ = run_sync(empty_blog, site, per_page=2)
    assert result.ok and result.pulled.updated_comments == 2, result.lines()
    assert by_remote(empty_blog, site.comments["c4"]).status == "approved"
    assert by_remote(empty_blog, site.comments["c1"]).status == "spam"
    # posts: window + changed since the clock; pages: window; comments: 4 windows + 1 read
    assert result.calls == 2 + 1 + 4 + 1
