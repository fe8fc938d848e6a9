"""Who the writer is, for signing new posts and replies and telling their own items apart.

The writer's `[identity]` in the config comes first. Without one, sync's record of the site
user it authenticated as (`identity_from_site` in the store's meta table: id, name, slug,
email) is the writer; the app offers it as the default when it asks. Lacking both, the blog's
main author (who wrote most posts) is only a suggestion: it signs nothing until confirmed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reeltui.domain.identity import Identity, wrote_post
from reeltui.services.blog import Blog, PostRow
from reeltui.store import state

SITE_KEY = "identity_from_site"


def from_site(blog: Blog) -> Identity | None:
    """The site user sync authenticated as, when a sync recorded one (else None)."""
    doc: Any = state.meta_doc(blog.store, SITE_KEY)
    if isinstance(doc, dict) and isinstance(doc.get("value"), dict):
        doc = doc["value"]
    if not isinstance(doc, dict):
        return None
    name = " ".join(str(doc.get("name") or doc.get("slug") or "").split())
    email = str(doc.get("email") or "").strip()
    return Identity(name, email) if name else None


def main_author(blog: Blog) -> str:
    """Who wrote the most posts ("" for an empty blog)."""
    counts = Counter(p.author for p in blog.posts() if p.author.strip())
    return counts.most_common(1)[0][0] if counts else ""


def known(configured: Identity | None, blog: Blog) -> Identity:
    """The writer for sure: the configured identity, else the site user; else nobody."""
    if configured is not None and configured.known:
        return configured
    return from_site(blog) or Identity()


def suggested(configured: Identity | None, blog: Blog) -> Identity:
    """Who would sign: the known writer, else the blog's main author (to be confirmed)."""
    found = known(configured, blog)
    return found if found.known else Identity(main_author(blog))


UNPUBLISHED = ("draft", "pending", "scheduled")


def my_drafts_first(rows: list[PostRow], writer: Identity) -> list[PostRow]:
    """The "my drafts" view: the writer's posts (every post while the writer is not known),
    drafts first, then pending and scheduled ones, then the rest; each group in `rows`' order."""
    mine = [r for r in rows if not writer.known or wrote_post(writer, r.post)]
    order = {status: rank for rank, status in enumerate(UNPUBLISHED)}
    return sorted(mine, key=lambda r: order.get(r.post.status, len(order)))
