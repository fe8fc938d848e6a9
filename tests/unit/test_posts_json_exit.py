"""`reeltui posts --json` as a process (cli/exiting.py): once everything is written it ends
at once, without freeing what it printed or tearing the interpreter down, with the exit
status the command gave; a reader that stops reading (`| head`) gets no traceback; other
commands end as they always did."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.services.session import open_blog

SCRIPT = """
import atexit, os, sys
leave, me = os._exit, os.getpid()
def at_once(code):  # os._exit: no teardown, nothing freed (the damage probe's child too)
    if os.getpid() == me:
        os.write(2, b"LEFT AT ONCE\\n")
    leave(code)
os._exit = at_once
atexit.register(lambda: sys.stderr.write("AT EXIT\\n"))
sys.argv = ["reeltui", *sys.argv[1:]]
from reeltui.__main__ import run
run()
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("exit") / "store"
    open_blog(store).close()
    write_archive(store, 150)  # ~130 KB of JSON: more than a pipe holds
    return store


def _reeltui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=300
    )


def test_it_ends_at_once_with_everything_written(store: Path) -> None:
    done = _reeltui("--store", str(store), "posts", "--json")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) == 150 + 5  # and the demo blog's posts
    assert "LEFT AT ONCE" in done.stderr  # no teardown: os._exit after the flush
    assert "AT EXIT" in done.stderr  # what was asked for at exit ran
    assert "Traceback" not in done.stderr


def test_the_damage_warning_and_exit_status_are_kept(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    (copy / "posts" / "p00003.json").write_text('{"post": {')
    done = _reeltui("--store", str(copy), "posts", "--json")
    assert done.returncode == 0
    assert "1 post is listed as damaged" in done.stderr
    assert [p["id"] for p in json.loads(done.stdout) if p["damaged"]] == ["p00003"]
    page = sorted((copy / "posts-index").glob("*.json"))[0]
    page.write_text("{nope")
    done = _reeltui("--store", str(copy), "posts", "--json")
    assert (done.returncode, done.stdout) == (2, "")  # an error: the usual exit
    assert done.stderr.startswith("reeltui: ") and "Traceback" not in done.stderr
    assert "LEFT AT ONCE" not in done.stderr


def test_a_reader_that_stops_reading_gets_no_traceback(store: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "--store", str(store), "posts", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(10) == b"[\n  {\n    "
    child.stdout.close()  # as `| head -c 10` does
    err = child.stderr.read().decode()
    assert child.wait(timeout=300) == 0
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken" not in err


def test_other_commands_end_as_before(store: Path) -> None:
    done = _reeltui("--store", str(store), "posts")
    assert done.returncode == 0
    assert "LEFT AT ONCE" not in done.stderr and "AT EXIT" in done.stderr


@pytest.mark.parametrize("command", [["posts", "--json"], ["posts"], ["search", "her"]])
def test_a_reader_gone_before_the_first_write_gets_no_error(
    store_path: Path, command: list[str]
) -> None:
    """A reader gone before anything is written: exit 0, nothing said. `reeltui posts --json
    | head -1` exited 120 with "Exception ignored ... BrokenPipeError" in about half the
    new-user pass's runs: standard output, buffered (not under PYTHONUNBUFFERED, which this
    machine's shells set), was flushed at the interpreter's end, after the command's guard."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, "--store", str(store_path), *command],
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=120,
            env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        )  # fmt: skip
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Exception" not in done.stderr, done.stderr
