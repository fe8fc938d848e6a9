"""`reeltui check`: what is wrong with a store, as a list of plain sentences."""

from __future__ import annotations

from collections import Counter

from reeltui.services.blog import Blog


def problems(blog: Blog) -> list[str]:
    found: list[str] = []
    posts = blog.posts()
    post_ids = {p.id for p in posts}
    for slug, count in sorted(Counter(p.slug for p in posts).items()):
        if count > 1:
            found.append(f"duplicate slug {slug!r} used by {count} posts")
    for post in posts:
        if not post.slug:
            found.append(f"post {post.id!r} has no slug")
    comments = blog.all_comments()
    comment_ids = {c.id for c in comments}
    for comment in sorted(comments, key=lambda c: c.id):
        if comment.post_id not in post_ids:
            found.append(f"comment {comment.id!r} belongs to missing post {comment.post_id!r}")
        if comment.parent_id is not None and comment.parent_id not in comment_ids:
            found.append(f"comment {comment.id!r} answers missing comment {comment.parent_id!r}")
    return found
