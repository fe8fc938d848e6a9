"""The editor's styles and the wording of its status line and errors."""

from __future__ import annotations

import datetime as dt

from reeltui.services.drafts import StoreError

EDITOR_CSS = """
    EditorCore #editor-title {
        height: 1; width: 1fr; padding: 0 1; background: $panel; text-style: bold;
    }
    EditorCore #editor-main { height: 1fr; }
    EditorCore MetaForm {
        width: 44; border-right: vkey $foreground 20%; padding: 0 1; scrollbar-size-vertical: 1;
    }
    EditorCore MetaForm .field-label { color: $text-muted; }
    EditorCore MetaForm Input, EditorCore MetaForm Select { margin-bottom: 0; }
    EditorCore MetaForm .field-error { color: $error; display: none; }
    EditorCore MetaForm #rating-reels { color: $warning; }
    EditorCore #body { width: 1fr; border: none; }
    EditorCore #preview { width: 1fr; display: none; border-left: vkey $foreground 20%; }
    EditorCore.-preview #preview { display: block; }
    EditorCore #editor-status {
        height: 1; width: 1fr; padding: 0 1; background: $panel; color: $text-muted;
    }
    """


def describe(exc: BaseException) -> str:
    """A store error's own message (written for users), else the error's type and text."""
    if isinstance(exc, StoreError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


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
