"""The head of a WXR file reeltui writes: the channel (title, site, WXR version), its authors
(each named with a unique login, which the items' dc:creator refer to) and its terms (the
categories and tags of the posts, by WordPress-style nicename).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from reeltui.domain.text import slugify
from reeltui.formats import Parsed
from reeltui.formats.wxr.mapping import (
    CONTENT_NS,
    DC_NS,
    EXCERPT_NS,
    WFW_NS,
    WP_NS,
    cdata,
    xml_safe,
)


def plain(text: str) -> str:
    """`text` as XML character data (escaped, without what XML 1.0 cannot hold)."""
    return escape(xml_safe(text))


def nicename(name: str) -> str:
    """WordPress-style term slug: ASCII slug, or the percent-encoded name for other scripts."""
    slug = slugify(name)
    if slug != "untitled" and name.isascii():
        return slug
    return quote("-".join(name.lower().split()), safe="-_").lower()[:200] or "untitled"


def logins_of(authors: Iterable[str]) -> dict[str, str]:
    logins: dict[str, str] = {}
    taken: set[str] = set()
    for author in authors:
        if not author or author in logins:
            continue
        base = slugify(author)
        base = base if base != "untitled" else "author"
        login, n = base, 2
        while login in taken:
            login, n = f"{base}-{n}", n + 1
        taken.add(login)
        logins[author] = login
    return logins


def channel_head(title: str, site: str, logins: dict[str, str], posts: list[Parsed]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    parts = [
        '<?xml version="1.0" encoding="UTF-8" ?>\n',
        "<!-- A WordPress eXtended RSS (WXR 1.2) file written by reeltui. -->\n",
        "<!-- Import it with Tools > Import > WordPress, or `reeltui import`. -->\n",
        f'<rss version="2.0" xmlns:excerpt="{EXCERPT_NS}" xmlns:content="{CONTENT_NS}"'
        f' xmlns:wfw="{WFW_NS}" xmlns:dc="{DC_NS}" xmlns:wp="{WP_NS}">\n<channel>\n',
        f"\t<title>{plain(title)}</title>\n\t<link>{plain(site)}</link>\n",
        f"\t<description></description>\n\t<pubDate>{now}</pubDate>\n",
        "\t<language>en</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n",
        f"\t<wp:base_site_url>{plain(site)}</wp:base_site_url>\n",
        f"\t<wp:base_blog_url>{plain(site)}</wp:base_blog_url>\n",
    ]
    for number, (author, login) in enumerate(logins.items(), 1):
        parts.append(
            f"\t<wp:author><wp:author_id>{number}</wp:author_id>"
            f"<wp:author_login>{cdata(login)}</wp:author_login>"
            f"<wp:author_email></wp:author_email>"
            f"<wp:author_display_name>{cdata(author)}</wp:author_display_name>"
            f"<wp:author_first_name></wp:author_first_name>"
            f"<wp:author_last_name></wp:author_last_name></wp:author>\n"
        )
    terms: dict[tuple[str, str], str] = {}
    for parsed in posts:
        for name in parsed.post.categories:
            terms.setdefault(("category", nicename(name)), name)
        for name in parsed.post.tags:
            terms.setdefault(("post_tag", nicename(name)), name)
    for number, ((domain, nice), name) in enumerate(terms.items(), 1):
        if domain == "category":
            parts.append(
                f"\t<wp:category><wp:term_id>{number}</wp:term_id>"
                f"<wp:category_nicename>{cdata(nice)}</wp:category_nicename>"
                f"<wp:category_parent></wp:category_parent>"
                f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
        else:
            parts.append(
                f"\t<wp:tag><wp:term_id>{number}</wp:term_id>"
                f"<wp:tag_slug>{cdata(nice)}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
            )
    parts.append("\t<generator>reeltui</generator>\n")
    return "".join(parts)
