"""What a Markdown file's name says about its post, as Jekyll and Hugo read it.

Jekyll: `_posts/2023-01-29-my-post.md` is dated 2023-01-29 and its slug is `my-post` (front
matter wins when it says otherwise); a post without a title is titled "My Post". Hugo: the
file name (`my-post.md`), or a page bundle's folder (`my-post/index.md`), is the slug.
"""

from __future__ import annotations

import re
from pathlib import Path

from reeltui.domain.text import slugify
from reeltui.formats.dates import parse_date

JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def from_name(name: str) -> tuple[str, str]:
    """(date, slug) a file name gives: Jekyll's `YYYY-MM-DD-slug.md`, a page bundle's
    `slug/index.md`, or `slug.md`; "" for what it does not give."""
    path = Path(name)
    stem = path.stem
    if stem in ("index", "_index") and path.parent.name:
        stem = path.parent.name
    jekyll = JEKYLL_NAME.match(stem)
    if jekyll is None:
        return "", stem
    try:
        return parse_date(jekyll.group(1)), jekyll.group(2)
    except ValueError:  # 2023-13-45-...: not a date, all of it is the slug
        return "", stem


def titleize(slug: str) -> str:
    """Jekyll's title for a file without one: "my-first-post" -> "My First Post"."""
    return " ".join(word[:1].upper() + word[1:] for word in slug.split("-") if word)


def slug_of(name_slug: str) -> str:
    found = slugify(name_slug)
    return "" if found == "untitled" else found
