"""`posts --json`'s damage check reads a post file the search index does not vouch for (changed
since it was indexed) through the gate once: sound, it is remembered by its identity
(`store/soundmemo.py`) and not read again while unchanged; changed in any way since, it is
read again and its damage said. Nor does the check open the search index's module (sqlite3)
in the command's own process to stat those files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from reeltui.cli import main
from reeltui.services import damage
from reeltui.store import gatememo
from tests.unit.test_posts_json_stored import indexed_archive
from tests.unit.test_startup import CONSOLE_SCRIPT, RECORD

TOUCHED = "p00003"  # its file written again as it was: not the search index's signature


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_archive(tmp_path_factory.mktemp("sound") / "store", 12)


@pytest.fixture
def store(made: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(made, copy)  # (times kept: the search index vouches for every file)
    post = copy / "posts" / f"{TOUCHED}.json"
    post.write_bytes(post.read_bytes())  # same bytes, a new modification time
    return copy


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The posts whose file the damage check read through the gate (a file is remembered
    however recently it changed: the tests' files are seconds old)."""
    monkeypatch.setattr(gatememo, "SETTLED_NS", -(10**12))
    seen: list[str] = []
    why = damage._why

    def spy(blog: object, post_id: str, rel: str) -> str:
        seen.append(post_id)
        return why(blog, post_id, rel)  # type: ignore[arg-type]

    monkeypatch.setattr(damage, "_why", spy)
    return seen


def _posts(capsys: pytest.CaptureFixture[str], store: Path) -> tuple[int, list[dict[str, object]]]:
    code = main(["--store", str(store), "posts", "--json"])
    return code, orjson.loads(capsys.readouterr().out)


def _damaged(items: list[dict[str, object]]) -> dict[object, object]:
    return {item["id"]: item["damaged"] for item in items if item["damaged"] is not None}


def test_a_file_read_sound_is_not_read_again_while_unchanged(
    store: Path, read: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, first = _posts(capsys, store)
    assert code == 0 and read == [TOUCHED] and _damaged(first) == {}
    code, again = _posts(capsys, store)
    assert code == 0 and read == [TOUCHED]  # (not read a second time)
    assert again == first


def test_a_remembered_file_changed_since_is_read_again(
    store: Path, read: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _posts(capsys, store)
    post = store / "posts" / f"{TOUCHED}.json"
    post.write_bytes(post.read_bytes().replace(b'"rating":', b'"rating": "lots", "x":', 1))
    code, items = _posts(capsys, store)
    assert code == 0 and read == [TOUCHED, TOUCHED]
    assert TOUCHED in _damaged(items)
    post.write_bytes(b'{"post": {')  # not JSON
    _, items = _posts(capsys, store)
    assert read == [TOUCHED] * 3 and TOUCHED in _damaged(items)


def test_a_file_changed_just_now_is_not_remembered(
    store: Path,
    read: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(gatememo, "SETTLED_NS", 3_000_000_000)  # (as in use: seconds old)
    _posts(capsys, store)
    _posts(capsys, store)
    assert read == [TOUCHED, TOUCHED]


def test_a_memo_of_other_rules_is_not_taken(
    store: Path,
    read: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _posts(capsys, store)
    monkeypatch.setattr(gatememo, "gate_key", lambda: "other rules")
    _posts(capsys, store)
    assert read == [TOUCHED, TOUCHED]


def test_the_check_of_a_changed_file_opens_no_search_index_module(store: Path) -> None:
    """The few files the search index does not vouch for are stat'ed by the stores' own
    signatures module (searchcache's import cost ~13 ms: sqlite3 and the search modules)."""
    done = subprocess.run(
        [sys.executable, "-c", RECORD + CONSOLE_SCRIPT, "--store", str(store), "posts", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = set(orjson.loads(done.stderr[done.stderr.rindex("MODULES ") + len("MODULES ") :]))
    assert "reeltui.services.damage" in found  # (it did check the changed file)
    assert not found & {"sqlite3", "reeltui.store.searchcache"}
