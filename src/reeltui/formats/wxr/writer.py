"""WXR 1.2 writer: a file WordPress's importer (Tools > Import > WordPress) accepts.

Posts keep their WordPress ids when they came from the same site; comments are threaded with
wp:comment_parent. What WXR has no element for (reeltui ids, rating, film facts, the exact
Markdown, local replies' sync state) goes in a hidden `_reeltui` meta, so that reeltui reads
its own export back without losing anything.

This module writes the items (a post, its comments) and numbers them; the channel's head
(authors, terms) is channel.py's, the `exact` pairs of the meta are exact.py's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any
from xml.sax.saxutils import quoteattr

from reeltui.domain.models import Comment, Post
from reeltui.domain.text import slug_to_wire
from reeltui.formats import Parsed
from reeltui.formats.local_state import OutboxItem
from reeltui.formats.md2html import markdown_to_html
from reeltui.formats.wxr import local_meta
from reeltui.formats.wxr.channel import channel_head, logins_of, nicename, plain
from reeltui.formats.wxr.exact import date_back, record, terms_back, text_back
from reeltui.formats.wxr.mapping import (
    COMMENT_STATUS_OUT,
    META_KEY,
    POST_STATUS_OUT,
    as_read,
    cdata,
    date_out,
    html_digest,
    meta_dump,
    rfc822,
    xml_round_trip,
    xml_safe,
)
from reeltui.formats.wxr.site_text import write_site_text

_OWN_SOURCE_KEYS = ("wxr", "wxr_site")


class _Ids:
    """Numeric WordPress ids: the original ones where possible, fresh ones otherwise."""

    def __init__(self, wanted: Iterable[str]) -> None:
        numbers = [int(w) for w in wanted if w.isdigit() and len(w) < 18]
        self.used: set[int] = set()
        self.next = max(numbers, default=0) + 1

    def take(self, wanted: str) -> int:
        if wanted.isdigit() and len(wanted) < 18 and int(wanted) not in self.used:
            number = int(wanted)
        else:
            number = self.next
        self.next = max(self.next, number + 1)
        self.used.add(number)
        return number


def choose_site(posts: list[Parsed]) -> str:
    """The site most posts came from (their WXR ids are kept), or ""."""
    sites = Counter(p.post.source.get("wxr_site", "") for p in posts if "wxr" in p.post.source)
    return sites.most_common(1)[0][0] if sites else ""


def write_wxr(
    posts: list[Parsed],
    *,
    site: str | None = None,
    title: str = "reeltui",
    outbox: list[OutboxItem] | None = None,
) -> bytes:
    """The WXR 1.2 document for `posts` (with their comments), UTF-8 encoded. `outbox`, in
    sending order, rides in the `_reeltui` meta of the comments it is about."""
    site = choose_site(posts) if site is None else site
    queued = local_meta.by_comment(outbox or [])
    logins = logins_of(p.post.author for p in posts)
    own_ids = [p.post.source.get("wxr", "") for p in posts if _same_site(p.post.source, site)]
    post_ids = _Ids(own_ids)
    comment_ids = _Ids(
        c.source.get("wxr", "") for p in posts for c in p.comments if _same_site(c.source, site)
    )
    out: list[str] = [channel_head(title, site, logins, posts)]
    for parsed in posts:
        post = parsed.post
        wanted = post.source.get("wxr", "") if _same_site(post.source, site) else ""
        number = post_ids.take(wanted)
        out.append(_item(post, number, site, logins))
        numbers: dict[str, int] = {}
        for comment in parsed.comments:
            raw = comment.source.get("wxr", "") if _same_site(comment.source, site) else ""
            numbers[comment.id] = comment_ids.take(raw)
        for comment in parsed.comments:
            parent = numbers.get(comment.parent_id or "", 0)
            out.append(_comment(comment, numbers[comment.id], parent, queued.get(comment.id, [])))
        out.append("\t</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def _same_site(source: dict[str, str], site: str) -> bool:
    return "wxr" in source and source.get("wxr_site", "") == site


def _own_source(source: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in source.items() if k not in _OWN_SOURCE_KEYS}


def _item(post: Post, number: int, site: str, logins: dict[str, str]) -> str:
    html, excerpt, text_meta = write_site_text(post)
    local, gmt = date_out(post.date)
    mod_local, mod_gmt = date_out(post.modified)
    own: dict[str, Any] = {"id": post.id, "rating": post.rating, **text_meta}
    if not post.film.is_empty():
        own["film"] = asdict(post.film)
    if _own_source(post.source):
        own["source"] = _own_source(post.source)
    for key in ("title", "slug"):
        value = getattr(post, key)
        record(own, key, value, text_back(key, value))
    shown = xml_round_trip(post.author) or logins.get(post.author, "")  # as the reader maps it
    record(own, "author", post.author, as_read("author", shown))
    for key in ("categories", "tags"):
        names = getattr(post, key)
        record(own, key, names, terms_back(names))
    record(own, "date", post.date, date_back(post.date))
    record(own, "modified", post.modified, date_back(post.modified))
    link = f"{site.rstrip('/')}/?p={number}"
    terms = "".join(
        f"\t\t<category domain={quoteattr(domain)} nicename={quoteattr(xml_safe(nicename(name)))}>"
        f"{cdata(name)}</category>\n"
        for domain, names in (("category", post.categories), ("post_tag", post.tags))
        for name in names
    )
    return (
        f"\t<item>\n\t\t<title>{cdata(post.title)}</title>\n"
        f"\t\t<link>{plain(link)}</link>\n\t\t<pubDate>{rfc822(post.date)}</pubDate>\n"
        f"\t\t<dc:creator>{cdata(logins.get(post.author, ''))}</dc:creator>\n"
        f'\t\t<guid isPermaLink="false">{plain(link)}</guid>\n'
        f"\t\t<description></description>\n"
        f"\t\t<content:encoded>{html}</content:encoded>\n"
        f"\t\t<excerpt:encoded>{excerpt}</excerpt:encoded>\n"
        f"\t\t<wp:post_id>{number}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(local)}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>\n"
        f"\t\t<wp:post_modified>{cdata(mod_local)}</wp:post_modified>\n"
        f"\t\t<wp:post_modified_gmt>{cdata(mod_gmt)}</wp:post_modified_gmt>\n"
        f"\t\t<wp:comment_status>open</wp:comment_status>\n"
        f"\t\t<wp:ping_status>open</wp:ping_status>\n"
        f"\t\t<wp:post_name>{cdata(slug_to_wire(post.slug))}</wp:post_name>\n"
        f"\t\t<wp:status>{POST_STATUS_OUT[post.status]}</wp:status>\n"
        f"\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n"
        f"\t\t<wp:post_type>post</wp:post_type>\n"
        f"\t\t<wp:post_password></wp:post_password>\n"
        f"\t\t<wp:is_sticky>{1 if post.sticky else 0}</wp:is_sticky>\n"
        f"{terms}"
        f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{META_KEY}</wp:meta_key>\n"
        f"\t\t\t<wp:meta_value>{cdata(meta_dump(own))}</wp:meta_value>\n\t\t</wp:postmeta>\n"
    )


def _comment(comment: Comment, number: int, parent: int, entries: list[dict[str, Any]]) -> str:
    html = markdown_to_html(comment.body)
    local, gmt = date_out(comment.date)
    own: dict[str, Any] = {
        "id": comment.id,
        "markdown": comment.body,
        "html": html_digest(xml_round_trip(html)),
    }
    if comment.origin != "imported":
        own.update(origin=comment.origin, sync_state=comment.sync_state)
        own.update(sync_error=comment.sync_error)
    approved = COMMENT_STATUS_OUT[comment.status]
    if local_meta.is_unsent(comment):  # WordPress must not publish it: unapproved
        own["status"], approved = comment.status, local_meta.UNAPPROVED
    if entries:
        own["outbox"] = entries
    if comment.remote_id:
        own["remote_id"] = comment.remote_id
    if _own_source(comment.source):
        own["source"] = _own_source(comment.source)
    for key in ("author", "email", "url"):
        value = getattr(comment, key)
        record(own, key, value, text_back(key, value))
    record(own, "date", comment.date, date_back(comment.date))
    kind = comment.kind
    return (
        f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{number}</wp:comment_id>\n"
        f"\t\t\t<wp:comment_author>{cdata(comment.author)}</wp:comment_author>\n"
        f"\t\t\t<wp:comment_author_email>{cdata(comment.email)}</wp:comment_author_email>\n"
        f"\t\t\t<wp:comment_author_url>{cdata(comment.url)}</wp:comment_author_url>\n"
        f"\t\t\t<wp:comment_author_IP></wp:comment_author_IP>\n"
        f"\t\t\t<wp:comment_date>{cdata(local)}</wp:comment_date>\n"
        f"\t\t\t<wp:comment_date_gmt>{cdata(gmt)}</wp:comment_date_gmt>\n"
        f"\t\t\t<wp:comment_content>{cdata(html)}</wp:comment_content>\n"
        f"\t\t\t<wp:comment_approved>{approved}</wp:comment_approved>\n"
        f"\t\t\t<wp:comment_type>{kind}</wp:comment_type>\n"
        f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
        f"\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n"
        f"\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>{META_KEY}</wp:meta_key>\n"
        f"\t\t\t\t<wp:meta_value>{cdata(meta_dump(own))}</wp:meta_value>\n"
        f"\t\t\t</wp:commentmeta>\n\t\t</wp:comment>\n"
    )
