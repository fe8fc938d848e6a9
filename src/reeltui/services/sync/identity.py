"""Who the application password belongs to, learned from the site (`/wp/v2/users/me`).

Kept in the store's meta table under `identity_from_site` as {"id", "name", "slug", "email"}:
the site posts every reply and new post as that user, whatever name the client had in mind,
so replies and new posts are signed with it (the `[identity]` config is the fallback before
the first sync).
"""

from __future__ import annotations

from typing import Any

from reeltui.services.blog import Blog
from reeltui.store import state as store_state

DOC_ID = "identity_from_site"
CAPS = (
    "edit_posts",
    "edit_others_posts",
    "edit_pages",
    "edit_others_pages",
    "moderate_comments",
)


def learn(blog: Blog, me: dict[str, Any]) -> dict[str, Any]:
    identity = {
        "id": int(me.get("id") or 0),
        "name": str(me.get("name") or ""),
        "slug": str(me.get("slug") or ""),
        "email": str(me.get("email") or ""),
    }
    if store_state.meta_doc(blog.store, DOC_ID) != identity:
        store_state.put_meta_doc(blog.store, DOC_ID, identity)
    return identity


def known(blog: Blog) -> dict[str, Any] | None:
    found = store_state.meta_doc(blog.store, DOC_ID)
    if not found or not isinstance(found.get("id"), int):
        return None
    return {k: found.get(k, "") for k in ("id", "name", "slug", "email")}


def capabilities(me: dict[str, Any]) -> dict[str, bool]:
    caps = me.get("capabilities")
    caps = caps if isinstance(caps, dict) else {}
    return {name: bool(caps.get(name)) for name in CAPS}
