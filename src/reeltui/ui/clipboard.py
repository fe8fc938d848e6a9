"""Copying text: the terminal's clipboard (OSC 52) always, the system one when it can."""

from __future__ import annotations

from typing import Any

from textual.app import App


def copy_text(app: App[Any], text: str, what: str) -> str:
    """Copy `text` and return a sentence saying what happened (for a notification)."""
    app.copy_to_clipboard(text)  # OSC 52: works over SSH and in tmux with set-clipboard on
    size = f"{len(text):,} characters"
    through_terminal = f"Copied {what} ({size}) through the terminal (OSC 52)"
    try:
        import pyperclip
    except ImportError:  # a best-effort extra
        return f"{through_terminal}; no system clipboard found"
    try:
        pyperclip.copy(text)
    except (pyperclip.PyperclipException, OSError):  # headless (no DISPLAY), no xclip...
        return f"{through_terminal}; no system clipboard found"
    return f"Copied {what} ({size}) to the clipboard"
