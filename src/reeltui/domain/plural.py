"""Counting things in English: "1 post", "2 posts", "1 entry", "3 entries".

Every count reeltui prints goes through `count` (the CLI, the import and sync summaries, the
app's titles), so no line says "1 reviews" or "8 comment(s)".
"""

from __future__ import annotations

_IRREGULAR = {"person": "people", "child": "children"}


def plural(noun: str) -> str:
    """The plural of an English noun; of a phrase, its last word ("read mark" -> "read
    marks", "working copy" -> "working copies")."""
    head, space, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        return head + space + _IRREGULAR[last]
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u", ""):
        return head + space + last[:-1] + "ies"
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count(n: int, noun: str, many: str = "") -> str:
    """`n` and the noun in the number it needs: count(1, "post") -> "1 post",
    count(2, "entry") -> "2 entries"; `many`: the plural, when the rule gets it wrong."""
    return f"{n} {noun if n == 1 else many or plural(noun)}"
