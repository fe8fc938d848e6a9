"""Make untrusted text (comments, titles, imported bodies) safe to show in a terminal.

A comment must not be able to change the terminal's title, colours or clipboard, nor reorder
what the reader sees. We drop escape sequences (CSI, OSC, DCS...), C0/C1 control characters
(except newline and tab) and bidirectional override/isolate characters, and the HTML
character references that a Markdown renderer would decode into one of those.

A body must not be able to hang the reader either: Markdown parsers take time quadratic in
the nesting of quotes and lists (10,000 nested levels took minutes) and Textual's Markdown
widget shows nothing at all past about 9 nested lists, so `sanitize` also caps the container
prefix of each line (indentation, `>` quote markers, list markers) to MAX_LEVELS markers and
MAX_INDENT columns. No real post nests that deep; its text is kept, only less nested.
"""

from __future__ import annotations

import re

from reeltui.domain.patterns import lazy

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] ... BEL or ST),
# and two-character escapes (ESC x).
_ESCAPES = lazy(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|$)"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x9b][0-?]*[ -/]*[@-~]?"
    r"|[\x9d\x90\x98\x9e\x9f].*?(?:\x07|\x9c|\x1b\\|$)",
    re.DOTALL,
)
_CONTROLS = lazy(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the invisible LRM/RLM/ALM marks used in spoofing.
_BIDI = lazy(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


# A Markdown renderer decodes character references: "&#x202e;" or "&rlm;" would put a bidi
# control back after sanitizing. Drop every reference that decodes to a character we remove.
_REFERENCE = lazy(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|[A-Za-z][A-Za-z0-9]{1,31});")


def _drop_unsafe_reference(match: re.Match[str]) -> str:
    hexa, decimal = match.group(1), match.group(2)
    if hexa or decimal:
        code = int(hexa, 16) if hexa else int(decimal)
        decoded = chr(code) if code <= 0x10FFFF else ""
    else:
        import html  # (its table of entities: read when a named reference is first met)

        decoded = html.unescape(match.group())
    if _CONTROLS.search(decoded) or _BIDI.search(decoded) or "\r" in decoded:
        return ""
    return match.group()


MAX_LEVELS = 8  # quote and list markers kept at the start of a line
MAX_INDENT = 16  # columns of indentation kept there
# The container prefix of a line: indentation, quote markers and list markers, in any mix.
_PREFIX = lazy(r"^(?:[ \t]|>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))+", re.MULTILINE)
_TOKEN = lazy(r"[ \t]+|>|[-+*]|\d{1,9}[.)]")


def _shorten_prefix(match: re.Match[str]) -> str:
    prefix = match.group()
    if len(prefix) <= MAX_LEVELS:
        return prefix
    kept: list[str] = []
    levels = columns = 0
    for token in _TOKEN.findall(prefix):
        if token[0] in " \t":
            room = MAX_INDENT - columns
            token = token.expandtabs(4)[: max(room, 1 if kept and kept[-1][0] not in " " else 0)]
            columns += len(token)
            if not token:
                continue
        else:
            levels += 1
            if levels > MAX_LEVELS:
                break
        kept.append(token)
    if kept and kept[-1][0] not in " ":
        kept.append(" ")  # a marker keeps the space that made it a marker
    return "".join(kept)


def limit_nesting(text: str) -> str:
    """`text` with every line's container prefix cut to MAX_LEVELS markers and MAX_INDENT
    columns of indentation (whitespace right after a marker is always kept)."""
    return _PREFIX.sub(_shorten_prefix, text)


def strip_unsafe(text: str) -> str:
    """`text` with escape sequences, control characters, bidi overrides and the character
    references that decode to them removed; newlines and tabs kept, carriage returns made
    newlines. The text itself is otherwise unchanged (for JSON output)."""
    if not text or (text.isprintable() and "&" not in text):
        return text  # nothing to remove (one C scan: a name, a title, a one-line comment)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _BIDI.sub("", text)
    if "&" in text:
        text = _REFERENCE.sub(_drop_unsafe_reference, text)
    return text


def sanitize(text: str) -> str:
    """`text` with escape sequences, control characters and bidi overrides removed.

    Newlines and tabs are kept; carriage returns become newlines (\\r\\n -> \\n); nesting
    deeper than MAX_LEVELS markers or MAX_INDENT columns is flattened.
    """
    return limit_nesting(strip_unsafe(text)) if text else text


def drop_invisible(text: str) -> str:
    """`text` without the invisible format characters (zero-width space, joiner, non-joiner,
    word joiner, byte order mark...: Unicode's Cf) a table cannot measure: Rich counts
    "a<ZWJ>b" one cell where a terminal shows two, and columns after it shifted. A joiner
    between two pictographs (an emoji sequence) is kept."""
    if text.isprintable():
        return text  # (one C scan: no format character in it)
    import unicodedata

    def pictographs_around(at: int) -> bool:
        near = text[at - 1 : at + 2] if at else ""
        return len(near) == 3 and unicodedata.category(near[0]) == "So" == unicodedata.category(
            near[2]
        )

    return "".join(
        ch
        for at, ch in enumerate(text)
        if unicodedata.category(ch) != "Cf" or (ch == "\u200d" and pictographs_around(at))
    )


def sanitize_line(text: str) -> str:
    """Like `sanitize`, for one-line fields (titles, names): whitespace runs become one space."""
    return " ".join(sanitize(text).split())


MAX_THREAD_INDENT = 12
MAX_SHOWN = 20_000  # characters of one comment shown in a thread (a 50 MB one hung it)


def cut_for_display(text: str, limit: int = MAX_SHOWN) -> tuple[str, int]:
    """(the first `limit` characters of `text`, cut at a line end when one is near; how many
    characters were left out). Wrapping and styling cost grows with the text: what is shown
    of one comment is bounded, whatever its size."""
    if len(text) <= limit:
        return text, 0
    line_end = text.rfind("\n", limit - limit // 10, limit)
    end = line_end if line_end > 0 else limit
    return text[:end], len(text) - end


def cut_note(left_out: int) -> str:
    """The note shown where a text was cut ("" when nothing was)."""
    return f"[… {left_out:,} more characters not shown]" if left_out else ""


def shown_text(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` cut for display (`cut_for_display`), the note on its own line where it was."""
    body, left_out = cut_for_display(text, limit)
    return f"{body}\n{cut_note(left_out)}" if left_out else body


def display_depth(depth: int) -> int:
    """The depth at which to indent a reply: a 10,000-deep thread must not push text off the
    screen (nor make the output quadratic); deeper replies line up at MAX_THREAD_INDENT."""
    return max(1, min(depth, MAX_THREAD_INDENT))
