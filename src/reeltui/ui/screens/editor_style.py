"""The editor's styles and the wording of its status line and errors."""

from __future__ import annotations

import datetime as dt


def describe(exc: Exception) -> str:
    """The error's own message, written for users."""
    return str(exc)


def ago(delta: dt.timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


def first_prompt(body: str) -> tuple[int, int] | None:
    """(row, length) of a template's first line of prompt text (not a heading or a quote)."""
    for row, line in enumerate(body.splitlines()):
        text = line.strip()
        if text and not text.startswith(("#", ">")):
            return row, len(line)
    return None
