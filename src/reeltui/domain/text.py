"""Pure text helpers: word count, reading time, slugs, excerpts."""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Container

from reeltui.domain.patterns import lazy
from reeltui.domain.titles import slug_text

WORDS_PER_MINUTE = 230
# A word: a run of letters, digits, ’ ' - _ holding at least one letter or digit ([^\W_]).
# One match per word, counted in C (a Python test per word took 84% of `posts --json`).
_WORD = lazy(r"[_’'-]*[^\W_][\w’'-]*", re.UNICODE)
_MD_NOISE = lazy(r"(!?\[([^\]]*)\]\([^)]*\))|[*_`#>|~]")
# Emphasis and code marks next to the text they mark ("*Wolf*," -> "Wolf,"), not inside words.
_MD_MARKS = lazy(r"(?<!\w)[*_`~]+(?=\S)|(?<=\S)[*_`~]+(?!\w)")


def plain_text(markdown: str) -> str:
    """Markdown with link targets and markup characters removed (for counting, excerpts)."""
    markdown = _MD_MARKS.sub("", markdown)
    return _MD_NOISE.sub(lambda m: m.group(2) or " " if m.group(1) else " ", markdown)


_MD_LINK = lazy(r"!?\[([^\]]*)\]\([^)]*\)")


def inline_plain(markdown: str) -> str:
    """Markdown's inline markup removed, the rest kept as written: emphasis and code marks
    next to the text they mark ("*Wolf*," -> "Wolf,"), a link or image as its words. For a
    line quoting a comment (a search's match): `5*3`, `snake_case` and `a > b` stay."""
    if not any(mark in markdown for mark in "*_`~["):
        return markdown
    return _MD_MARKS.sub("", _MD_LINK.sub(r"\1", markdown))


def word_count(markdown: str) -> int:
    return len(_WORD.findall(plain_text(markdown)))


def reading_time(markdown: str) -> int:
    """Minutes to read, at least 1 for any non-empty text."""
    words = word_count(markdown)
    if words == 0:
        return 0
    return max(1, round(words / WORDS_PER_MINUTE))


# Latin letters WordPress's remove_accents() transliterates that Unicode does not decompose
# (the rest of its table is "the letter without its accents", which NFKD gives). ß follows its
# German rule (ss), which reads better than the English "s".
_LATIN = {
    "Æ": "AE", "æ": "ae", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th", "ß": "ss", "ẞ": "SS",
    "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ĸ": "k",
    "Ŀ": "L", "ŀ": "l", "Ł": "L", "ł": "l", "ŉ": "n", "Ŋ": "N", "ŋ": "n", "Œ": "OE",
    "œ": "oe", "Ŧ": "T", "ŧ": "t", "ɑ": "a",
}  # fmt: skip
# sanitize_title_with_dashes(): characters dropped, and characters that become a hyphen
_SLUG_DROP = dict.fromkeys(
    map(
        ord,
        "\u00ad\u00a1\u00bf\u00ab\u00bb\u2039\u203a\u2018\u2019\u201c\u201d\u201a\u201b"
        "\u201e\u201f\u2022\u00a9\u00ae\u00b0\u2026\u2122\u00b4\u02ca\u0301\u0341"
        "\u0300\u0304\u030c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
        "\u202e\ufeff\ufffc'\"",
    )
)
_SLUG_HYPHEN = "\u00a0\u2013\u2014/.\u2028\u2029\u202f" + "".join(map(chr, range(0x2000, 0x200B)))
_SLUG_TABLE = {**_SLUG_DROP, **dict.fromkeys(map(ord, _SLUG_HYPHEN), "-"), ord("×"): "x"}


@functools.lru_cache(maxsize=4096)
def _latin_letter(ch: str) -> str:
    """A Latin letter without its accents (WordPress's remove_accents); others as they are."""
    found = _LATIN.get(ch)
    if found is not None:
        return found
    if not unicodedata.name(ch, "").startswith("LATIN "):
        return ch  # Cyrillic й, Greek ά, Japanese が: kept, as WordPress keeps them
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base.isascii() and base.isalpha() else ch


@functools.lru_cache(maxsize=4096)
def _slug_keeps(ch: str) -> bool:
    """Letters (with their marks), digits, "_", "-" and spaces stay in a slug."""
    if ch.isascii():
        return ch.isalnum() or ch in "-_" or ch.isspace()
    return ch.isspace() or unicodedata.category(ch)[0] in "LNM"


def remove_accents(text: str) -> str:
    """WordPress's remove_accents() for Latin letters: "Æon Łódź" -> "AEon Lodz"."""
    if text.isascii():
        return text
    return "".join(
        ch if ch.isascii() else _latin_letter(ch) for ch in unicodedata.normalize("NFC", text)
    )


def slugify(text: str, max_length: int = 200) -> str:
    """The slug WordPress makes of a title (sanitize_title: remove_accents, then
    sanitize_title_with_dashes in its "save" context), kept readable: letters of other scripts
    stay as they are ("Солярис" -> "солярис"; WordPress percent-encodes them, which
    `slug_to_wire` does when a slug leaves for the site).

    Latin accents are transliterated ("Æon Flux" -> "aeon-flux", "Łódź" -> "lodz"), curly
    quotes and other punctuation dropped ("Jonze’s" -> "jonzes", "movie(s)" -> "movies"),
    spaces, dots, slashes and dashes become hyphens. Falls back to "untitled".
    """
    text = _ENTITY.sub("", remove_accents(text).lower().translate(_SLUG_TABLE))
    kept = "".join(ch for ch in unicodedata.normalize("NFC", text) if _slug_keeps(ch))
    slug = re.sub(r"[\s-]+", "-", kept).strip("-")
    slug = _cut(slug, max_length).rstrip("-")
    return slug or "untitled"


