"""Which words of a Markdown post a spell checker may look at (pure functions).

Never checked: fenced code blocks, inline code, raw HTML (tags, comments, entities, and
what <pre>, <code>, <script> and <style> hold), URLs and e-mail addresses, link targets and
reference definitions, WordPress shortcodes, words with digits, words in capitals (HER, DVD)
and single letters. Markdown syntax (#, *, _, >, list markers) is never a word anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_MASK = re.compile(
    r"(?P<code>`+).*?(?P=code)"  # inline code
    r"|<(?P<raw>pre|code|script|style)\b[^>]*>.*?</(?P=raw)\s*>"  # raw HTML holding code
    r"|<!--.*?(?:-->|$)"  # an HTML comment (block markers of WordPress)
    r"|</?[A-Za-z][^>]*>"  # an HTML tag with its attributes
    r"|&#?\w+;"  # an entity
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # a link or image target
    r"|\]\[[^\]]*\]"  # a reference link's label
    r"|(?:https?|ftp)://\S+|\bwww\.\S+|\bmailto:\S+|[\w.+-]+@[\w-]+\.[\w.-]+"  # URLs, e-mail
    r"|\[/?[a-z_-]+(?:\s[^\]]*)?\](?![(\[:])",  # a shortcode: [caption id="1"], [/caption]
    re.IGNORECASE,
)
_MAYBE = re.compile(r"[<`\[&@]|://|www\.", re.IGNORECASE)  # could _MASK find anything?
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_RAW_OPEN = re.compile(r"<(pre|script|style)\b", re.IGNORECASE)


def code_lines(lines: Sequence[str]) -> list[bool]:
    """For each line: is it inside (or the fence of) a code block or a raw <pre>/<script>/
    <style> block? One quick pass over the lines."""
    out: list[bool] = []
    fence = ""  # the fence that opened the block we are in
    raw = ""  # the raw HTML element we are in
    for line in lines:
        if fence:
            out.append(True)
            match = _FENCE.match(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if raw:
            out.append(True)
            if f"</{raw}" in line.casefold():
                raw = ""
            continue
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
            out.append(True)
            continue
        opened = _RAW_OPEN.search(line)
        if opened and f"</{opened.group(1).casefold()}" not in line.casefold():
            raw = opened.group(1).casefold()
        out.append(False)
    return out


def words(line: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word of one line worth checking (hyphenated words whole)."""
    if not line or _REFERENCE.match(line):
        return []
    masked = _MASK.sub(lambda m: " " * len(m.group(0)), line) if _MAYBE.search(line) else line
    found = []
    for match in WORD.finditer(masked):
        word = match.group(0)
        end = match.end()
        if end < len(masked) and masked[end].isdigit():
            continue  # part of a word with digits ("R2D2", "4K")
        start = match.start()
        if start > 0 and masked[start - 1].isdigit():
            continue
        found.append((start, end, word))
    return found


def parts(start: int, word: str) -> list[tuple[int, int, str]]:
    """The parts of a hyphenated word with their offsets ("sci-fi" -> "sci", "fi")."""
    return [(start + m.start(), start + m.end(), m.group(0)) for m in _PART.finditer(word)]


def worth_checking(word: str) -> bool:
    """Single letters and words in capitals (acronyms, a shouted title) are left alone."""
    letters = word.replace("'", "").replace("’", "")
    return len(letters) > 1 and not letters.isupper()
