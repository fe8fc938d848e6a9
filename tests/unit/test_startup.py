"""What starting reeltui loads: `--version` and `--help` no third-party module at all, the app
none of the import and sync libraries (HTML conversion, XML, YAML, HTTP), a command no UI.
Each is a fresh interpreter (the modules a test process already holds prove nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reeltui.cli import commands

# Loaded only when importing a file or syncing (or writing the settings): never at a start.
IMPORT_AND_SYNC = {"markdownify", "bs4", "soupsieve", "defusedxml", "httpx", "httpcore", "yaml"}
IMPORT_AND_SYNC |= {"tomlkit", "feedparser", "requests", "urllib3"}

RECORD = """
import atexit, json, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules))))
"""


def modules_of(code: str, *args: str) -> set[str]:
    """The modules a fresh interpreter holds when `code` ends (by exit or return)."""
    done = subprocess.run(
        [sys.executable, "-c", RECORD + code, *args], capture_output=True, text=True, timeout=120
    )
    marker = done.stderr.rindex("MODULES ")
    return set(json.loads(done.stderr[marker + len("MODULES ") :]))


def third_party(modules: set[str]) -> set[str]:
    tops = {m.split(".")[0] for m in modules}
    return {t for t in tops if t not in sys.stdlib_module_names and not t.startswith("_")} - {
        "reeltui"
    }


CONSOLE_SCRIPT = (
    "import sys; sys.argv = ['reeltui', *sys.argv[1:]]\nfrom reeltui.__main__ import run\nrun()"
)


def test_version_loads_nothing_but_itself() -> None:
    found = modules_of(CONSOLE_SCRIPT, "--version")
    assert third_party(found) == set()
    assert {m for m in found if m.startswith("reeltui")} == {"reeltui", "reeltui.__main__"}


def test_help_loads_no_third_party_module() -> None:
    found = modules_of(CONSOLE_SCRIPT, "--help")
    assert third_party(found) == set()
    assert not {m for m in found if m.startswith(("reeltui.store", "reeltui.ui"))}
    assert "reeltui.services.blog" not in found
    # a command's help is as light
    assert third_party(modules_of(CONSOLE_SCRIPT, "sync", "--help")) == set()


def test_a_command_loads_no_ui(store_path: Path) -> None:
    found = modules_of(CONSOLE_SCRIPT, "--store", str(store_path), "posts")
    assert "textual" not in {m.split(".")[0] for m in found}
    assert not (third_party(found) & IMPORT_AND_SYNC)


APP_START = """
import asyncio, sys
from pathlib import Path
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.recover import recovery_screen
from reeltui.ui.widgets.post_list import PostList

async def first_paint(store):
    blog = open_blog(Path(store))
    app = make_app(blog, initial_screen=recovery_screen(blog))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            screen = app.main_screen
            if screen and screen.query_one(PostList).items and not any(
                w.is_running for w in app.workers
            ):
                break
        assert app.main_screen.query_one(PostList).items
    blog.close()

asyncio.run(first_paint(sys.argv[1]))
"""


def test_the_app_starts_without_import_and_sync_libraries(store_path: Path) -> None:
    found = {m.split(".")[0] for m in modules_of(APP_START, str(store_path))}
    assert "textual" in found  # it did start and paint the list
    assert found & IMPORT_AND_SYNC == set()


def test_posts_json_loads_only_its_own_path(store_path: Path) -> None:
    """`posts --json` prints the stored rows (cli/posts_json.py): no UI, no rich, none of the
    query language, the search or the row objects' JSON that the other listings use."""
    found = modules_of(CONSOLE_SCRIPT, "--store", str(store_path), "posts", "--json")
    assert "reeltui.cli.posts_json" in found  # (it did take that path)
    assert not {m.split(".")[0] for m in found} & {"textual", "rich"}
    assert not found & {"reeltui.services.query", "reeltui.services.search", "reeltui.cli.json_out"}
    others = {f"reeltui.cli.{m}" for m in commands.MODULES} - {"reeltui.cli.reading"}
    assert not found & (others | {"reeltui.formats", "reeltui.services.templates"})  # one module
    assert "logging" not in found  # (imported when a log is started: --log)


def test_posts_json_on_a_sound_store_loads_neither_platformdirs_nor_sqlite(
    store_path: Path,
) -> None:
    """Its user folders are worked out without platformdirs (locations.py), and the search
    index's signatures are read by the damage check's child: the command's own process
    opens no database when the child proved every listed post's file sound."""
    from reeltui.services.session import open_blog

    with open_blog(store_path) as blog:
        blog.search_index().prepare()  # (as after a session in the app)
    found = modules_of(CONSOLE_SCRIPT, "--store", str(store_path), "posts", "--json")
    assert "reeltui.cli.posts_json" in found and "reeltui.services.damage" in found
    assert not found & {"platformdirs", "sqlite3", "reeltui.store.searchcache"}
    assert not found & {"hashlib", "_hashlib"}  # (OpenSSL: ~4 ms of a start)


def test_posts_json_reading_remembered_files_makes_no_schema(store_path: Path) -> None:
    """The posts index's gate is made when a file is first checked: a run reading only
    files the gate memo remembers sound (every run after the first) makes no schema (nor
    does the damage check: the search index holds every post file's signature)."""
    from reeltui.services.session import open_blog

    with open_blog(store_path) as blog:
        blog.search_index().prepare()  # (as after a session in the app)
    code = CONSOLE_SCRIPT.replace(
        "run()",
        "import atexit, reeltui.store.gatememo as memo\n"
        "memo.SETTLED_NS = -(10**12)  # (the store's files are a moment old)\n"
        "atexit.register(lambda: sys.stderr.write('\\nSCHEMAS %d' % __import__("
        "'reeltui.domain.validate').domain.validate.schema_of.cache_info().currsize))\nrun()",
    )
    command = [sys.executable, "-c", code, "--store", str(store_path), "posts", "--json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0 and "SCHEMAS 0" not in first.stderr  # (every file gated)
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stderr.rstrip().endswith("SCHEMAS 0"), again.stderr
    assert again.stdout == first.stdout


def test_a_command_without_a_log_compiles_no_secret_pattern(store_path: Path) -> None:
    """The log's secret patterns (debuglog) are compiled when a text is first scrubbed,
    not at every command's start (four patterns: a few milliseconds)."""
    code = CONSOLE_SCRIPT.replace(
        "run()",
        "import atexit\n"
        "atexit.register(lambda: sys.stderr.write('\\nPATTERNS %d' % __import__("
        "'reeltui.debuglog').debuglog._patterns.cache_info().currsize))\nrun()",
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--store", str(store_path), "posts", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr.rstrip().endswith("PATTERNS 0"), done.stderr
