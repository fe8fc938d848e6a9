"""Push posts to WordPress, Markdown -> HTML: new drafts, and posts edited here.

A post is sent when it is on the site (`source["wp"]`, any status: a published review whose
typo was fixed offline goes out too) and edited here since the last pull (its fingerprint
differs from `source["wp_hash"]`), or when it is a new draft or pending post. A new post of
another status (published, imported from files...) is never published by a sync. Before an
update the site's copy is read: if it changed since our copy (`source["wp_modified"]`),
nothing is sent and a conflict keeps both.
"""

from __future__ import annotations

import html
from typing import Any

from reeltui.domain.models import Post
from reeltui.services.blog import Blog
from reeltui.services.sync_push import PushCounts, Report
from reeltui.services.syncstate import Conflict, SyncState, now, remote_id
from reeltui.services.wpclient import Refused, WPClient, id_of
from reeltui.services.wpmap import (
    POST_STATUS_TO_WP,
    markdown_to_html,
    post_hash,
    post_version,
    to_post,
    with_source,
)


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


class Terms:
    """Category and tag names -> WordPress term ids (found by search, created when missing)."""

    def __init__(self, client: WPClient) -> None:
        self.client = client
        self.known: dict[tuple[str, str], int] = {}

    def ids(self, route: str, names: list[str]) -> list[int]:
        return [self.id(route, name) for name in names if name.strip()]

    def id(self, route: str, name: str) -> int:
        key = (route, name.strip().casefold())
        if key not in self.known:
            found = self.client.get(route, search=name.strip(), per_page=100, _fields="id,name")
            for item in found if isinstance(found, list) else []:
                if html.unescape(str(item.get("name", ""))).strip().casefold() == key[1]:
                    self.known[key] = int(item["id"])
                    break
            else:
                try:
                    made = self.client.post(route, {"name": name.strip()})
                    self.known[key] = int(made["id"])
                except Refused as exc:
                    existing = exc.data.get("term_id") if isinstance(exc.data, dict) else None
                    if exc.code != "term_exists" or not existing:
                        raise
                    self.known[key] = int(existing)
        return self.known[key]


def push_drafts(
    blog: Blog, client: WPClient, state: SyncState, counts: PushCounts, report: Report
) -> None:
    todo = drafts_to_push(blog)
    terms = Terms(client)
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
    blog: Blog, client: WPClient, state: SyncState, post: Post, counts: PushCounts, terms: Terms
) -> bool:
    rid = remote_id(post.source.get("wp"))
    conflict_id = f"post:{post.id}"
    forced = conflict_id in state.forced
    body: dict[str, Any] = {
        "title": post.title,
        "content": markdown_to_html(post.body),
        "excerpt": post.excerpt,
        "status": POST_STATUS_TO_WP[post.status],
    }
    if post.slug:
        body["slug"] = post.slug
    if rid:
        try:
            remote = client.get(f"/wp/v2/posts/{rid}", context="edit")
        except Refused as exc:
            if exc.status not in (404, 410):
                raise
            remote = None
        changed = remote is None or str(remote.get("modified_gmt")) != post.source.get(
            "wp_modified"
        )
        if changed and not forced:
            theirs = (
                post_version(to_post(remote, post.id, post, {}, {}, {}))
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
        route = f"/wp/v2/posts/{rid}" if remote is not None else "/wp/v2/posts"
    else:
        route = "/wp/v2/posts"
    # Sent by an earlier sync that died before recording it? Then adopt that copy.
    saved = None if rid else _own_copy(blog, client, body)
    if saved is None:
        # terms only now: a conflict above must not create categories or tags on the site
        if rid or post.categories:
            body["categories"] = terms.ids("/wp/v2/categories", post.categories)
        if rid or post.tags:
            body["tags"] = terms.ids("/wp/v2/tags", post.tags)
        saved = client.post(route, body)
    blog.save_post(
        with_source(
            post,
            wp=id_of(saved, "post"),
            wp_modified=str(saved.get("modified_gmt") or ""),
            wp_link=str(saved.get("link") or ""),
            wp_hash=post_hash(post),
            wp_error="",
        )
    )
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
