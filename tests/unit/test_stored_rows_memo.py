"""`posts --json` on index files the gate memo remembers (`store/gatememo.py`) goes through
their rows neither for their authors (the readers' counts' check) nor to sort them for the
date: both were found when each file was gated and are remembered with it (`stored_rows`'s
facts); each file's rows are put in their remembered order and the files, each wholly later
than the next, one after the other. The same bytes as the Blog's rows print, also when the
files' dates overlap or tie (then sorted whole), a file changed since, or a memo edited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reeltui.domain.vocab import SORT_KEYS
from reeltui.services import stored_rows
from reeltui.store import gatememo
from tests.unit.test_posts_json_stored import (
    _edit_row,
    _page_of,
    _posts,
    _row_objects_print,
    indexed_archive,
)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_archive(tmp_path_factory.mktemp("facts") / "store", 60)


@pytest.fixture
def store(made: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(made, copy)
    return copy


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many rows had their author read, and how many whole sorts for the date were made
    (a file is remembered however recently it changed: the tests' files are seconds old)."""
    monkeypatch.setattr(gatememo, "SETTLED_NS", -(10**12))
    made = {"authors": 0, "sorts": 0}
    author = getattr(stored_rows, "_author", dict.get)  # (main's read them in place)
    newest_first = stored_rows._newest_first

    def reading(row: dict[str, Any]) -> Any:
        made["authors"] += 1
        return author(row)

    def sorting(rows: Any) -> Any:
        made["sorts"] += 1
        return newest_first(rows)

    monkeypatch.setattr(stored_rows, "_author", reading, raising=False)
    monkeypatch.setattr(stored_rows, "_newest_first", sorting)
    return made


def _pages(store: Path) -> list[Path]:
    return sorted((store / "posts-index").glob("*.json"), reverse=True)


