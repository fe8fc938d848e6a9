"""Pull, first half: read from the site what changed since the last pull (nothing is written).

A full pull (the first one, or `--full`) reads everything. An incremental pull must not miss a
change, and must stay cheap on a big site:

- Edits: posts and pages modified after the site's own clock at the start of the last pull
  (minus a margin) — never after the newest date seen in the data, which a scheduled post
  puts in the future and an import into the live site in the past.
- Membership: the newest 100 ids of each collection (ids only) and its size (X-WP-Total).
  New items (whatever their date) show at the top of that window, deleted ones make the size
  smaller than what we hold; when the size does not add up, all ids are listed (ids only) to
  find which. A collection of at most 100 is seen whole in that one request.
- Comments have no modification date: the same window per status (approved, held, spam,
  trash) finds new comments, pingbacks and trackbacks, moderation done on the site and
  deletions. What is seen to have moved is read again by id.
- A post scheduled here whose time has come is read again (the site publishes it without
  touching its modified date).

Not seen until a full pull: a comment's text edited on the site (WordPress keeps no date for
that), and two moves between statuses that both hold more than 100 comments and cancel out.

This module reads the posts and pages and puts the pull together; the comments are read in
fetch_comments.py, and the ids of a collection (its newest window, all of them, items by id)
in fetch_ids.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reeltui.services.sync.client import Refused, WPClient
from reeltui.services.sync.fetch_comments import changed_comments, every_comment
from reeltui.services.sync.fetch_ids import all_ids, has_id, membership, read_ids
from reeltui.services.sync.mapping import ROUTES, WP_POST_STATUSES, ids_of
from reeltui.services.sync.state import SyncState, since
from reeltui.services.sync.terms import TermNames, fetch_names

Report = Callable[[str, int, int], None]


@dataclass
class Known:
    """What the store holds from the site (items said to be gone left out)."""

    posts: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (kind, modified)
    due: dict[str, str] = field(default_factory=dict)  # scheduled here, time come: id -> kind
    comments: dict[str, str] = field(default_factory=dict)  # id -> status here


@dataclass
class Fetched:
    posts: list[dict[str, Any]] = field(default_factory=list)  # posts and pages
    comments: list[dict[str, Any]] = field(default_factory=list)
    users: dict[int, str] = field(default_factory=dict)
    every_post: bool = False  # a full pull by an editor: a post not listed is gone
    every_comment: bool = False  # a full pull by a moderator: likewise for comments
    gone_posts: set[str] = field(default_factory=set)  # remote ids no longer on the site
    gone_comments: set[str] = field(default_factory=set)
    clock: str = ""  # the site's clock when this pull started (ISO UTC)


def fetch(
    client: WPClient,
    state: SyncState,
    full: bool,
    report: Report,
    caps: dict[str, bool],
    known: Known,
    names: TermNames,
) -> Fetched:
    got = Fetched()
    full = full or not state.clock
    moderator = caps.get("moderate_comments", False)
    after = "" if full else since(state.clock)
    for kind, route in ROUTES.items():
        stage = f"pulling {kind}s"
        editor = caps.get(f"edit_others_{kind}s", False)
        if full or not editor:
            writer = caps.get(f"edit_{kind}s", False)
            got.posts += _every_post(client, route, writer, editor, after, _step(report, stage))
        else:
            found, gone = _changed_posts(client, route, kind, known, after, _step(report, stage))
            got.posts += found
            got.gone_posts |= gone
        got.clock = got.clock or client.server_date
    got.clock = got.clock or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    got.every_post = full and caps.get("edit_others_posts", False)
    got.every_comment = full and moderator
    if full:
        got.comments = every_comment(client, caps, _step(report, "pulling comments"))
    else:
        got.comments, got.gone_comments = changed_comments(
            client, caps, known.comments, _step(report, "checking comments")
        )
    got.posts = [p for p in got.posts if has_id(p) and (full or _changed(p, known))]
    got.comments = [c for c in got.comments if isinstance(c, dict) and "id" in c]
    got.users = _names(client, "/wp/v2/users", {int(p.get("author") or 0) for p in got.posts})
    if full:
        for terms in names.known.values():
            terms.clear()  # names may have changed: read again those in use
    for taxonomy in ("categories", "tags"):
        fetch_names(client, names, taxonomy, {i for p in got.posts for i in ids_of(p, taxonomy)})
    return got


def _step(report: Report, stage: str) -> Callable[[int, int], None]:
    return lambda page, total: report(stage, page, total)


def _every_post(
    client: WPClient,
    route: str,
    writer: bool,
    editor: bool,
    after: str,
    step: Callable[[int, int], None],
) -> list[Any]:
    """Every post (or every one changed after `after`). An editor reads them all with
    context=edit; an author gets only their own that way (WordPress leaves the others out),
    so the published ones are read too, with context=view; someone who may not write them
    (an author and pages) reads the published ones only."""
    mine: list[Any] = []
    if writer:
        mine = client.collect(
            route,
            step,
            context="edit",
            status=WP_POST_STATUSES,
            orderby="id",
            order="asc",
            modified_after=after or None,
        )
    if not editor:
        seen = {p.get("id") for p in mine if isinstance(p, dict)}
        public = client.collect(route, modified_after=after or None, orderby="id", order="asc")
        mine += [p for p in public if isinstance(p, dict) and p.get("id") not in seen]
    return mine


def _changed_posts(
    client: WPClient,
    route: str,
    kind: str,
    known: Known,
    after: str,
    step: Callable[[int, int], None],
) -> tuple[list[Any], set[str]]:
    """(posts of `route` to apply, remote ids of those gone from the site) for an editor."""
    window, total = client.first_page(
        route, _fields="id,modified_gmt", status=WP_POST_STATUSES, orderby="id", order="desc"
    )
    step(1, 1)
    site = {str(w["id"]): str(w.get("modified_gmt") or "") for w in window if has_id(w)}
    mine = {rid: modified for rid, (k, modified) in known.posts.items() if k == kind}
    records: list[Any] = []
    gone: set[str] = set()
    if total <= len(site):  # the whole collection in one page: compare it all
        to_read = {rid for rid, modified in site.items() if mine.get(rid) != modified}
        gone = set(mine) - set(site)
    else:
        records = client.collect(
            route,
            context="edit",
            status=WP_POST_STATUSES,
            orderby="id",
            order="asc",
            modified_after=after,
        )
        to_read, listed = membership(site.keys(), set(mine), total)
        if listed is not None:
            listed |= set(all_ids(client, route, status=WP_POST_STATUSES))
            to_read |= listed - set(mine)
            gone = set(mine) - listed
    to_read |= {rid for rid, k in known.due.items() if k == kind}
    to_read -= {str(r.get("id")) for r in records if isinstance(r, dict)}
    found = read_ids(client, route, to_read, context="edit", status=WP_POST_STATUSES)
    gone |= (to_read & set(mine)) - {str(r.get("id")) for r in found}
    return records + found, gone


def _changed(wp: dict[str, Any], known: Known) -> bool:
    """Not the copy we hold already (posts modified just before the last pull come again)."""
    rid = str(wp["id"])
    held = known.posts.get(rid)
    return held is None or held[1] != str(wp.get("modified_gmt") or "") or rid in known.due


def _names(client: WPClient, route: str, ids: set[int]) -> dict[int, str]:
    """Names of users by id (only those needed, 100 per call)."""
    wanted = sorted(i for i in ids if i > 0)
    names: dict[int, str] = {}
    for start in range(0, len(wanted), 100):
        chunk = wanted[start : start + 100]
        try:
            items = client.collect(route, include=",".join(map(str, chunk)), _fields="id,name")
        except Refused:
            continue  # names are a nicety: ids without a readable name stay blank
        for item in items:
            if has_id(item):
                names[int(item["id"])] = str(item.get("name") or "")
    return names
