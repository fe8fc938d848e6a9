"""`posts --json` gates an index file row by row only when it is not known to have passed
whole as it is now (`store/gatememo.py`): a second run checks none, and a file changed in any
way since (edited by hand, even to the same size and modification time; put back from a
copy; written under other rules) is checked again, its bad rows refused with their reason."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from reeltui.cli import main, posts_json
from reeltui.store import datafile, gatememo
from tests.unit.test_posts_json_stored import _made_as_objects, indexed_archive

Checked = list[str]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_archive(tmp_path_factory.mktemp("memo") / "store", 40)


@pytest.fixture
def store(made: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(made, copy)  # (times kept: the damage check reads no post file)
    return copy


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Checked:
    """The index files the gate checked row by row (a file is remembered however recently
    it changed: the tests' files are seconds old; `test_a_file_changed_just_now...`)."""
    monkeypatch.setattr(gatememo, "SETTLED_NS", -(10**12))
    seen: Checked = []
    check = datafile.check

    def spy(found: datafile.DataFile, specs: Any) -> None:
        if found.rel.startswith("posts-index/"):
            seen.append(found.rel)
        check(found, specs)

    monkeypatch.setattr(datafile, "check", spy)
    return seen


def _posts(capsys: pytest.CaptureFixture[str], store: Path) -> tuple[int, str, str]:
    code = main(["--store", str(store), "posts", "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def _pages(store: Path) -> list[str]:
    return sorted(f"posts-index/{p.name}" for p in (store / "posts-index").glob("*.json"))


def _the_row_objects(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, store: Path
) -> tuple[int, str, str]:
    with monkeypatch.context() as patched:
        patched.setattr(posts_json, "stored_rows", lambda blog, *_: None)
        return _posts(capsys, store)


def test_an_unchanged_index_file_is_gated_once(
    store: Path, capsys: pytest.CaptureFixture[str], checked: Checked
) -> None:
    first = _posts(capsys, store)
    assert sorted(checked) == _pages(store) and first[0] == 0
    checked.clear()
    assert _posts(capsys, store) == first
    assert checked == []


def _page_of(store: Path, post_id: str) -> Path:
    for page in sorted((store / "posts-index").glob("*.json")):
        if post_id in json.loads(page.read_text())["posts"]:
            return page
    raise AssertionError(post_id)


def _same_size_and_time(page: Path, old: bytes, new: bytes) -> None:
    """Write `new` over `page` in place, then give it back its modification time."""
    assert len(new) == len(old)
    before = page.stat()
    with page.open("r+b") as out:
        out.write(new)
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = page.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_hand_edited_index_file_is_gated_again_and_refused(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    checked: Checked,
) -> None:
    _posts(capsys, store)
    page = _page_of(store, "p00004")
    old = page.read_bytes()
    row = json.loads(old)["posts"]["p00004"]
    status = f'"status": "{row["status"]}"'.encode()
    bad = old.replace(status, status.replace(row["status"].encode(), b"X" * len(row["status"])))
    assert bad != old
    _same_size_and_time(page, old, bad)
    checked.clear()
    code, out, err = _posts(capsys, store)
    assert set(checked) == {f"posts-index/{page.name}"}  # that file alone: size and time match
    assert code == 0 and "p00004" not in {p["id"] for p in json.loads(out)}
    assert "not listed" in err and "posts-index" in err and "status" in err
    assert "Traceback" not in err
    assert _the_row_objects(capsys, monkeypatch, store) == (code, out, err)
    checked.clear()
    _posts(capsys, store)
    assert set(checked) == {f"posts-index/{page.name}"}  # a refused row: never remembered


def test_a_remembered_file_keeps_its_shape(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    checked: Checked,
) -> None:
    """A file remembered as sound is remembered in the shape the store writes: its rows are
    printed from their own dicts without a check; edited in place out of that shape (two
    fields swapped, same size and time), it is checked again and its rows made as objects."""
    first = _posts(capsys, store)
    checked.clear()
    made = _made_as_objects(monkeypatch)
    assert _posts(capsys, store) == first and checked == [] and made == []
    page = _page_of(store, "p00004")
    old = page.read_bytes()
    doc = json.loads(old)
    row = doc["posts"]["p00004"]
    doc["posts"]["p00004"] = {"title": row["title"], "slug": row["slug"], **row}
    swapped = orjson.dumps(doc, option=orjson.OPT_INDENT_2)  # (as the store writes it)
    _same_size_and_time(page, old, swapped)
    code, out, err = _posts(capsys, store)
    assert checked == [f"posts-index/{page.name}"] and "p00004" in made
    assert (code, out, err) == _the_row_objects(capsys, monkeypatch, store) == first


def test_a_file_put_back_from_a_copy_is_gated_again(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], checked: Checked
) -> None:
    first = _posts(capsys, store)
    page = Path(_pages(store)[0])
    kept = tmp_path / "kept.json"
    shutil.copy2(store / page, kept)
    shutil.copy2(kept, store / page)  # the same bytes and times, another write
    checked.clear()
    assert _posts(capsys, store) == first
    assert checked == [str(page)]


def test_other_rules_check_every_file_again(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    checked: Checked,
) -> None:
    _posts(capsys, store)
    monkeypatch.setattr(gatememo, "gate_key", lambda: "other rules")
    checked.clear()
    _posts(capsys, store)
    assert sorted(checked) == _pages(store)


def test_a_memo_that_cannot_be_read_or_written_costs_only_the_checks(
    store: Path, capsys: pytest.CaptureFixture[str], checked: Checked
) -> None:
    first = _posts(capsys, store)
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "reeltui" / "passed"
    for memo in cache.iterdir():
        memo.write_bytes(b"{not json")
    checked.clear()
    assert _posts(capsys, store) == first
    assert sorted(checked) == _pages(store)
    shutil.rmtree(cache)
    cache.write_text("a file where the folder goes")
    checked.clear()
    assert _posts(capsys, store) == first
    assert sorted(checked) == _pages(store)


def test_a_file_changed_just_now_is_not_remembered(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    checked: Checked,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A change in place in the same tick of a coarse clock could leave every time as it
    was: a file changed in the last seconds is checked again next time."""
    monkeypatch.setattr(gatememo, "SETTLED_NS", 3_000_000_000)
    _posts(capsys, store)  # every file copied a moment ago
    checked.clear()
    _posts(capsys, store)
    assert sorted(checked) == _pages(store)
