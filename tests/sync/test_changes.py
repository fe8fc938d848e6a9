"""Every kind of change made on the site — through its REST API, or through PHP with past dates
the way an import into the live site does — is seen by the next plain (incremental) sync."""

from __future__ import annotations

import dataclasses

import pytest

from reeltui.services import Blog, inbox, moderation
from reeltui.services.sync.state import load
from tests.sync.conftest import Site, by_remote, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def php_id(site: Site, code: str) -> int:
    """Run PHP inside the site (wp-load.php); the snippet echoes an id."""
    return int(site.server.php(code).strip())


def synced(site: Site, blog: Blog) -> None:
    result, _ = run_sync(blog, site)
    assert result.ok, result.lines()


def test_new_post_and_edited_post(site: Site, empty_blog: Blog) -> None:
    synced(site, empty_blog)
    status, made = site.rest(
        "POST", "/wp/v2/posts", body={"title": "Fresh review", "status": "publish"}
    )
    assert status == 201 and isinstance(made, dict)
    site.rest("POST", f"/wp/v2/posts/{site.posts['filler3']}", body={"title": "Filler three"})
    result, _ = run_sync(empty_blog, site)
    assert (result.pulled.new_posts, result.pulled.updated_posts) == (1, 1), result.lines()
    assert post_by_remote(empty_blog, int(made["id"])).title == "Fresh review"
    assert post_by_remote(empty_blog, site.posts["filler3"]).title == "Filler three"


def test_a_scheduled_post_does_not_hide_later_changes(site: Site, empty_blog: Blog) -> None:
    """A future post's `modified` is its publish date: a cursor taken from the data jumps
    into the future. Reproduced from the issue with REST calls only."""
    status, future = site.rest(
        "POST",
        "/wp/v2/posts",
        body={"title": "Coming soon", "status": "future", "date": "2031-03-01T10:00:00"},
    )
    assert status == 201 and isinstance(future, dict)
    synced(site, empty_blog)
    assert post_by_remote(empty_blog, int(future["id"])).status == "scheduled"
    site.rest("POST", f"/wp/v2/posts/{site.posts['filler4']}", body={"title": "Retitled"})
    status, new = site.rest(
        "POST", "/wp/v2/posts", body={"title": "Brand new", "status": "publish"}
    )
    assert status == 201 and isinstance(new, dict)
    result, _ = run_sync(empty_blog, site)
    assert (result.pulled.new_posts, result.pulled.updated_posts) == (1, 1), result.lines()
    assert post_by_remote(empty_blog, site.posts["filler4"]).title == "Retitled"
    assert post_by_remote(empty_blog, int(new["id"])).title == "Brand new"


def test_a_scheduled_post_published_by_the_site_is_seen(site: Site, empty_blog: Blog) -> None:
    """WordPress's cron publishes a scheduled post when its time comes without touching its
    modified date: a post scheduled here whose time has come is read again."""
    status, made = site.rest(
        "POST",
        "/wp/v2/posts",
        body={"title": "Due soon", "status": "future", "date_gmt": "2031-03-01T10:00:00"},
    )
    assert status == 201 and isinstance(made, dict)
    rid = int(made["id"])
    synced(site, empty_blog)
    here = post_by_remote(empty_blog, rid)
    assert here.status == "scheduled"
    # time passes (instead of waiting five years): the date is now behind us, here and there
    site.server.sql(
        "UPDATE wp_posts SET post_date = '2024-01-01 10:00:00', post_date_gmt ="
        f" '2024-01-01 10:00:00' WHERE ID = {rid};",
        "wordpress",
    )
    site.server.php(f"clean_post_cache({rid}); wp_publish_post({rid});")  # what cron does
    empty_blog.save_post(dataclasses.replace(here, date="2024-01-01T10:00:00+00:00"))
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pulled.updated_posts == 1, result.lines()
    assert post_by_remote(empty_blog, rid).status == "published"


def test_back_dated_post_and_comment_inserted_through_php(site: Site, empty_blog: Blog) -> None:
    """An import into the live site: `modified` is the past date, no modified_after finds it."""
    synced(site, empty_blog)
    post = php_id(
        site,
        "echo wp_insert_post(array('post_title' => 'From the old blog', 'post_status' =>"
        " 'publish', 'post_content' => '<p>Old words.</p>', 'post_date' => '2015-05-01 10:00:00',"
        " 'post_date_gmt' => '2015-05-01 10:00:00'));",
    )
    comment = php_id(
        site,
        f"echo wp_insert_comment(array('comment_post_ID' => {site.posts['review']},"
        " 'comment_content' => 'An old remark', 'comment_author' => 'Vera',"
        " 'comment_approved' => 1, 'comment_date' => '2015-06-01 10:00:00',"
        " 'comment_date_gmt' => '2015-06-01 10:00:00'));",
    )
    result, _ = run_sync(empty_blog, site)
    assert (result.pulled.new_posts, result.pulled.new_comments) == (1, 1), result.lines()
    old = post_by_remote(empty_blog, post)
    assert old.title == "From the old blog" and old.date.startswith("2015-05-01")
    assert by_remote(empty_blog, comment).author == "Vera"


def test_deleted_and_trashed_posts(site: Site, empty_blog: Blog) -> None:
    synced(site, empty_blog)
    deleted = post_by_remote(empty_blog, site.posts["filler1"])
    assert site.rest("DELETE", f"/wp/v2/posts/{site.posts['filler1']}", params={"force": "1"})[0]
    assert site.rest("DELETE", f"/wp/v2/posts/{site.posts['filler5']}")[0] == 200  # to trash
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert result.pulled.gone_posts == [deleted.id]
    assert post_by_remote(empty_blog, site.posts["filler5"]).status == "trash"
    assert empty_blog.post(deleted.id).title == "Filler 1"  # kept here


