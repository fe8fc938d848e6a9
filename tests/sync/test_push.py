"""Push to a real WordPress: offline replies, moderation, drafts and edited posts; read back
through its API."""

from __future__ import annotations

import dataclasses

import pytest

from reeltui.domain.models import Post
from reeltui.formats.blockwrite import serialize
from reeltui.services import Blog, outbox
from tests.sync.conftest import Site, by_remote, local_reply, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def test_offline_replies_reach_wordpress_with_the_right_parents(
    site: Site, empty_blog: Blog
) -> None:
    run_sync(empty_blog, site)
    c3 = by_remote(empty_blog, site.comments["c3"])
    first = local_reply(empty_blog, c3, "Enjoy it, **Marcy**!", "r-first")
    second = local_reply(empty_blog, first, "And tell us how it went.", "r-second")
    # queued child first: it must still go after the reply it answers
    e2 = outbox.queue_reply(empty_blog, second)
    e1 = outbox.queue_reply(empty_blog, first)
    assert [e.id for e in outbox.entries(empty_blog)] == [e2.id, e1.id]

    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert result.pushed.replies == 2
    sent = {e.comment_id: e for e in outbox.entries(empty_blog)}
    assert {e.state for e in sent.values()} == {"sent"}
    first_rid, second_rid = sent["r-first"].remote_id, sent["r-second"].remote_id
    assert empty_blog.comment("r-first").remote_id == first_rid
    assert empty_blog.comment("r-first").source["wp"] == first_rid
    assert empty_blog.comment("r-first").sync_state == "sent"

    # read back from WordPress's own API
    one = site.get(f"/wp/v2/comments/{first_rid}")
    assert one["parent"] == site.comments["c3"] and one["post"] == site.posts["review"]
    assert "<strong>Marcy</strong>" in str(one["content"]["raw"])  # type: ignore[index]
    assert one["author_name"] == "Ruth" and one["status"] == "approved"
    two = site.get(f"/wp/v2/comments/{second_rid}")
    assert two["parent"] == int(first_rid)

    # the pull of the same sync saw them come back: no duplicates, still our local replies
    mine = [c for c in empty_blog.all_comments() if c.remote_id in (first_rid, second_rid)]
    assert sorted(c.id for c in mine) == ["r-first", "r-second"]
    assert all(c.origin == "local" for c in mine)
    # a second sync sends nothing again
    again, _ = run_sync(empty_blog, site)
    assert again.pushed.replies == 0 and again.ok


