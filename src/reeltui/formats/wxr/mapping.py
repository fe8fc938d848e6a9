"""What the WXR reader and writer share: namespaces, statuses, dates, reeltui's own post meta.

WordPress wrote six `wp:` namespaces over the years (http and https, export/1.0, 1.1, 1.2);
we match elements by local name within any `wordpress.org/export/` namespace.

reeltui keeps what WXR has no element for (post ids, rating, film facts, the Markdown source,
local replies' sync state) in one hidden post meta / comment meta `_reeltui`, a JSON object.
WordPress imports it as ordinary hidden meta; reeltui reads it back so a round trip loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from reeltui.domain.text import slug_from_wire
from reeltui.domain.vocab import CommentStatus, PostStatus

WP_NS = "http://wordpress.org/export/1.2/"
EXCERPT_NS = "http://wordpress.org/export/1.2/excerpt/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
WFW_NS = "http://wellformedweb.org/CommentAPI/"
META_KEY = "_reeltui"
ZERO_DATE = "0000-00-00 00:00:00"

POST_STATUS_IN: dict[str, PostStatus] = {
    "publish": "published",
    "future": "scheduled",
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "pending",
    "private": "private",
    "trash": "trash",
}
POST_STATUS_OUT: dict[PostStatus, str] = {
    "published": "publish",
    "scheduled": "future",
    "draft": "draft",
    "pending": "pending",
    "private": "private",
    "trash": "trash",
}
COMMENT_STATUS_IN: dict[str, CommentStatus] = {
    "1": "approved",
    "0": "pending",
    "spam": "spam",
    "trash": "trash",
}
COMMENT_STATUS_IN["post-trashed"] = "trash"
COMMENT_STATUS_OUT: dict[CommentStatus, str] = {
    "approved": "1",
    "pending": "0",
    "spam": "spam",
    "trash": "trash",
}

_PREFIXES: dict[str, str] = {}


def short_tag(tag: str) -> str:
    """ "{http://wordpress.org/export/1.1/}post_id" -> "wp:post_id"; plain RSS tags unchanged."""
    found = _PREFIXES.get(tag)
    if found is not None:
        return found
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        if "wordpress.org/export/" in uri:
            prefix = "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
        elif "purl.org/rss/1.0/modules/content" in uri:
            prefix = "content"
        elif "purl.org/dc/elements" in uri:
            prefix = "dc"
        else:
            prefix = "other"
        found = f"{prefix}:{local}"
    else:
        found = tag
    if len(_PREFIXES) < 10_000:  # fuzzed input must not grow the cache without bound
        _PREFIXES[tag] = found
    return found


def _parse_wp(text: str) -> dt.datetime | None:
    text = text.strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed


def date_in(local: str, gmt: str) -> tuple[str, bool]:
    """ISO 8601 date (with offset) from WXR's local and GMT dates; (date, was it readable).

    The GMT date is preferred; the offset between the two becomes the date's offset, so the
    site's local time is kept. Drafts often have a zero GMT date: the local date is used as UTC.
    """
    utc, wall = _parse_wp(gmt), _parse_wp(local)
    if utc is None and wall is None:
        readable = all(not t.strip() or t.strip().startswith("0000-00-00") for t in (local, gmt))
        return "", readable
    if utc is None:
        assert wall is not None
        return wall.replace(tzinfo=dt.UTC).isoformat(), True
    offset = (wall - utc) if wall is not None else dt.timedelta(0)
    minutes = offset.total_seconds() / 60
    if abs(minutes) > 14 * 60 or minutes % 15:
        offset = dt.timedelta(0)
    aware = utc.replace(tzinfo=dt.UTC)
    try:
        return aware.astimezone(dt.timezone(offset)).isoformat(), True
    except OverflowError:  # year 1 or 9999 shifted out of range
        return aware.isoformat(), True


def date_out(iso: str) -> tuple[str, str]:
    """(local, gmt) WXR dates for an ISO date; a date without offset is taken as UTC."""
    if not iso:
        return ZERO_DATE, ZERO_DATE
    try:
        parsed = dt.datetime.fromisoformat(iso)
    except ValueError:
        return ZERO_DATE, ZERO_DATE
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    local = parsed.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    try:
        gmt = parsed.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    except OverflowError:
        gmt = local
    return local, gmt


def rfc822(iso: str) -> str:
    try:
        parsed = dt.datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.strftime("%a, %d %b %Y %H:%M:%S %z")


def html_digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# Characters XML 1.0 cannot carry at all, and ones JSON leaves raw but we escape to be safe.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JSON_ESCAPE = re.compile("[\x7f-\x9f\ufeff\ufffe\uffff\u2028\u2029]")


def cdata(text: str) -> str:
    return "<![CDATA[" + xml_safe(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates)."""
    return _NOT_XML.sub("", text)


_STRIPPED = ("title", "email", "url", "author", "slug")


def as_read(key: str, value: str) -> str:
    """A field as the reader keeps it, given the text an XML parser hands back (a slug
    percent-encoded by WordPress is kept decoded: "%d1%81..." -> "с...")."""
    if key == "slug":
        return slug_from_wire(value.strip())
    return value.strip() if key in _STRIPPED else value


def xml_round_trip(text: str) -> str:
    """What an XML parser hands back for `text` written (escaped or in CDATA) to a file."""
    return xml_safe(text).replace("\r\n", "\n").replace("\r", "\n")


def meta_dump(data: dict[str, Any]) -> str:
    """JSON for a `_reeltui` meta value: every character XML cannot hold is \\u-escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def meta_load(text: str) -> dict[str, Any] | None:
    if not text.lstrip().startswith("{"):
        return None  # most items have no reeltui meta: no parse, no exception
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
