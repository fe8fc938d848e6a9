"""A writer's answers to the words typed in the list's search, kept until the next change.

Each post's indexed text holds its summary's fields (title, author, categories, tags:
`search_texts.doc_text`), so a word's posts are the text index's answer plus those of the few posts
whose text the index may not hold as they are now (`unindexed`: saved since their file was
indexed, or never indexed), found in their summaries alone. Every summary holding the word
was searched at each keystroke before (5-20 ms at 50,000 posts).

The answers of the last words asked are remembered until a change (a post saved, a file
indexed): typing a second word asks the index for it alone, not the first one again at each
of its letters (a word in most posts: 5-10 ms at 50,000 posts, every key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reeltui.domain.idsets import AllBut, IdSet, union
from reeltui.services.textindex import TextIndex, fold

KEPT = 8  # words whose answers are remembered


class WordAnswers:
    def __init__(self) -> None:
        self.unindexed: set[str] = set()
        self._known: dict[bytes, IdSet] = {}

    def changed(self, saved: Iterable[str] = (), indexed: Iterable[str] = ()) -> None:
        """Posts `saved` (their summaries may not be in the text index now), posts whose
        text was `indexed`; what was remembered is forgotten either way."""
        self.unindexed.update(saved)
        self.unindexed.difference_update(indexed)
        self._known = {}  # (then a new dict: an answer found meanwhile goes to the old one)

    def answer(
        self, query: str, text: Callable[[str], IdSet], summaries: Callable[[], TextIndex]
    ) -> IdSet:
        """The posts holding `query` in their text (`text`: the text index's answer) or in
        their summary (`summaries`: the summaries' index, searched for the unindexed only)."""
        key, known = fold(query), self._known  # (a change makes a new dict: see below)
        found = known.get(key)
        if found is not None:
            return found
        found = text(query)
        few = tuple(self.unindexed)  # (in C: the writer's thread may add one meanwhile)
        extra = set(summaries().search_within(query, few)) if few else set()
        if isinstance(found, AllBut):
            found = AllBut(found.lacking - extra) if extra else found
        elif extra:
            found = union(extra, found)
        if isinstance(found, set):
            found = frozenset(found)  # (handed to every search of the word: never changed)
        if len(known) >= KEPT:
            known.pop(next(iter(known), key), None)
        known[key] = found  # (in the dict of before a change made meanwhile: never asked again)
        return found
