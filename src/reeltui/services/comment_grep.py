"""Which posts' files can hold a comment matching a word, told from the files' bytes before
any is parsed: a comment search (`in:comments wolf`) parses only those instead of the whole
archive (at 50,000 posts, ~900 MB of JSON: reading the bytes costs ~1/10 of parsing and
gating them, and building the archive's comment index).

Never a miss. A comment matches a word when `domain.text.fold` of its author or text holds
`fold(word)` (= N). `fold` works character by character: an ASCII character folds to its
lower case (one character), any other to a string of its own (possibly empty: accents,
soft hyphens; possibly ASCII: "é" -> "e", "ﬂ" -> "fl", "’" -> "'"). So when a text's fold
holds N, either every character of the text producing that part is ASCII, and the file's
bytes hold that text in ASCII, which lower-cased is N as JSON writes it (`"` and `\\` escaped:
the store writes with orjson, which escapes nothing else but control characters), or one of
those characters is not ASCII and folds to something sharing a character with N or to
nothing. A file is read when its lower-cased bytes hold N as JSON writes it, or when it
holds such a character (`risky`): in UTF-8, or written as a `\\uXXXX` escape (then an ASCII
character of N written so counts too; a surrogate always counts), or `\\/` when N holds "/".

Words left to the whole read (`plan` gives None): shorter than `SHORTEST` folded
characters (in nearly every file), or holding a control character.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import orjson

from reeltui.domain.patterns import lazy
from reeltui.domain.text import fold

SHORTEST = 3  # folded characters of a word worth looking for in the bytes
_ASCII = bytes(range(128))
_ESCAPE = lazy(rb"\\u([0-9a-fA-F]{4})")
_ESCAPED = lazy(rb"\\u")  # (a regular expression finds it ~2x faster than `in`)


def _load_memmem() -> Callable[[bytes, int, bytes, int], int | None] | None:
    # glibc's memmem finds a word in a file's bytes ~2x faster than `in`
    try:
        memmem = ctypes.CDLL(None).memmem
    except (OSError, AttributeError, TypeError):  # (none here: `in` is used)
        return None
    memmem.restype = ctypes.c_void_p
    memmem.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]
    return memmem


_MEMMEM = _load_memmem()


def holds(raw: bytes, needle: bytes) -> bool:
    """`needle in raw`."""
    if _MEMMEM is None:
        return needle in raw
    return _MEMMEM(raw, len(raw), needle, len(needle)) is not None


@functools.lru_cache(maxsize=65536)
def _folded(ch: str) -> str:
    return fold(ch)


@dataclass
class Plan:
    """How to tell, from a file's bytes, that it may hold a comment matching one word."""

    needle: str  # the word folded
    literal: bytes  # the needle as JSON writes it (lower case)
    chars: frozenset[str]
    _risky: dict[str, bool] = field(default_factory=dict)  # verdicts on characters seen

    def risky(self, ch: str) -> bool:
        """Can `ch`, not written as itself in ASCII, be part of a match?"""
        found = self._risky.get(ch)
        if found is None:
            if ch.isascii():  # (written as an escape)
                found = ch.lower() in self.chars
            elif 0xD800 <= ord(ch) <= 0xDFFF:  # half of an escaped pair: any character
                found = True
            else:
                folded = _folded(ch)
                found = not folded or not self.chars.isdisjoint(folded)
            self._risky[ch] = found
        return found

    def may_hold(self, raw: bytes, lowered: bytes | None = None) -> bool:
        """May the file whose bytes are `raw` (`lowered`: those lower-cased) hold a comment
        matching the word?"""
        if holds(raw.lower() if lowered is None else lowered, self.literal):
            return True
        if not raw.isascii():
            try:
                others = raw.translate(None, _ASCII).decode("utf-8")
            except UnicodeDecodeError:
                return True  # (not UTF-8: not JSON either; its reading says so)
            if any(self.risky(ch) for ch in set(others)):
                return True
        if b"\\" in raw:  # (a memchr)
            if "/" in self.chars and holds(raw, b"\\/"):
                return True
            if _ESCAPED.search(raw):
                for code in {m.group(1) for m in _ESCAPE.finditer(raw)}:
                    if self.risky(chr(int(code, 16))):
                        return True
        return False


def plan(word: str) -> Plan | None:
    """The plan for `word`, or None when it is left to the whole read (see the docstring)."""
    needle = fold(word)
    if len(needle) < SHORTEST or any(ord(ch) < 0x20 for ch in needle):
        return None
    literal = orjson.dumps(needle)[1:-1].lower()
    return Plan(needle, literal, frozenset(needle))


def plans(words: Iterable[str]) -> list[Plan]:
    """The plans of those of `words` that have one (a file must pass each: a matching
    comment holds every word)."""
    return [p for p in map(plan, words) if p is not None]


def passing(
    files: Iterable[tuple[str, bytes | None]],
    wanted: list[Plan],
    stop: Callable[[], bool] | None = None,
) -> Iterator[str]:
    """The names of those `files` (name, bytes: None when it must be read whole, e.g. held
    in memory) that may hold a match for every plan, and of those whose bytes do not end
    as a JSON object does (cut short: their reading says they are damaged, as a search
    reading every file always said). `stop()` is asked every few hundred files; when it
    says so the scan ends (the caller knows it asked)."""
    for n, (name, raw) in enumerate(files):
        if stop is not None and n % 256 == 0 and stop():
            return
        if raw is None or not raw[-64:].rstrip().endswith(b"}"):
            yield name
            continue
        lowered = raw.lower()
        if all(p.may_hold(raw, lowered) for p in wanted):
            yield name
