"""Pieces of hostile text shared by the fuzz and terminal-safety tests."""

from __future__ import annotations

import random

from hypothesis import strategies as st

ESCAPES = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[2J",
    "\x1b[H",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]8;;http://evil\x1b\\",
    "\x1bPq#0;2;0;0;0\x1b\\",
    "\x1b[?1049h",
    "\x1b[6n",
    "\x1bc",
    "\x9b31m",
    "\x9d0;t\x9c",
    "\x90dcs\x9c",
    "\x1b",
    "\x1b[",
    "\x1b]",
    "\x9b",
    "\x07",
    "\x08",
    "\x00",
    "\x7f",
    "\x85",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
]
UNICODE = [
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\u00ad",
    "\u0301",
    "e\u0301",
    "👩\u200d👩\u200d👧",
    "🇫🇷",
    "日本語",
    "한국어",
    "עברית",
    "العربية",
    "﷽",
    "𒐫",
    "\U0001f3ac",
    "Ａ",
    "\ufffd",
    "\u3000",
]
MARKDOWN = [
    "# ",
    "## ",
    "> ",
    ">",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "    ",
    "\t",
    "```",
    "~~~",
    "`",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](http://x)",
    "<http://a>",
    "<b>",
    "</b>",
    "<script>",
    "&amp;",
    "&#x1b;",
    "&#27;",
    "&#x202e;",
    "|",
    "| a | b |\n|---|---|\n",
    "---",
    "***",
    "\\",
    "[x]: http://y",
    "[x]",
    "\n",
    "\n\n",
    " ",
    "word",
    "Her",
    "4.5/5",
]
POOL = ESCAPES + UNICODE + MARKDOWN


def hostile_text(seed: int, most: int = 40) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(POOL) for _ in range(rng.randint(0, most)))


HOSTILE = st.one_of(
    st.integers(0, 2**64).map(hostile_text),
    st.text(max_size=60),
)

# What must never reach the terminal from untrusted text.
FORBIDDEN = (
    {chr(c) for c in range(0x20) if chr(c) not in "\n"}
    | {chr(c) for c in range(0x7F, 0xA0)}
    | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
)


def unsafe(text: str) -> set[str]:
    """The forbidden characters found in `text`."""
    return {c for c in text if c in FORBIDDEN}
