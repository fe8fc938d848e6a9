"""Make untrusted text (comments, titles, imported bodies) safe to show in a terminal.

A comment must not be able to change the terminal's title, colours or clipboard, nor reorder
what the reader sees. We drop escape sequences (CSI, OSC, DCS...), C0/C1 control characters
(except newline and tab) and bidirectional override/isolate characters.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] ... BEL or ST),
# and two-character escapes (ESC x).
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|$)"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x9b][0-?]*[ -/]*[@-~]?"
    r"|[\x9d\x90\x98\x9e\x9f].*?(?:\x07|\x9c|\x1b\\|$)",
    re.DOTALL,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the invisible LRM/RLM/ALM marks used in spoofing.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def sanitize(text: str) -> str:
    """`text` with escape sequences, control characters and bidi overrides removed.

    Newlines and tabs are kept; carriage returns become newlines (\\r\\n -> \\n).
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return _BIDI.sub("", text)


def sanitize_line(text: str) -> str:
    """Like `sanitize`, for one-line fields (titles, names): whitespace runs become one space."""
    return " ".join(sanitize(text).split())
