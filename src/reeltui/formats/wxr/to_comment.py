"""One <wp:comment> element's fields -> a Comment: its Markdown (reeltui's own, when the HTML
is what reeltui exported), status, origin and a reply's sync state, and the values reeltui
exported exactly. Threading them (wp:comment_parent) is the post's work (to_posts.py).
"""

from __future__ import annotations

from typing import Any

from reeltui.domain.models import COMMENT_KINDS, SYNC_STATES, Comment, member
from reeltui.domain.vocab import CommentOrigin
from reeltui.formats.html2md import html_to_markdown
from reeltui.formats.wxr import local_meta
from reeltui.formats.wxr.exact import restore
from reeltui.formats.wxr.mapping import COMMENT_STATUS_IN, as_read, date_in, html_digest


def comment_of(fields: dict[str, str], own: dict[str, Any], raw_id: str, post_id: str) -> Comment:
    html = fields.get("wp:comment_content", "")
    body, exact = _body(html, own)
    date, _ = date_in(fields.get("wp:comment_date", ""), fields.get("wp:comment_date_gmt", ""))
    date = restore(own, "date", date)
    kind = fields.get("wp:comment_type", "").strip() or "comment"
    approved = fields.get("wp:comment_approved", "")
    status = COMMENT_STATUS_IN.get(approved.strip(), "pending")
    origin: CommentOrigin = "local" if own.get("origin") == "local" else "imported"
    status = local_meta.status_in(own, approved, status) if own else status
    kept = own.get("sync_state")  # a reply of ours: where it stands
    local = origin == "local" and kept in SYNC_STATES
    sync_state = member(SYNC_STATES, kept, "sync state") if local else None
    source = {"wxr": raw_id}
    if isinstance(own.get("source"), dict):
        source = {**{str(k): str(v) for k, v in own["source"].items()}, **source}
    own_id = own.get("id")
    return Comment(
        id=own_id if isinstance(own_id, str) and own_id else f"c-wxr-{raw_id}",
        post_id=post_id,
        author=restore(own, "author", as_read("author", fields.get("wp:comment_author", ""))),
        email=restore(own, "email", as_read("email", fields.get("wp:comment_author_email", ""))),
        url=restore(own, "url", as_read("url", fields.get("wp:comment_author_url", ""))),
        date=date,
        body=body if exact else body.rstrip("\n"),
        status=status,
        kind=kind if kind in COMMENT_KINDS else "comment",
        origin=origin,
        sync_state=sync_state,
        sync_error=str(own.get("sync_error", "")) if origin == "local" else "",
        remote_id=str(own.get("remote_id", "")),
        source=source,
    )


def _body(html: str, own: dict[str, Any]) -> tuple[str, bool]:
    """Markdown for a comment: reeltui's own source if the HTML is what reeltui exported."""
    markdown = own.get("markdown")
    if isinstance(markdown, str) and own.get("html") == html_digest(html):
        return markdown, True
    return html_to_markdown(html), False
