"""Text as Markdown that reads back as the same text: the characters a Markdown reader would
take for markup are escaped (only where they would be: `snake_case` keeps its underscore,
`[gallery]` its brackets), and so are markers that would start a list or heading at the
start of a line."""

from __future__ import annotations

import re

_LINE_START = re.compile(r"^(?:[ \t]*)([#>=+-]|\*|\d+[.)]|`{3}|~{3})")
_ESCAPE = re.compile(r"[\\`*]|_|\](?=[(\[:])|<(?=[a-zA-Z/!?])|&(?=#?\w+;)|~(?=~)")


def _escape_match(match: re.Match[str]) -> str:
    found = match.group()
    if found == "_":
        text, at = match.string, match.start()
        inner = 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()
        return "_" if inner else "\\_"
    return "\\" + found


def _escape_lines(text: str) -> str:
    """Markers a Markdown reader would take for structure at the start of a line."""
    out = []
    for line in text.split("\n"):
        match = _LINE_START.match(line)
        if match and _starts_structure(line, match):
            start = match.start(1)
            line = line[:start] + "\\" + line[start:]
        out.append(line)
    return "\n".join(out)


def _starts_structure(line: str, match: re.Match[str]) -> bool:
    marker = match.group(1)
    rest = line[match.end(1) :]
    if marker in ("=", "-") and set(line.strip()) <= {"=", "-", " "}:
        return True
    if marker in (">", "`" * 3, "~" * 3):
        return True
    return not rest or rest[0] in " \t"


def escape_text(text: str) -> str:
    return _escape_lines(_ESCAPE.sub(_escape_match, text))
