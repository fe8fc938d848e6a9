"""How a site's titles, slugs and marks (page, password-protected) are shown.

WordPress keeps a title as the writer typed it, HTML included (`Title <em>With</em> Markup`,
`Tom &amp; Jerry`), and a Unicode slug percent-encoded (`private-notes-%e2%9c%a8`). People read
and type `Title With Markup`, `Tom & Jerry` and `private-notes-✨`.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING

from reeltui.domain.patterns import lazy

if TYPE_CHECKING:
    from reeltui.domain.listing import Listed

_TAG = lazy(r"<(?:[a-zA-Z/!][^<>]*)>")
TERM_PATH = " › "  # "Parent › Child": a category under its parent


def title_text(raw: str) -> str:
    """A title as plain text: tags stripped, entities decoded, white space made single."""
    text = _TAG.sub("", raw)
    if "&" in text:  # (an entity: the html module's table of them read when first needed)
        import html

        text = html.unescape(text)
    return " ".join(text.split())


def slug_text(slug: str) -> str:
    """A slug as people type it: percent-encoding decoded (`caf%c3%a9` -> `café`)."""
    if "%" not in slug:
        return slug
    return urllib.parse.unquote(slug, errors="strict") if _is_utf8(slug) else slug


# What no one can see or type in a slug: control, bidi, zero-width and soft-hyphen characters
# (sanitize_title drops them too). A slug holding U+202E shows reversed and cannot be found.
_SLUG_INVISIBLE = lazy(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def safe_slug(slug: str) -> str:
    """A slug as it may enter the store, and as it is shown and looked up: invisible
    characters removed, white space made hyphens; letters, digits, emoji and punctuation
    kept as they are ("" when nothing is left: the caller makes one from the title)."""
    return _SLUG_INVISIBLE.sub("", re.sub(r"\s+", "-", slug.strip()))


def same_slug(a: str, b: str) -> bool:
    """Whether two slugs name the same post, either written encoded or decoded, in any case,
    with or without characters no one can see (a slug is looked up as it is shown)."""
    return a == b or safe_slug(slug_text(a)).lower() == safe_slug(slug_text(b)).lower()


def _is_utf8(slug: str) -> bool:
    try:
        urllib.parse.unquote(slug, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def post_marks(post: Listed) -> list[str]:
    """Words shown beside a post's status: "page" for a site page, "protected" for a post
    the site shows only with a password."""
    marks = ["page"] if post.kind == "page" else []
    if post.source.get("wp_protected"):
        marks.append("protected")
    return marks
