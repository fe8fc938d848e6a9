"""Handing the body to $VISUAL / $EDITOR while the app is suspended."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported


@dataclass(frozen=True, slots=True)
class HandOff:
    text: str | None  # the edited text (None: keep the built-in editor's text)
    message: str
    severity: str = "information"


def repaint(app: App[object]) -> None:
    """Redraw everything after a suspension (the terminal's screen was cleared meanwhile)."""
    screen = app.screen
    screen.refresh(repaint=True, layout=True)
    for widget in screen.walk_children():
        widget.refresh(repaint=True)


def editor_command() -> list[str] | None:
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return None


def edit_externally(app: App[object], text: str, name: str = "post") -> HandOff:
    """Run the user's editor on a temp file holding `text`; read the file back.

    The file's contents are trusted over the editor's exit status. The temp file is deleted
    only when everything went well; otherwise its path is given in the message.
    """
    command = editor_command()
    if command is None:
        return HandOff(None, "Set $VISUAL or $EDITOR to edit in your own editor", "warning")
    fd, raw_path = tempfile.mkstemp(prefix=f"reeltui-{name}-", suffix=".md")
    path = Path(raw_path)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    failure: OSError | None = None
    status = 0
    try:
        with app.suspend():
            # Nothing may escape this block: an exception would skip the terminal's restore.
            try:
                status = subprocess.call([*command, str(path)])
            except OSError as exc:
                failure = exc
            except KeyboardInterrupt:  # Ctrl+C reached us too: read back what was saved
                status = 130
    except SuspendNotSupported:
        path.unlink(missing_ok=True)
        return HandOff(
            None,
            "This terminal cannot hand over to an external editor; keep writing here",
            "warning",
        )
    repaint(app)
    if failure is not None:
        reason = failure.strerror or str(failure)
        return HandOff(None, f"Could not run {command[0]}: {reason}; text kept in {path}", "error")
    try:
        edited = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return HandOff(None, f"Could not read the edited text back ({exc}); see {path}", "error")
    note = "" if status == 0 else f" (the editor exited with status {status}; its text was kept)"
    path.unlink(missing_ok=True)
    if edited == text:
        return HandOff(None, "No change from the external editor" + note)
    return HandOff(edited, "Text updated from the external editor" + note)
