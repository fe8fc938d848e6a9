"""Pure text helpers: word count, reading time, slugs, excerpts."""

from __future__ import annotations

import re
import unicodedata

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_MD_NOISE = re.compile(r"(!?\[([^\]]*)\]\([^)]*\))|[*_`#>|~]")
# Emphasis and code marks next to the text they mark ("*Wolf*," -> "Wolf,"), not inside words.
_MD_MARKS = re.compile(r"(?<!\w)[*_`~]+(?=\S)|(?<=\S)[*_`~]+(?!\w)")


def plain_text(markdown: str) -> str:
    """Markdown with link targets and markup characters removed (for counting, excerpts)."""
    markdown = _MD_MARKS.sub("", markdown)
    return _MD_NOISE.sub(lambda m: m.group(2) or " " if m.group(1) else " ", markdown)


def word_count(markdown: str) -> int:
    return sum(1 for w in _WORD.findall(plain_text(markdown)) if any(ch.isalnum() for ch in w))


def reading_time(markdown: str) -> int:
    """Minutes to read, at least 1 for any non-empty text."""
    words = word_count(markdown)
    if words == 0:
        return 0
    return max(1, round(words / WORDS_PER_MINUTE))


def slugify(text: str, max_length: int = 200) -> str:
    """WordPress-style slug (as sanitize_title_with_dashes): lowercase ASCII, hyphens.

    Punctuation is dropped ("movie(s)" -> "movies", "Jonze’s" -> "jonzes"); spaces, dots,
    slashes and dashes become hyphens. Falls back to "untitled".
    """
    text = re.sub(r"[.\/–—_\s]+", " ", text)
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    kept = re.sub(r"[^a-z0-9 -]", "", normal.lower())
    slug = re.sub(r"[\s-]+", "-", kept).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "untitled"


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def excerpt(markdown: str, length: int = 160) -> str:
    """The first `length` characters of the text, cut at a word boundary, with an ellipsis."""
    text = " ".join(plain_text(markdown).split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"