def test_moderation_actions_are_sent(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    pending = by_remote(empty_blog, site.comments["c4"])
    spam = by_remote(empty_blog, site.comments["c5"])
    g1 = by_remote(empty_blog, site.comments["g1"])
    outbox.add(empty_blog, "moderate", pending.id, "approve")
    outbox.add(empty_blog, "moderate", g1.id, "trash")
    outbox.add(empty_blog, "moderate", spam.id, "approve")
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert result.pushed.moderations == 3
    assert site.get(f"/wp/v2/comments/{site.comments['c4']}")["status"] == "approved"
    assert site.get(f"/wp/v2/comments/{site.comments['c5']}")["status"] == "approved"
    assert site.get(f"/wp/v2/comments/{site.comments['g1']}")["status"] == "trash"
    assert {e.state for e in outbox.entries(empty_blog)} == {"sent"}


def test_offline_draft_edit_and_new_draft_are_pushed(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    draft = post_by_remote(empty_blog, site.posts["draft"])
    edited = dataclasses.replace(
        draft,
        title="Oppenheimer: first thoughts",
        body="Nolan's **biggest** film.\n\n- three hours\n- IMAX\n\n4 out of 5 reels\n",
        categories=["Reviews", "Biopics"],
        tags=["Nolan"],
    )
    empty_blog.save_post(edited)
    fresh = Post(
        id="p-new-local",
        slug="barbie-notes",
        title="Barbie notes",
        body="Pink, *very* pink.\n",
        status="draft",
        date="2026-01-01T00:00:00+00:00",
    )
    empty_blog.save_post(fresh)
    untouched = post_by_remote(empty_blog, site.posts["pending"])

    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert result.pushed.posts == 2  # the edited draft and the new one; not the unchanged one

    remote = site.get(f"/wp/v2/posts/{site.posts['draft']}")
    assert remote["title"]["raw"] == "Oppenheimer: first thoughts"  # type: ignore[index]
    raw = str(remote["content"]["raw"])  # type: ignore[index]
    assert "<strong>biggest</strong>" in raw and "<li>IMAX</li>" in raw
    assert remote["status"] == "draft"
    names = {}
    for route, key in (("/wp/v2/categories", "categories"), ("/wp/v2/tags", "tags")):
        status, terms = site.rest("GET", route, params={"include": ",".join(map(str, remote[key]))})
        assert status == 200 and isinstance(terms, list)
        names[key] = sorted(t["name"] for t in terms)
    assert names == {"categories": ["Biopics", "Reviews"], "tags": ["Nolan"]}

    new_rid = empty_blog.post("p-new-local").source["wp"]
    created = site.get(f"/wp/v2/posts/{new_rid}")
    assert created["status"] == "draft" and created["slug"] == "barbie-notes"
    assert "<em>very</em>" in str(created["content"]["raw"])  # type: ignore[index]
    assert empty_blog.post(untouched.id).source == untouched.source

    # the pull afterwards keeps our Markdown (no round-trip churn) and nothing is re-sent
    assert empty_blog.post(draft.id).body == edited.body
    again, _ = run_sync(empty_blog, site)
    assert again.pushed.posts == 0 and again.ok
    assert len([p for p in empty_blog.posts() if p.title == "Barbie notes"]) == 1


def test_new_draft_sent_before_a_crash_is_adopted_not_duplicated(
    site: Site, empty_blog: Blog
) -> None:
    run_sync(empty_blog, site)
    empty_blog.save_post(
        Post(id="p-mine", slug="heat-rewatch", title="Heat, rewatched", body="Still great.\n")
    )
    # WordPress took it, then the sync died before the store recorded the new id
    status, made = site.rest(
        "POST",
        "/wp/v2/posts",
        body={
            "title": "Heat, rewatched",
            "slug": "heat-rewatch",
            "content": serialize("Still great.\n"),  # what reeltui sends: core blocks
            "status": "draft",
        },
    )
    assert status == 201 and isinstance(made, dict)
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert empty_blog.post("p-mine").source["wp"] == str(made["id"])
    status, found = site.rest(
        "GET", "/wp/v2/posts", params={"search": "Heat", "status": "draft", "context": "edit"}
    )
    assert status == 200 and [p["id"] for p in found] == [made["id"]]  # type: ignore[union-attr]


def test_a_published_post_edited_here_is_updated_on_the_site(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    review = post_by_remote(empty_blog, site.posts["review"])
    assert review.status == "published"
    filler = post_by_remote(empty_blog, site.posts["filler1"])
    fixed = dataclasses.replace(review, body=review.body + "\nA typo fixed offline.\n")
    empty_blog.save_post(fixed)
    # A post the site has never seen is not published by a sync, whatever its status.
    empty_blog.save_post(
        Post(id="p-local-pub", slug="local-only", title="Local only", status="published")
    )

    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert result.pushed.posts == 1  # the edited review; not the fillers, not the local post
    remote = site.get(f"/wp/v2/posts/{site.posts['review']}")
    assert "A typo fixed offline." in str(remote["content"]["raw"])  # type: ignore[index]
    assert remote["status"] == "publish"
    assert "wp" not in empty_blog.post("p-local-pub").source
    assert empty_blog.post(filler.id).source == filler.source
    again, _ = run_sync(empty_blog, site)
    assert again.ok and again.pushed.posts == 0  # sent once


def test_a_published_post_edited_on_both_sides_keeps_both(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    review = post_by_remote(empty_blog, site.posts["review"])
    empty_blog.save_post(dataclasses.replace(review, body="Mine, offline.\n"))
    status, _ = site.rest(
        "POST",
        f"/wp/v2/posts/{site.posts['review']}",
        body={"content": "<p>The editor's version.</p>"},
    )
    assert status == 200
    result, _ = run_sync(empty_blog, site)
    assert result.pushed.posts == 0 and [c.id for c in result.conflicts] == [f"post:{review.id}"]
    remote = site.get(f"/wp/v2/posts/{site.posts['review']}")
    assert remote["content"]["raw"] == "<p>The editor's version.</p>"  # type: ignore[index]
    assert empty_blog.post(review.id).body == "Mine, offline.\n"
