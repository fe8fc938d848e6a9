"""The app's last resort: what happens when an error reaches Textual uncaught.

Screens catch `ReelError` (a message for the user) where they act. Anything else reaching the
app is a bug: its traceback goes to a crash report (see reeltui/crash.py) and the user reads
one line naming it, never a traceback. A bug in a background task leaves the app running (the
user's words stay on screen; the notification says where the report is); a bug on the UI
thread ends the app as Textual does, with that one line printed instead of the traceback.
Under Pilot (headless) every bug still ends the run, so a test never passes over one.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App
from textual.worker import WorkerFailed

from reeltui import crash
from reeltui.errors import ReelError


def handle(app: App[Any], error: Exception, survive: bool) -> bool:
    """Say `error` (reported as a bug unless it is a ReelError); True when the app lives on,
    False when Textual must end it (the one line is kept in `app.bug_line` for the exit)."""
    cause = error.error if isinstance(error, WorkerFailed) else error
    in_background = isinstance(error, WorkerFailed)
    if in_background and isinstance(cause, ReelError):  # a user's message nobody caught
        app.notify(str(cause), severity="error", timeout=15)
        return True
    line = crash.sentence(cause, crash.report(cause, "the app"))
    app.bug_line = line  # type: ignore[attr-defined]  # ReelApp declares it
    if in_background and survive:
        app.notify(line, title="A bug", severity="error", timeout=60)
        return True
    return False


def exit_line(app: App[Any]) -> Text:
    """What the terminal shows after the app ended on a bug."""
    return Text(f"reeltui: {getattr(app, 'bug_line', 'a bug in reeltui stopped the app')}")
