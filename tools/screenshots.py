"""`make screenshots`: SVGs of the main views of the real app on the demo blog, for the README.

Runs the app headless (Textual's run_test) on a fresh demo store in a temp folder and saves
`screenshots/*.svg` with `app.save_screenshot`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.formats.letterboxd import read_letterboxd
from reeltui.services.diary_import import import_letterboxd
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app

OUT = Path(__file__).resolve().parents[1] / "screenshots"
LETTERBOXD = OUT.parent / "tests" / "fixtures" / "letterboxd" / "export-2014-02"
SIZE = (140, 42)
VIEWS: list[tuple[str, tuple[str, ...]]] = [
    ("post-list", ()),
    ("reader", ("enter",)),
    ("reader-search", ("enter", "slash", *"samantha", "enter", "n")),
    ("comments", ("enter", "c", "j")),
    ("filters", ("f",)),
    ("help", ("question_mark",)),
    ("narrow-reader", ("enter",)),
    ("wide", ("enter", "c")),
    ("editor", ("n", "enter", *"Arrival")),
    ("editor-80x24", ("n", "enter", *"Arrival", "f3")),
    ("marked", ("enter", "c", "x", "j", "j", "x")),
    ("zoom", ("enter", "c", "ctrl+o")),
    ("inbox", ("i",)),
    ("search-fields", ("slash", *'tag:"science fiction" date:2014-01 ra')),
    ("search-comments", ("slash", *"in:comments author:marcy", "enter")),
    ("stats", ("percent_sign",)),
    ("recap", ("ctrl+p", *"recap: draft", "enter", "enter", "enter")),
    ("answers", ("ctrl+p", *"readers' answers", "enter", "down", "enter")),
    ("reply", ("enter", "c", "r", *"Thank you, Marcy! The ending got me too.")),
    ("spelling", ("n", "enter", *"Arrival", "f3", *"A quiet wrold of first contact.")),
    # Views below change the store (a diary, a queued reply): keep them last.
    ("diary", ("D",)),
    ("outbox", ("enter", "c", "r", *"Thank you, Marcy!", "ctrl+s", "o")),
    ("thread-queued", ("enter", "c", "j", "j", "j")),
]
SIZES = {"narrow-reader": (80, 24), "wide": (200, 50), "editor-80x24": (80, 24)}


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(app: ReelApp, name: str, keys: tuple[str, ...], size: tuple[int, int]) -> Path:
    async with app.run_test(size=size) as pilot:
        app.sub_title = "store ~/.local/share/reeltui/store"
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        await pilot.pause(0.3)  # the editor checks spelling a moment after the last key
        await _settle(pilot)
        for box in app.screen.query("Input, TextArea"):
            box.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause(0.2)
        path = OUT / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(OUT))
    return path


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    os.environ.pop("NO_COLOR", None)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        for name, keys in VIEWS:
            blog = open_blog(store)
            if name == "diary":  # a Letterboxd export, as `reeltui import` reads it
                import_letterboxd(blog, read_letterboxd(LETTERBOXD))
            try:
                app = make_app(blog, settings=Settings())
                size = SIZES.get(name, SIZE)
                path = await shoot(app, name, keys, size)
            finally:
                blog.close()
            print(f"wrote {path.relative_to(OUT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
