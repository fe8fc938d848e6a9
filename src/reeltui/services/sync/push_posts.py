"""Push posts and pages to WordPress, Markdown -> HTML: new drafts, and posts edited here.

A post is sent when it is on the site (`source["wp"]`, any status: a published review whose
typo was fixed offline goes out too) and edited here since the last pull (its fingerprint
differs from `source["wp_hash"]`), or when it is a new draft or pending post. A new post of
another status (published, imported from files...) is never published by a sync. Before an
update the site's copy is read: if it changed since our copy (`source["wp_modified"]`),
nothing is sent and a conflict keeps both. Categories and tags go as ids (`terms`). What the
site answers (author, categories, tags, dates, slug, link, status) is written back to the
store, so the post here says what the site shows.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from reeltui.domain.models import Post
from reeltui.services.blog import Blog
from reeltui.services.sync.client import Refused, WPClient, id_of
from reeltui.services.sync.mapping import (
    POST_STATUS_TO_WP,
    ROUTES,
    content_for_site,
    post_hash,
    post_version,
    sent_text,
    title_for_site,
    to_post,
    with_source,
)
from reeltui.services.sync.push_outbox import PushCounts, Report
from reeltui.services.sync.state import Conflict, SyncState, now, remote_id
from reeltui.services.sync.terms import TermIds, TermNames


def drafts_to_push(blog: Blog) -> list[Post]:
    """Posts on the site edited here since the last pull, and new draft or pending posts."""
    found = []
    for post in blog.full_posts():
        if remote_id(post.source.get("wp")):
            if post.source.get("wp_hash") == post_hash(post):
                continue  # unchanged since the last pull
        elif post.status not in ("draft", "pending"):
            continue  # a sync never publishes a post the site has not seen
        found.append(post)
    return sorted(found, key=lambda p: (p.date, p.id))


def push_drafts(
    blog: Blog,
    client: WPClient,
    state: SyncState,
    counts: PushCounts,
    report: Report,
    names: TermNames,
) -> None:
    todo = drafts_to_push(blog)
    terms = TermIds(client, names)
    for done, post in enumerate(todo, 1):
        report("sending posts", done, len(todo))
        try:
            sent = _push_draft(blog, client, state, post, counts, terms)
        except Refused as exc:
            blog.save_post(with_source(post, wp_error=str(exc)))
            counts.failed.append(f"post “{post.title}”: {exc}")
            continue
        if sent:
            counts.posts += 1


def _push_draft(
    blog: Blog, client: WPClient, state: SyncState, post: Post, counts: PushCounts, terms: TermIds
) -> bool:
    rid = remote_id(post.source.get("wp"))
    conflict_id = f"post:{post.id}"
    forced = conflict_id in state.forced
    body: dict[str, Any] = {
        "title": title_for_site(post),
        **content_for_site(post),
        "status": POST_STATUS_TO_WP[post.status],
    }
    collection = ROUTES[post.kind]
    if post.slug:
        body["slug"] = post.slug
    if rid:
        try:
            remote = client.get(f"{collection}/{rid}", context="edit")
        except Refused as exc:
            if exc.status not in (404, 410):
                raise
            remote = None
        changed = remote is None or str(remote.get("modified_gmt")) != post.source.get(
            "wp_modified"
        )
        if changed and not forced:
            theirs = (
                post_version(to_post(remote, post.id, post, {}, terms.names))
                if isinstance(remote, dict)
                else {"status": "deleted"}
            )
            found = Conflict(
                id=conflict_id,
                kind="post",
                local_id=post.id,
                remote_id=rid,
                message=f"“{post.title}” was edited here and "
                + ("deleted on the site" if remote is None else "on the site")
                + "; both versions kept, nothing sent",
                local=post_version(post),
                remote=theirs,
                found=now(),
            )
            state.add_conflict(found)
            counts.conflicts.append(found)
            return False
        route = f"{collection}/{rid}" if remote is not None else collection
    else:
        route = collection
    # Sent by an earlier sync that died before recording it? Then adopt that copy.
    saved = None if rid else _own_copy(blog, client, body)
    if saved is None:
        # terms only now: a conflict above must not create categories or tags on the site
        if post.kind == "post" and (rid or post.categories):
            body["categories"] = terms.ids("categories", post)
        if post.kind == "post" and (rid or post.tags):
            body["tags"] = terms.ids("tags", post)
        saved = client.post(route, body, context="edit")
    id_of(saved, "post")
    # the site's HTML as it now holds it is what the next edit will be spliced into
    blog.save_post(sent_text(as_the_site_has_it(client, post, saved, terms.names), saved, body))
    state.drop_conflict(conflict_id)
    if forced:
        state.forced.remove(conflict_id)
    return True


def _own_copy(blog: Blog, client: WPClient, body: dict[str, Any]) -> Any:
    """Our own identical draft on the site that no local post claims, or None."""
    if not body.get("slug") or not client.user_id:
        return None
    try:
        found = client.collect(
            "/wp/v2/posts",
            slug=body["slug"],
            status="draft,pending",
            author=client.user_id,
            context="edit",
        )
    except Refused:
        return None
    claimed = {remote_id(p.source.get("wp")) for p in blog.posts()}

    def same(item: Any) -> bool:
        if not isinstance(item, dict) or str(item.get("id")) in claimed:
            return False
        title, content = item.get("title"), item.get("content")
        return (
            isinstance(title, dict)
            and isinstance(content, dict)
            and title.get("raw") == body["title"]
            and " ".join(str(content.get("raw")).split()) == " ".join(body["content"].split())
        )

    return next((item for item in found if same(item)), None)


def as_the_site_has_it(
    client: WPClient, post: Post, saved: dict[str, Any], names: TermNames
) -> Post:
    """The post after a push, with what the site answered: its author (the application
    password's user), categories and tags (the site adds "Uncategorized"), dates, slug, link,
    status. The words stay ours (no round trip through the site's HTML)."""
    author = post.author
    if int(saved.get("author") or 0) == client.user_id and client.user_name:
        author = client.user_name
    theirs = to_post(saved, post.id, post, {client.user_id: author}, names)
    mine = dataclasses.replace(
        theirs,
        title=post.title,
        body=post.body,
        excerpt=post.excerpt,
        rating=post.rating,
        author=author or theirs.author,
        categories=_same_order(post.categories, theirs.categories, saved.get("categories")),
        tags=_same_order(post.tags, theirs.tags, saved.get("tags")),
    )
    return with_source(mine, wp_hash=post_hash(mine), wp_error="")


def _same_order(mine: list[str], theirs: list[str], answered: Any) -> list[str]:
    """The site's terms, in our order while they are the same ones."""
    if answered is None:
        return mine
    return mine if sorted(mine) == sorted(theirs) else theirs
