"""ui/app.tcss in two parts: the rules of the main screen (and the dialogs over it), parsed when
the app starts, and those of the other screens (after `LATER`), parsed when the first of them
opens. Textual parses a whole stylesheet before its first frame: the 130 rules of app.tcss
took a tenth of the time from the app's start to its first paint, and the main screen uses
under half of them. Still one file, in the order written: the cascade is the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

PATH = Path(__file__).with_name("app.tcss")
LATER = "/* ==== The other screens."


def parts() -> tuple[str, str]:
    """app.tcss's rules for the first screen, and the rest ("" when the file has no mark)."""
    text = PATH.read_text(encoding="utf-8")
    at = text.find(LATER)
    return (text, "") if at < 0 else (text[:at], text[at:])


def add_first(app: App[Any], css: str) -> None:
    """The first part, where Textual puts a CSS_PATH file (before the widgets' defaults)."""
    app.stylesheet.add_source(css, read_from=(str(PATH), ""), is_default_css=False)


def add_later(app: App[Any], css: str) -> None:
    """The rest, after the first part, and every node styled again with it."""
    app.stylesheet.add_source(css, read_from=(str(PATH), "the other screens"))
    app.stylesheet.reparse()
    app.stylesheet.update(app)
