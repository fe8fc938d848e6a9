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
from tests.ui.test_first_paint import _archive

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
    "html",  # a named character reference decoded (only a text holding one needs the table)
    "html.entities",
    # the parts of the main screen mounted after its first frame (ui/screens/main_late.py):
    "reeltui.ui.screens.main_late",  # the list's search box, its hint, the comments found
    "reeltui.ui.widgets.query_box",
    "reeltui.domain.query_complete",  # the box's completion
    "reeltui.ui.widgets.comment_hits",
    "reeltui.ui.screens.comment_actions",  # a reply or a moderation asked from the thread
    "reeltui.ui.saving",  # the save queue: made with the first save (or key) asked
    "hashlib",  # a record id that is not plain, escaped for its file name (store/layout.py)
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


# Before anything is imported: every regular expression compiled while a module of ours is
# being imported (its body, or anything its body calls) is noted with that module's name.
WATCH_IMPORTS = """
import re, sys
compiled_at_import = []
compile_now = re._compile

def watched(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    if frame is not None and frame.f_globals.get("__name__", "").startswith("reeltui"):
        compiled_at_import.append(frame.f_globals["__name__"])
    return compile_now(pattern, flags)

re._compile = watched
"""
# When the first rows are drawn: what was compiled, and which record schemas were made.
LOOK = """
        from reeltui.domain import validate
        made = [validate.draft_schema, validate.revision_schema, validate.outbox_entry_schema]
        made = [f.__name__ for f in made if f.cache_info().currsize]
        seen.append([list(compiled_at_import), made])
"""


def test_the_first_frame_compiles_no_pattern_and_makes_no_schema_it_does_not_use(
    store_path: Path, tmp_path: Path
) -> None:
    """The modules the first frame imports compile their regular expressions when first
    used (domain/patterns.lazy): 24 patterns were compiled at import, none used before the
    first rows are drawn. The schemas of working copies, revisions and outbox entries (each
    a generated check compiled, the post's nested) are made when such a record is first
    read, not at import."""
    first = "        seen.append(sorted(sys.modules))"
    script = WATCH_IMPORTS + AT_FIRST_ROWS.replace(first + "\n", first + LOOK)
    assert script.count("compiled_at_import") == 3  # the hook is in place
    done = subprocess.run(
        [sys.executable, "-c", script, str(store_path)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "REELTUI_CONFIG": str(tmp_path / "missing.toml")},
    )  # fmt: skip
    modules, (compiled, schemas), _ = json.loads(done.stdout[done.stdout.rindex("FOUND ") + 6 :])
    assert "reeltui.ui.screens.main" in modules  # it did paint
    # (The text search, imported by a worker this early on so small an archive, found libc
    # with ctypes.util: `ldconfig -p` in a subprocess and its patterns compiled. No more.)
    assert compiled == []
    assert schemas == []


def test_an_archive_s_first_screen_reads_no_query_language(tmp_path: Path) -> None:
    """The query language (its parser, its evaluation) is read when a search is typed or the
    whole list is loaded, not for the first screen's rows of an archive whose index is read
    in two parts (a small store's list is loaded whole at once, through the search)."""
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_ROWS, str(_archive(tmp_path / "store"))],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "REELTUI_CONFIG": str(tmp_path / "missing.toml")},
    )  # fmt: skip
    modules, _ = json.loads(done.stdout[done.stdout.rindex("FOUND ") + 6 :])
    assert "reeltui.ui.widgets.post_list" in modules  # the list's first rows were drawn
    assert {"reeltui.domain.query", "reeltui.domain.query_eval"} & set(modules) == set()
    assert "reeltui.ui.screens.main_search" not in modules  # (the search's own screen part)
    # nor the film diary (its model, its table: counted for the status line after the paint)
    assert {"reeltui.domain.diary", "reeltui.store.diary"} & set(modules) == set()