def test_a_remembered_run_reads_no_author_and_sorts_nothing(
    store: Path, passes: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    first = _posts(capsys, store)
    assert passes["sorts"] == 0 and passes["authors"] >= 60  # (each file's rows sorted)
    passes.update(authors=0, sorts=0)
    again = _posts(capsys, store)
    assert passes == {"authors": 0, "sorts": 0}
    assert again == first and first[0] == 0


@pytest.mark.parametrize("status", [None, "published", "pages"])
@pytest.mark.parametrize("sort", SORT_KEYS)
def test_a_remembered_run_prints_what_the_row_objects_print(
    store: Path,
    passes: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sort: str,
    status: str | None,
) -> None:
    _edit_row(store, "p00008", lambda row: {**row, "kind": "page"})
    args = ["--sort", sort, *(["--status", status] if status else [])]
    _posts(capsys, store, *args)
    assert _posts(capsys, store, *args) == _row_objects_print(capsys, monkeypatch, store, *args)


def test_files_whose_dates_overlap_are_sorted_whole(
    store: Path,
    passes: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A row of the newest file dated as the next file's oldest (edited by hand): the files
    one after the other are not in order, so the rows are sorted whole, as before."""
    newest, older = _pages(store)[:2]
    moved = next(iter(json.loads(newest.read_text())["posts"]))
    oldest = min(r["date"] for r in json.loads(older.read_text())["posts"].values())
    _edit_row(store, moved, lambda row: {**row, "date": oldest})
    _posts(capsys, store)
    passes.update(sorts=0)
    found = _posts(capsys, store)
    assert found[0] == 0 and passes["sorts"] == 1
    assert found == _row_objects_print(capsys, monkeypatch, store)


def test_a_tie_across_two_files_keeps_the_files_order(
    store: Path,
    passes: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The oldest row of one file and the newest of the next given the same date and title:
    the first file's first, as a stable sort of them all keeps them."""
    newest, older = _pages(store)[:2]

    def ends(page: Path) -> tuple[str, str]:
        rows = json.loads(page.read_text())["posts"]
        ordered = sorted(rows, key=lambda i: (rows[i]["date"], rows[i]["title"]))
        return ordered[0], ordered[-1]

    oldest_of_newest, newest_of_older = ends(newest)[0], ends(older)[1]
    tied = _page_of(store, oldest_of_newest)[1]["posts"][oldest_of_newest]
    _edit_row(store, newest_of_older, lambda row: {**row, "date": tied["date"]})
    _edit_row(store, newest_of_older, lambda row: {**row, "title": tied["title"]})
    _posts(capsys, store)
    passes.update(sorts=0)
    found = _posts(capsys, store)
    assert passes["sorts"] == 0  # (in order: a tie between two files is)
    assert found == _row_objects_print(capsys, monkeypatch, store)
    ids = [p["id"] for p in json.loads(found[1])]
    assert ids.index(oldest_of_newest) + 1 == ids.index(newest_of_older)


def test_a_file_changed_since_is_gone_through_again(
    store: Path,
    passes: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _posts(capsys, store)
    page = _pages(store)[0]
    first = next(iter(json.loads(page.read_text())["posts"]))
    _edit_row(store, first, lambda row: {**row, "title": "Zzz, retitled"})
    passes.update(authors=0)
    found = _posts(capsys, store)
    assert passes["authors"] == len(json.loads(page.read_text())["posts"])  # (that file's)
    assert found == _row_objects_print(capsys, monkeypatch, store)


@pytest.mark.parametrize(
    "facts",
    [{"authors": [1], "order": None}, {"authors": [], "order": 5}, {"order": "reversed"}, []],
)
def test_a_memo_edited_by_hand_is_not_taken(
    store: Path,
    passes: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    facts: Any,
) -> None:
    _posts(capsys, store)
    (memo,) = _memo_files()
    doc = json.loads(memo.read_text())
    doc["facts"] = {rel: facts for rel in doc["facts"]}
    memo.write_text(json.dumps(doc))
    assert _posts(capsys, store) == _row_objects_print(capsys, monkeypatch, store)


def test_an_order_of_other_rows_is_not_taken(
    store: Path,
    passes: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _posts(capsys, store)
    (memo,) = _memo_files()
    doc = json.loads(memo.read_text())
    doc["facts"] = {rel: {**f, "order": [0, -1] * 200} for rel, f in doc["facts"].items()}
    memo.write_text(json.dumps(doc))
    assert _posts(capsys, store) == _row_objects_print(capsys, monkeypatch, store)


def _memo_files() -> list[Path]:
    from reeltui.locations import cache_dir

    newest = max((cache_dir() / "passed").glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    return [newest]


def test_the_list_newest_first_holds_the_rows_themselves(store: Path) -> None:
    """Each row's (id, row) pair is made once: the list in the order for the date and the
    list in the files' order hold the same pairs (no post listed twice here)."""
    from reeltui.locations import cache_dir
    from reeltui.services.session import open_blog

    with open_blog(store) as blog:
        newest: stored_rows.Rows = []
        found = stored_rows.stored_rows(blog, cache_dir(), set(), newest)
    assert found is not None and len(newest) == len(found) > 60
    assert {id(pair) for pair in newest} == {id(pair) for pair in found}


def test_the_listed_ids_are_not_copied_for_the_checks(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The damage check and the unlisted posts' count get the ids where the rows hold them
    (`stored_rows.Ids`), not a list of 50,000 made again for each (~10 ms each)."""
    from reeltui.cli import posts_json

    given: list[Any] = []
    damaged_posts, unlisted = posts_json.damaged_posts, posts_json.unlisted

    def checking(blog: Any, post_ids: Any, *rest: Any) -> Any:
        given.append(post_ids)
        return damaged_posts(blog, post_ids, *rest)

    def counting(found: Any, listed: Any, *rest: Any) -> Any:
        given.append(listed)
        return unlisted(found, listed, *rest)

    monkeypatch.setattr(posts_json, "damaged_posts", checking)
    monkeypatch.setattr(posts_json, "unlisted", counting)
    code, out, _ = _posts(capsys, store)
    assert code == 0 and len(given) == 2
    assert not any(isinstance(ids, list) for ids in given)
    printed = [p["id"] for p in json.loads(out)]
    assert list(given[0]) == printed and sorted(given[1]) == sorted(printed)
