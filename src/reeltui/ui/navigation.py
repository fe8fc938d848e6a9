"""Reader history (back/forward), link classification, the blog's site. Pure: no Textual."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Post
from reeltui.domain.patterns import lazy

_INTERNAL = lazy(r"^/?([a-z0-9][a-z0-9-]*)/?(?:[#?].*)?$")


@dataclass
class History:
    entries: list[str] = field(default_factory=list)
    index: int = -1

    def visit(self, item: str) -> None:
        if 0 <= self.index < len(self.entries) and self.entries[self.index] == item:
            return
        del self.entries[self.index + 1 :]
        self.entries.append(item)
        self.index = len(self.entries) - 1

    def step(self, offset: int) -> str | None:
        """Move back (-1) or forward (+1); None when there is nothing there."""
        target = self.index + offset
        if not 0 <= target < len(self.entries):
            return None
        self.index = target
        return self.entries[target]


def internal_slug(href: str) -> str | None:
    """The post slug a link points to inside the blog (`/slug/`, `slug`), else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    found = _INTERNAL.match(parts.path.strip())
    return found.group(1) if found else None


def is_external(href: str) -> bool:
    return urlsplit(href).scheme in ("http", "https", "mailto", "ftp")


def site_of(posts: Sequence[Post | PostSummary]) -> str:
    """The host most posts were imported from ("flixchatter.net"), or "" when unknown."""
    hosts = Counter(urlsplit(p.source.get("wp", "")).netloc for p in posts)
    hosts.pop("", None)
    return hosts.most_common(1)[0][0] if hosts else ""


def site_base(posts: Iterable[Post | PostSummary], synced: str = "") -> str:
    """The blog's address ("https://flixchatter.net"): the site last synced with, else the
    scheme and host most of the imported posts link to; "" when unknown."""
    if synced.startswith(("http://", "https://")):
        return synced.rstrip("/")
    found: Counter[str] = Counter()
    for post in posts:
        for key in ("link", "url", "wp"):
            parts = urlsplit(post.source.get(key, ""))
            if parts.scheme in ("http", "https") and parts.netloc:
                found[f"{parts.scheme}://{parts.netloc}"] += 1
                break
    return found.most_common(1)[0][0] if found else ""
