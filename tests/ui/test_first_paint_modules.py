"""What the first frame imports: a fresh interpreter starts the app as `reeltui` does (the
settings read from a config file that is not there) and lists its modules when the post list
first draws rows."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ui.test_first_paint import AT_FIRST_ROWS as FIRST_PAINT

# The modules a fresh interpreter holds when the list first draws its rows, the app made as
# the command line makes it (the user's settings read).
AT_FIRST_ROWS = FIRST_PAINT.replace("make_app(blog, settings=Settings())", "make_app(blog)")
assert AT_FIRST_ROWS != FIRST_PAINT

# Imported when first needed, never for the first frame.
LATER = {
    "reeltui.ui.keys",  # the keymap check and the help screen's key names
    "reeltui.ui.commands",  # the command palette's providers
    "reeltui.ui.bugs",  # the last resort of an unexpected error, and the crash report
    "reeltui.crash",
    "reeltui.debuglog",
    "reeltui.services.templates",  # a new post's templates
    "tomllib",  # the config file's reader: no config file, nothing to read
    "reeltui.services.outbox",  # a reply sent, edited or deleted
    "reeltui.services.moderation",  # a comment approved, trashed...
    "reeltui.ui.screens.confirm",  # a question asked
    "_strptime",  # the newest backup's time is read from its folder's name by hand
}


def test_the_first_frame_imports_nothing_it_does_not_use(store_path: Path, tmp_path: Path) -> None:
    """Each module of LATER was imported before the first rows were drawn (a millisecond or
    two each, of a start whose own share is a few tenths of a second)."""
    taken = store_path / "backups" / dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    taken.mkdir(parents=True)  # the newest backup: its time is read at open (and is recent)
    (taken / "manifest.json").write_text('{"files": {}}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_ROWS, str(store_path)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "REELTUI_CONFIG": str(tmp_path / "missing.toml")},
    )  # fmt: skip
    modules, _ = json.loads(done.stdout[done.stdout.rindex("FOUND ") + 6 :])
    assert "reeltui.ui.screens.main" in modules  # it did paint
    assert "reeltui.store.backup" in modules  # and checked the store's backups at open
    assert LATER & set(modules) == set()