_ENTITY = lazy(r"&.+?;")


def _cut(slug: str, max_length: int) -> str:
    """`slug` cut to `max_length` bytes once percent-encoded (WordPress's 200), whole letters."""
    if len(slug.encode("utf-8")) * 3 <= max_length or slug.isascii():
        return slug[:max_length]
    size = 0
    for index, ch in enumerate(slug):
        size += 1 if ch.isascii() else 3 * len(ch.encode("utf-8"))
        if size > max_length:
            return slug[:index]
    return slug


def slug_to_wire(slug: str) -> str:
    """The slug as WordPress stores and sends it: letters of other scripts percent-encoded
    (lowercase hex), the rest as is."""
    if slug.isascii():
        return slug
    return _ESCAPE.sub(lambda m: m.group().lower(), urllib.parse.quote(slug, safe="-_~"))


_ESCAPE = lazy(r"%[0-9A-F]{2}")


def slug_from_wire(slug: str) -> str:
    """A slug as read from the site or a WXR file, decoded to letters ("%d1%81" -> "с")."""
    return unicodedata.normalize("NFC", slug_text(slug))


def unique_slug(base: str, taken: Container[str]) -> str:
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


# -- folding for search -----------------------------------------------------------------------

# What WordPress's wptexturize() and writers' keyboards put in text, as a plain keyboard types
# it; with the Latin letters NFKD leaves alone ("æ", "ł", "ø"...), lowercased.
# (pairs replaced one by one: str.replace scans in C, ~25x faster than str.translate here)
_FOLD_PAIRS = tuple(
    {
        **dict.fromkeys("‘’‚‛′‹›", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
        **{k.lower(): v.lower() for k, v in _LATIN.items()},
    }.items()
)
# Accents of Latin, Greek and Cyrillic letters once decomposed (marks of other scripts,
# such as the Japanese voicing marks, are kept: there they make another letter)
_MARKS = lazy("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """`text` as every search compares it: case folded, accents dropped (Unicode NFKD),
    curly quotes as straight ones, dashes as "-", ligatures and other compatibility forms
    spelled out. So "wouldn't" finds "wouldn’t", "amelie" "Amélie", "inarritu" "Iñárritu",
    "lodz" "Łódź". Character by character: a match in the folded text is a match in `text`.
    """
    if text.isascii():
        return text.lower()  # the common case costs one C call
    text = _decomposed(text).casefold()
    if not unicodedata.is_normalized("NFKD", text):  # rare: case folding recomposed
        text = _decomposed(text)
    for typed, plain in _FOLD_PAIRS:
        if typed in text:
            text = text.replace(typed, plain)
    return text


def _decomposed(text: str) -> str:
    """`text` in NFKD without the accents of `_MARKS` (and still in NFKD once they are gone:
    removing a mark can bring two others of another script together)."""
    if not unicodedata.is_normalized("NFKD", text):  # (curly quotes alone need no NFKD)
        text = unicodedata.normalize("NFKD", text)
    if _MARKS.search(text):
        text = _MARKS.sub("", text)
        if not unicodedata.is_normalized("NFKD", text):
            text = unicodedata.normalize("NFKD", text)
    return text


@functools.lru_cache(maxsize=8192)
def _is_mark(ch: str) -> bool:
    """A combining mark (or in a block of them), or a character decomposing to one first."""
    if ch.isascii():
        return False
    return bool(_MARKS.match(ch) or unicodedata.combining(unicodedata.normalize("NFKD", ch)[0]))


@functools.lru_cache(maxsize=8192)
def _fold_cluster(cluster: str) -> str:
    return fold(cluster)


def fold_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the index in `text` it came from (a
    letter and the marks after it are folded together, as Unicode orders marks)."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces: list[str] = []
    where: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and _is_mark(text[index]):
            continue  # a mark: it belongs to the letter before it
        cluster = text[start:index]
        folded = cluster.lower() if cluster.isascii() else _fold_cluster(cluster)
        pieces.append(folded)
        where.extend([start] * len(folded))
        start = index
    return "".join(pieces), where


def find_folded(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` is in `text` when both are folded: (start, end) spans of `text`, in
    order, not overlapping (for highlighting what a search found)."""
    needle = fold(query)
    if not needle:
        return []
    folded, where = fold_map(text)
    spans = []
    start = folded.find(needle)
    while start != -1:
        stop = start + len(needle)
        end = where[stop - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # the accents of the last letter belong to the match
        spans.append((where[start], end))
        start = folded.find(needle, stop)
    return spans


_APART = "\ue000"  # a private-use character: what `fold_all` joins texts with


def fold_all(texts: list[str]) -> list[str]:
    """`[fold(t) for t in texts]`, the non-ASCII ones folded as one text (folding works letter
    by letter, and the separator is a letter of its own): ~2x faster for many short texts."""
    if all(t.isascii() for t in texts):
        return [t.lower() for t in texts]
    rest = [t for t in texts if not t.isascii()]
    joined = _APART.join(rest)
    if joined.count(_APART) == len(rest) - 1:
        folded = iter(fold(joined).split(_APART))
    else:  # a text holds the separator: one by one
        folded = iter([fold(t) for t in rest])
    return [t.lower() if t.isascii() else next(folded) for t in texts]
