"""Finding film titles named in free text (a reader's comment): pure, standard library only.

A title of two words or more is found in any case, at word boundaries, with or without its
leading article ("wolf of wall street" names "The Wolf of Wall Street"). A one-word title is
also an everyday word ("Her", "Gravity", "Frozen"), so it counts only when written as a
title: in *emphasis*, "quotes", or ALL CAPITALS.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_GENRE_WORDS = (
    "action adventure animation biopic comedy crime documentary drama family fantasy horror "
    "musical mystery noir romance sci-fi scifi science-fiction thriller war western"
)
GENRES = frozenset(_GENRE_WORDS.split())
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_APOSTROPHES = "'’‘`"
_OPEN = r"(?:\*{1,3}|_{1,3}|[\"“‘'])"
_CLOSE = r"(?:\*{1,3}|_{1,3}|[\"”’'])"


def _words(title: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*", title)


def _word_pattern(word: str) -> str:
    parts = re.split("[" + _APOSTROPHES + "]", word)
    return ("[" + _APOSTROPHES + "]").join(re.escape(p) for p in parts)


@functools.lru_cache(maxsize=4096)
def title_pattern(title: str) -> re.Pattern[str] | None:
    """How `title` is recognised in a comment (None: too short to look for)."""
    article = _ARTICLE.match(title.strip())
    rest = title.strip()[article.end() :] if article else title.strip()
    words = _words(rest)
    if not words:
        return None
    gap = r"[\s\-–—:,.&]+"
    body = gap.join(_word_pattern(w) for w in words)
    if article:
        body = rf"(?:{re.escape(article.group(1))}\s+)?" + body
    if len(words) >= 2:
        return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)
    if len(words[0]) < 2:
        return None
    caps = re.escape(words[0].upper())
    return re.compile(
        rf"(?i:{_OPEN}{body}{_CLOSE})|(?<![^\W_]){caps}(?![^\W_])"
        if words[0].upper() != words[0]
        else rf"(?i:{_OPEN}{body}{_CLOSE})"
    )


def not_a_title(tag: str) -> bool:
    """A tag that names a genre ("Science Fiction") or a year's list ("2013 movies")."""
    words = _words(tag.casefold())
    joined = "-".join(words)
    return not words or joined in GENRES or "".join(words) in GENRES or words[0].isdigit()


def films_named(text: str, titles: Iterable[str]) -> list[str]:
    """Those of `titles` that `text` names, in the order given."""
    found = []
    for title in titles:
        pattern = title_pattern(title)
        if pattern is not None and pattern.search(text):
            found.append(title)
    return found