def test_new_comment_pingback_and_trackback(site: Site, empty_blog: Blog) -> None:
    synced(site, empty_blog)
    status, new = site.rest(
        "POST", "/wp/v2/comments", body={"post": site.posts["guest"], "content": "Noir forever"}
    )
    assert status == 201 and isinstance(new, dict)
    pings = {
        kind: php_id(
            site,
            f"echo wp_insert_comment(array('comment_post_ID' => {site.posts['review']},"
            f" 'comment_type' => '{kind}', 'comment_author' => 'Other Blog',"
            " 'comment_author_url' => 'https://other.example/dune',"
            " 'comment_content' => '[...] a fine review of Dune [...]',"
            " 'comment_approved' => 1, 'comment_date' => '2024-03-02 10:00:00',"
            " 'comment_date_gmt' => '2024-03-02 10:00:00'));",
        )
        for kind in ("pingback", "trackback")
    }
    result, _ = run_sync(empty_blog, site)
    assert result.pulled.new_comments == 3, result.lines()
    assert by_remote(empty_blog, int(new["id"])).body.strip() == "Noir forever"
    for kind, rid in pings.items():
        ping = by_remote(empty_blog, rid)
        assert ping.kind == kind and ping.url == "https://other.example/dune"
    review = post_by_remote(empty_blog, site.posts["review"])
    kinds = sorted(c.kind for c, _ in empty_blog.thread(review.id))
    assert kinds == ["comment"] * 5 + ["pingback", "trackback"]


def test_pingbacks_come_with_the_first_full_pull(site: Site, empty_blog: Blog) -> None:
    site.server.php(
        f"wp_insert_comment(array('comment_post_ID' => {site.posts['guest']},"
        " 'comment_type' => 'pingback', 'comment_author' => 'Elsewhere',"
        " 'comment_content' => 'linked', 'comment_approved' => 1));"
    )
    synced(site, empty_blog)
    guest = post_by_remote(empty_blog, site.posts["guest"])
    assert sorted(c.kind for c, _ in empty_blog.thread(guest.id)) == ["comment", "pingback"]


def test_comments_on_a_page_reach_thread_inbox_and_moderation(site: Site, empty_blog: Blog) -> None:
    synced(site, empty_blog)
    status, pages = site.rest("GET", "/wp/v2/pages", params={"search": "Sample"})
    assert status == 200 and isinstance(pages, list)
    page_rid = int(pages[0]["id"])
    waiting = [
        php_id(
            site,
            f"echo wp_insert_comment(array('comment_post_ID' => {page_rid}, 'comment_content' =>"
            f" 'Question {n} about this page', 'comment_author' => 'Reader {n}',"
            " 'comment_approved' => 0));",
        )
        for n in (1, 2)
    ]
    result, _ = run_sync(empty_blog, site)
    assert result.pulled.new_comments == 2, result.lines()
    page = post_by_remote(empty_blog, page_rid)
    assert page.kind == "page" and page.title == "Sample Page"
    first = by_remote(empty_blog, waiting[0])
    assert first.post_id == page.id and first.status == "pending"
    assert [c.id for c, _ in empty_blog.thread(page.id)] == [
        by_remote(empty_blog, r).id for r in waiting
    ]
    assert first.id in {c.id for c in moderation.pending(empty_blog)}
    assert first.id in {item.comment.id for item in inbox.pending_items(empty_blog)}
    moderation.moderate(empty_blog, first.id, "approve")
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.moderations == 1, result.lines()
    assert site.get(f"/wp/v2/comments/{waiting[0]}")["status"] == "approved"


def test_no_change_sync_reads_only_the_windows(site: Site, empty_blog: Blog) -> None:
    """Nothing changed: posts, pages and each comment status are looked at once, no more
    (users/me is known from the first sync)."""
    synced(site, empty_blog)
    result, _ = run_sync(empty_blog, site)
    assert (result.pulled.new_posts, result.pulled.updated_comments) == (0, 0)
    assert result.calls == 2 + 4  # posts and pages seen whole; four comment statuses
    assert load(empty_blog).clock  # the site's clock, kept for the next pull


def test_an_author_sees_new_posts_and_comments_too(site: Site, empty_blog: Blog) -> None:
    """An author may not list others' drafts nor moderate: the pull falls back to what they
    can read, and still sees what is new."""
    from reeltui.services.sync.credentials import Credentials
    from reeltui.services.sync.run import sync

    status, made = site.rest(
        "POST", f"/wp/v2/users/{site.users['guest']}/application-passwords", body={"name": "t"}
    )
    assert status == 201 and isinstance(made, dict)
    guest = Credentials(site.server.url, "guest", str(made["password"]))
    first = sync(empty_blog, guest)
    assert first.ok, first.lines()
    site.rest("POST", "/wp/v2/posts", body={"title": "Editor's new one", "status": "publish"})
    status, new = site.rest(
        "POST", "/wp/v2/comments", body={"post": site.posts["guest"], "content": "For the guest"}
    )
    assert status == 201 and isinstance(new, dict)
    result = sync(empty_blog, guest)
    assert result.ok and result.pulled.new_posts == 1, result.lines()
    assert result.pulled.new_comments == 1
    assert by_remote(empty_blog, int(new["id"])).body.strip() == "For the guest"
