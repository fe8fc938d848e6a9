"""What the site holds beyond words: categories by id, who posts, titles with markup,
Unicode slugs, password-protected posts, pages edited here."""

from __future__ import annotations

import dataclasses

import pytest

from reeltui.domain.models import Post
from reeltui.services import Blog, outbox
from reeltui.services.sync import identity
from tests.sync.conftest import Site, by_remote, local_reply, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def term_names(site: Site, route: str, ids: object) -> list[str]:
    status, terms = site.rest("GET", route, params={"include": ",".join(map(str, ids))})  # type: ignore[call-overload]
    assert status == 200 and isinstance(terms, list)
    return sorted(str(t["name"]) for t in terms)


def test_two_categories_of_the_same_name_stay_two(site: Site, empty_blog: Blog) -> None:
    made = site.server.php(
        "$a = wp_insert_term('Parent A', 'category')['term_id'];"
        "$b = wp_insert_term('Parent B', 'category')['term_id'];"
        "$fa = wp_insert_term('Foo A', 'category', array('parent' => $a))['term_id'];"
        "$fb = wp_insert_term('Foo A', 'category', array('parent' => $b))['term_id'];"
        "$p = wp_insert_post(array('post_title' => 'Twice filed', 'post_status' => 'publish',"
        " 'post_category' => array($fa, $fb)));"
        "echo json_encode(array($p, $fa, $fb));"
    )
    rid, foo_a, foo_b = (int(x) for x in made.strip().strip("[]").split(","))
    run_sync(empty_blog, site)
    post = post_by_remote(empty_blog, rid)
    assert sorted(post.categories) == ["Parent A › Foo A", "Parent B › Foo A"]
    # edited here (one more category, a new one), pushed: both Foo A stay, one term made
    edited = dataclasses.replace(
        post, body="Filed twice, on purpose.\n", categories=[*post.categories, "Parent B › Bar"]
    )
    empty_blog.save_post(edited)
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.posts == 1, result.lines()
    remote = site.get(f"/wp/v2/posts/{rid}")
    assert foo_a in remote["categories"] and foo_b in remote["categories"]  # type: ignore[operator]
    assert len(remote["categories"]) == 3  # type: ignore[arg-type]
    status, bars = site.rest("GET", "/wp/v2/categories", params={"search": "Bar"})
    assert status == 200 and isinstance(bars, list) and len(bars) == 1
    assert post_by_remote(empty_blog, rid).categories == edited.categories
    # another post using the new name: no second "Bar"
    other = post_by_remote(empty_blog, site.posts["filler2"])
    empty_blog.save_post(dataclasses.replace(other, categories=["Parent B › Bar"]))
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    status, bars = site.rest("GET", "/wp/v2/categories", params={"search": "Bar"})
    assert status == 200 and isinstance(bars, list) and len(bars) == 1


def test_a_reply_is_stored_as_signed_by_the_site_user(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    assert identity.known(empty_blog) == {
        "id": 1,
        "name": "Ruth",
        "slug": "admin",
        "email": "admin@example.com",
    }
    on_guest = by_remote(empty_blog, site.comments["g1"])
    reply = dataclasses.replace(
        local_reply(empty_blog, on_guest, "Thanks, Sam!", "r-1"), author="Guest Writer"
    )
    outbox.queue_reply(empty_blog, reply)
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    sent = empty_blog.comment("r-1")
    remote = site.get(f"/wp/v2/comments/{sent.remote_id}")
    assert remote["author_name"] == "Ruth" and remote["author"] == 1
    assert (sent.author, sent.email) == ("Ruth", "admin@example.com")
    assert sent.date.startswith(str(remote["date_gmt"])[:19])
    assert sent.source["wp_link"] == remote["link"]


def test_a_pushed_draft_gets_what_the_site_gave_it(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    empty_blog.save_post(
        Post(id="p-mine", slug="", title="Quiet <em>place</em> notes", body="Hush.\n")
    )
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.posts == 1, result.lines()
    mine = empty_blog.post("p-mine")
    remote = site.get(f"/wp/v2/posts/{mine.source['wp']}")
    assert mine.author == "Ruth" and mine.categories == ["Uncategorized"]
    assert remote["slug"] == "" and mine.slug == remote["generated_slug"]  # a draft's slug
    assert mine.source["wp_link"] == remote["link"]
    assert mine.date.startswith(str(remote["date_gmt"])[:19])
    assert mine.title == "Quiet <em>place</em> notes"  # what was typed stays
    again, _ = run_sync(empty_blog, site)
    assert again.ok and again.pushed.posts == 0  # nothing to send again


def test_titles_slugs_and_protected_posts_read_as_text(site: Site, empty_blog: Blog) -> None:
    status, made = site.rest(
        "POST",
        "/wp/v2/posts",
        body={
            "title": "Title <em>With</em> Markup &amp; More",
            "slug": "private-notes-✨",
            "status": "publish",
            "password": "letmein",
            "content": "<p>Behind a password.</p>",
        },
    )
    assert status == 201 and isinstance(made, dict)
    assert made["slug"] == "private-notes-%e2%9c%a8"  # what WordPress keeps and answers
    run_sync(empty_blog, site)
    post = post_by_remote(empty_blog, int(made["id"]))
    assert post.title == "Title With Markup & More"
    assert post.slug == "private-notes-✨"
    assert post.source["wp_protected"] == "1"
    # an edit of the words sends the title back with its markup
    empty_blog.save_post(dataclasses.replace(post, body="Still behind a password.\n"))
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.posts == 1, result.lines()
    remote = site.get(f"/wp/v2/posts/{made['id']}")
    assert remote["title"]["raw"] == "Title <em>With</em> Markup &amp; More"  # type: ignore[index]
    assert remote["slug"] == "private-notes-%e2%9c%a8"


def test_a_page_edited_here_is_pushed_like_a_post(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    [row] = [p for p in empty_blog.posts() if p.kind == "page" and p.status == "published"]
    page = empty_blog.post(row.id)
    empty_blog.save_post(dataclasses.replace(page, body="About this blog, rewritten.\n"))
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.posts == 1, result.lines()
    remote = site.get(f"/wp/v2/pages/{page.source['wp']}")
    assert "About this blog, rewritten." in str(remote["content"]["raw"])  # type: ignore[index]
    # and both sides edited: a conflict, nothing sent, like a post
    page = empty_blog.post(page.id)
    empty_blog.save_post(dataclasses.replace(page, body="Mine.\n"))
    site.rest("POST", f"/wp/v2/pages/{page.source['wp']}", body={"content": "<p>Theirs.</p>"})
    site.server.sql(  # edited a minute later than our push (not within the same second)
        "UPDATE wp_posts SET post_modified = post_modified + INTERVAL 1 MINUTE, post_modified_gmt"
        f" = post_modified_gmt + INTERVAL 1 MINUTE WHERE ID = {page.source['wp']};",
        "wordpress",
    )
    site.server.php(f"clean_post_cache({page.source['wp']});")
    result, _ = run_sync(empty_blog, site)
    assert result.pushed.posts == 0 and [c.id for c in result.conflicts] == [f"post:{page.id}"]
