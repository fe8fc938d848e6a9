"""Pull, the comments: every comment, pingback and trackback (a full pull), or what the newest
window of each status (approved, held, spam, trash) shows has arrived, moved or left, read
again by id (an incremental one). See sync/fetch.py for what an incremental pull can miss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reeltui.domain.vocab import CommentStatus
from reeltui.services.sync.client import WPClient
from reeltui.services.sync.fetch_ids import all_ids, has_id, membership, read_ids
from reeltui.services.sync.mapping import comment_status

COMMENTS = "/wp/v2/comments"
# the site's comment statuses (as the REST API filters them) -> ours
COMMENT_STATUSES: dict[str, CommentStatus] = {
    "approve": "approved",
    "hold": "pending",
    "spam": "spam",
    "trash": "trash",
}


def every_comment(
    client: WPClient, caps: dict[str, bool], step: Callable[[int, int], None]
) -> list[Any]:
    """Every comment, pingback and trackback (of every status, for a moderator)."""
    return client.collect(
        COMMENTS, step, orderby="id", order="asc", **_comment_params(caps, everything=True)
    )


def _comment_params(caps: dict[str, bool], everything: bool = False) -> dict[str, str]:
    params = {"type": "all"} if caps.get("edit_posts") else {}
    if caps.get("moderate_comments"):
        params["context"] = "edit"
        if everything:
            params["status"] = "any"
    return params


def changed_comments(
    client: WPClient, caps: dict[str, bool], known: dict[str, str], step: Callable[[int, int], None]
) -> tuple[list[Any], set[str]]:
    """(comments to apply, remote ids gone), from the window of each status.

    First what the windows show moved is read again by id; then each big status's size is
    checked against what we hold, those reads included (approving an old held comment moves
    it into the approved ones below their window: its read says so). Only a size that still
    does not add up makes us list every id of that status."""
    moderator = caps.get("moderate_comments", False)
    statuses = COMMENT_STATUSES if moderator else {"approve": "approved"}
    kind = _comment_params(caps)
    kind.pop("context", None)
    params = _comment_params(caps, everything=True)
    windows: dict[str, tuple[list[str], int]] = {}
    to_read: set[str] = set()
    for done, (wp_status, here) in enumerate(statuses.items(), 1):
        window, total = client.first_page(
            COMMENTS, _fields="id", status=wp_status, orderby="id", order="desc", **kind
        )
        step(done, len(statuses))
        ids = [str(c["id"]) for c in window if has_id(c)]
        windows[wp_status] = (ids, total)
        mine = {rid for rid, status in known.items() if status == here}
        if total <= len(ids):  # the whole status in one page
            to_read |= set(ids) ^ mine
        else:
            to_read |= membership(ids, mine, total)[0]
    found = read_ids(client, COMMENTS, to_read, **params)
    now = dict(known)
    for rid in to_read:
        now.pop(rid, None)
    now.update((str(c["id"]), comment_status(c)) for c in found)
    again: set[str] = set()
    for wp_status, (ids, total) in windows.items():
        here = statuses[wp_status]
        if total > len(ids) and total != sum(1 for s in now.values() if s == here):
            every = set(all_ids(client, COMMENTS, status=wp_status, **kind))
            again |= every ^ {rid for rid, s in now.items() if s == here}
    again -= {str(c["id"]) for c in found}
    found += read_ids(client, COMMENTS, again, **params)
    asked = to_read | again
    gone = (asked & set(known)) - {str(c.get("id")) for c in found if isinstance(c, dict)}
    return found, gone
