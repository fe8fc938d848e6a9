"""Spell checking for the editor: an offline dictionary (pyspellchecker's word lists, loaded
once per language), the blog's own names, the writer's dictionary and words ignored in a post.

`Speller.misspelled(line)` gives the spans of one line's unknown words; `DocumentCheck.run`
those of a whole body, re-checking only lines it has not seen (a cache keyed by line text).
Both run in a worker thread: loading a dictionary takes ~0.3 s, a first check of a 500 KB
post a fraction of a second, and a keystroke's check only the line it changed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reeltui.domain.spelling import WORD, code_lines, parts, words, worth_checking
from reeltui.errors import InputError
from reeltui.services.blog import Blog

DEFAULT_LANGUAGE = "en"
# Film writing's own words (and a few common ones) that the general word lists lack.
_FILM_WORDS = """
sci fi noir biopic biopics rewatch rewatches rewatched rewatching cinephile
cinephiles rom com coms dramedy dramedies mockumentary cameo cameos showrunner
showrunners screenwriter screenwriters filmography filmographies arthouse blu ray
streamer streamers superhero superheroes prequel prequels reboot reboots rewatchable
bingeable droid droids versa los angeles
"""
FILM_WORDS = frozenset(_FILM_WORDS.split())
_SUFFIXES = ("'s", "n't", "'re", "'ve", "'ll", "'d", "'m")
Span = tuple[int, int]


def languages() -> list[str]:
    """The languages whose word lists ship with the dictionary package."""
    from spellchecker import SpellChecker

    return sorted(SpellChecker.languages())


_load_lock = threading.Lock()


@dataclass(frozen=True)
class Lexicon:
    """A language's words (lower case, with their frequency) and the letters they use."""

    words: Mapping[str, int]
    letters: str


@lru_cache(maxsize=2)
def _lexicon(language: str) -> Lexicon:
    from spellchecker import SpellChecker

    frequency = SpellChecker(language=language, distance=1).word_frequency
    return Lexicon(frequency.dictionary, "".join(sorted(frequency.letters)))


def lexicon(language: str) -> Lexicon:
    """The word list of `language`; ValueError names the languages there are."""
    if language not in languages():
        raise InputError(
            f"no spelling dictionary for {language!r}; there are: {', '.join(languages())}"
        )
    with _load_lock:  # two editors opening at once load it once
        return _lexicon(language)


def edits(word: str, letters: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    return found


def name_words(names: Iterable[str]) -> set[str]:
    """The words of names ("Joaquin Phoenix" -> joaquin, phoenix), case folded."""
    found: set[str] = set()
    for name in names:
        for match in WORD.finditer(name):
            word = match.group(0).replace("’", "'").casefold()
            found.add(word)
            found.update(p[2] for p in parts(0, word))
    return found


def blog_names(blog: Blog) -> set[str]:
    """Words the blog already knows: film titles, directors and cast, tags, categories,
    authors and commenters (their names as the search index keeps them)."""
    names: list[str] = []
    for post in blog.posts():
        film = post.film
        names += [film.title, film.director, post.author, *film.cast, *post.tags]
        names += post.categories
    names += blog.search_index().commenters()
    return name_words(names)


class Speller:
    """Knows a word when the dictionary, the blog's names, the writer's dictionary or the
    post's ignore list has it (case ignored)."""

    def __init__(
        self,
        lexicon: Lexicon,
        names: Iterable[str] = (),
        personal: Iterable[str] = (),
        ignored: Iterable[str] = (),
    ) -> None:
        self.lexicon = lexicon
        self.known = lexicon.words
        self.extra = set(FILM_WORDS) | {w.casefold() for w in (*names, *personal, *ignored)}

    def learn(self, word: str) -> None:
        self.extra.add(word.replace("’", "'").casefold())

    def knows(self, word: str) -> bool:
        word = word.replace("’", "'").casefold()
        if word in self.extra or word in self.known:
            return True
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix):
                stem = word[: -len(suffix)]
                return stem in self.extra or stem in self.known
        return False

    def misspelled(self, line: str) -> list[Span]:
        spans: list[Span] = []
        for start, _end, word in words(line):
            if self.knows(word):
                continue
            for part_start, part_end, part in parts(start, word):
                if worth_checking(part) and not self.knows(part):
                    spans.append((part_start, part_end))
        return spans

    def suggestions(self, word: str, limit: int = 8, budget: float = 1.0) -> list[str]:
        """Known words one edit away (two when there are none), most common first, in the
        word's case; stops looking after `budget` seconds."""
        lower = word.replace("’", "'").casefold()
        letters = self.lexicon.letters
        near = edits(lower, letters)
        found = {e for e in near if self._known_word(e)}
        if not found:
            deadline = time.monotonic() + budget
            for first in near:
                found.update(e for e in edits(first, letters) if self._known_word(e))
                if time.monotonic() > deadline:
                    break
        found.discard(lower)
        ranked = sorted(found, key=lambda w: (-self.known.get(w, 0), w))[:limit]
        return [_in_case_of(word, w) for w in ranked]

    def _known_word(self, word: str) -> bool:
        return word in self.known or word in self.extra


def _in_case_of(original: str, word: str) -> str:
    if original[:1].isupper() and original[1:].islower():
        return word[:1].upper() + word[1:]
    if original.isupper():
        return word.upper()
    return word


class DocumentCheck:
    """The misspelled spans of a body, line by line; lines seen before are not checked again."""

    def __init__(self, speller: Speller) -> None:
        self.speller = speller
        self._cache: dict[str, tuple[Span, ...]] = {}
        self.checked = 0  # lines actually checked by the last run (for tests and benchmarks)

    def forget(self) -> None:
        """After the speller learned a word: check every line again next time."""
        self._cache = {}

    def run(self, lines: Sequence[str]) -> dict[int, tuple[Span, ...]]:
        code = code_lines(lines)
        cache, seen = self._cache, {}
        found: dict[int, tuple[Span, ...]] = {}
        self.checked = 0
        for index, line in enumerate(lines):
            if code[index] or not line.strip():
                continue
            spans = cache.get(line)
            if spans is None:
                spans = tuple(self.speller.misspelled(line))
                self.checked += 1
            seen[line] = spans
            if spans:
                found[index] = spans
        self._cache = seen  # only the lines the body has now: memory stays bounded
        return found
