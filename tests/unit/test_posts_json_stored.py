"""`reeltui posts --json` prints straight from the posts index as stored (cli/posts_json.py,
services/stored_rows.py): the same bytes, warnings and exit status as the Blog's row objects
printed by `print_rows`, for every sort and status, on a generated archive with what a used
store holds by hand: damaged, refused and missing post files, refused and older-shaped index
rows, texts with terminal controls, an undated post, ties. The damage check it makes is
the cheaper one (a stat of each listed post's file), and still catches every damaged file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import write_archive

from reeltui.cli import main, posts_json
from reeltui.domain.readers import OwnPeople
from reeltui.domain.vocab import SORT_KEYS
from reeltui.locations import cache_dir
from reeltui.services import damage_probe, query
from reeltui.services.session import open_blog
from reeltui.services.stored_rows import stored_rows
from reeltui.store import signatures as signatures_module

WARNING = "reeltui: warning: "
BROKEN, REFUSED, MISSING = "p00003", "p00004", "p00005"  # post files damaged by hand


def _page_of(store: Path, post_id: str) -> tuple[Path, dict[str, Any]]:
    for page in sorted((store / "posts-index").glob("*.json")):
        doc = json.loads(page.read_text())
        if post_id in doc["posts"]:
            return page, doc
    raise AssertionError(post_id)


def _edit_row(store: Path, post_id: str, change: Any) -> None:
    """Change the stored index row of `post_id` in place (`change(row)` returns the new row)."""
    page, doc = _page_of(store, post_id)
    doc["posts"][post_id] = change(doc["posts"][post_id])
    page.write_text(json.dumps(doc, indent=1))


def indexed_archive(store: Path, posts: int) -> Path:
    """A demo store with `posts` generated posts more, its search index made (as after a
    session: it holds the signatures of the posts' files, which the damage check uses)."""
    open_blog(store).close()
    write_archive(store, posts)
    blog = open_blog(store)
    blog.search_index().prepare()
    blog.close()
    return store


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store with 60 generated posts, its search index made, then edited by hand."""
    store = indexed_archive(tmp_path_factory.mktemp("stored") / "store", 60)
    posts = store / "posts"
    (posts / f"{BROKEN}.json").write_text('{"post": {')  # edited in place: not JSON
    refused = json.loads((posts / f"{REFUSED}.json").read_text())
    refused["post"][REFUSED]["rating"] = "lots"
    (posts / f"{REFUSED}.json").write_text(json.dumps(refused))
    (posts / f"{MISSING}.json").unlink()
    _edit_row(store, "p00006", lambda row: {**row, "status": 42})  # the gate refuses it
    _edit_row(store, "p00007", lambda row: {k: v for k, v in row.items() if k != "excerpt"})
    film = {"cast": ["A. Actor"], "imdb": "tt1", "title": "Out of order"}  # no year, one more
    _edit_row(store, "p00008", lambda row: {**row, "film": film, "kind": "page"})
    unsafe = "Red \x1b[31malert\x1b[0m \u202eesrever"
    _edit_row(store, "p00009", lambda row: {**row, "title": unsafe, "date": ""})
    tied = _page_of(store, "p00010")[1]["posts"]["p00010"]
    for post_id in ("p00011", "p00012"):  # the same date and title: the Blog's order decides
        _edit_row(store, post_id, lambda row: {**row, "date": tied["date"], "title": tied["title"]})
    return store


def _posts(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), "posts", "--json", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _row_objects_print(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, store: Path, *args: str
) -> tuple[int, str, str]:
    """What `print_rows` prints from the Blog's rows (the path before the stored rows)."""
    with monkeypatch.context() as patched:
        patched.setattr(posts_json, "stored_rows", lambda blog, *_: None)
        return _posts(capsys, store, *args)


@pytest.mark.parametrize("status", [None, "published", "draft", "pages"])
@pytest.mark.parametrize("sort", SORT_KEYS)
def test_the_stored_rows_print_what_the_row_objects_print(
    archive: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sort: str,
    status: str | None,
) -> None:
    args = ["--sort", sort, *(["--status", status] if status else [])]
    expected = _row_objects_print(capsys, monkeypatch, archive, *args)
    with monkeypatch.context() as patched:
        patched.setattr(query, "find_posts", _no_row_objects)
        found = _posts(capsys, archive, *args)
    assert found == expected
    code, out, err = found
    assert code == 0 and out.endswith("\n]\n" if json.loads(out) else "[]\n")
    assert "Traceback" not in err


def _no_row_objects(*_: object, **__: object) -> None:
    raise AssertionError("posts --json went through the row objects")


def test_every_damaged_post_file_is_caught(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "find_posts", _no_row_objects)
    code, out, err = _posts(capsys, archive)
    listed = {p["id"]: p for p in json.loads(out)}
    assert code == 0
    assert "is missing" in listed[MISSING]["damaged"]
    assert listed[BROKEN]["damaged"] and "posts/p00003.json" in listed[BROKEN]["damaged"]
    assert "rating" in listed[REFUSED]["damaged"]
    assert [p for p, v in listed.items() if v["damaged"]] == [
        p for p in listed if p in {BROKEN, REFUSED, MISSING}
    ]
    assert "3 posts are listed as damaged" in err
    assert "p00006" not in listed and "1 post is not listed (posts/p00006.json" in err  # refused
    assert "\x1b" not in out and "\u202e" not in out  # the texts' controls stripped
    assert listed["p00008"]["film"] == {
        "title": "Out of order",
        "year": None,
        "director": "",
        "cast": ["A. Actor"],
    }
    assert listed["p00007"]["excerpt"] == ""


def _looked_at(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The post files the command's own process stats for the damage check."""
    looked: list[str] = []
    signatures = signatures_module.signatures_of

    def spy(folder: Path, names: list[str]) -> list[str | None]:
        looked.extend(names)
        return signatures(folder, names)

    monkeypatch.setattr(signatures_module, "signatures_of", spy)
    return looked


def test_only_the_listed_posts_files_are_looked_at(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The damage check costs a stat per listed post: not a scan of the whole folder."""
    looked = _looked_at(monkeypatch)
    monkeypatch.setattr(damage_probe.os, "fork", _no_fork_wanted)  # a few: no child
    code, out, _ = _posts(capsys, archive, "--status", "pages")
    assert code == 0 and [p["id"] for p in json.loads(out)] == ["p00008"]
    assert looked == ["p00008.json"]


def _no_fork_wanted() -> int:
    raise AssertionError("a child stats every post's file for a list of a few")


def _no_fork() -> int:
    raise OSError("no fork here")


def test_the_stats_are_made_by_a_child_process_meanwhile(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child proves the files of the posts the search index holds sound (their recorded
    signature): the command itself looks only at the damaged ones (same output)."""
    with monkeypatch.context() as patched:
        patched.setattr(damage_probe.os, "fork", _no_fork)
        expected = _posts(capsys, archive)
    looked = _looked_at(monkeypatch)
    assert _posts(capsys, archive) == expected
    assert sorted(looked) == [f"{p}.json" for p in (BROKEN, REFUSED, MISSING)]


def _child_fails(store: Path) -> list[str]:
    raise RuntimeError("the child cannot read the search index")


@pytest.mark.parametrize("failure", ["no fork", "the child fails", "another thread"])
def test_without_the_childs_answer_the_command_makes_the_stats(
    archive: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(damage_probe.os, "fork", _no_fork)
        expected = _posts(capsys, archive)
    looked = _looked_at(monkeypatch)
    if failure == "no fork":
        monkeypatch.setattr(damage_probe.os, "fork", _no_fork)
    elif failure == "the child fails":
        monkeypatch.setattr(damage_probe, "sound_posts", _child_fails)
    else:
        monkeypatch.setattr(damage_probe.threading, "active_count", lambda: 2)
    assert _posts(capsys, archive) == expected
    assert len(looked) == len(json.loads(expected[1]))  # every listed post, here


def test_counts_made_with_other_people_take_the_row_objects(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings naming one more of the blog's own people change the readers' counts: the
    stored ones are not printed (the Blog counts again from the posts' files)."""
    blog = open_blog(archive, read_only=True)
    try:
        assert stored_rows(blog) is not None
        blog.signers = lambda: OwnPeople.of(["Somebody Else"])
        assert stored_rows(blog) is None
    finally:
        blog.close()
    config = archive.parent / "config.toml"
    config.write_text('authors = ["Somebody Else"]\n')
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    expected = _row_objects_print(capsys, monkeypatch, archive)
    assert _posts(capsys, archive) == expected


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda s: sorted((s / "posts-index").glob("*.json"))[0].write_text("{nope"), id="page"
        ),
        pytest.param(
            lambda s: (s / "meta.json").write_text('{"meta": {"store": {"app": "other"}}}'),
            id="foreign",
        ),
    ],
)
def test_a_corrupt_or_foreign_store_gets_one_line(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    damage: Any,
) -> None:
    store = tmp_path / "store"
    shutil.copytree(archive, store)
    damage(store)
    before = {p: p.read_bytes() for p in store.rglob("*.json")}
    code, out, err = _posts(capsys, store)
    assert (code, out) == (2, "")
    assert err.startswith("reeltui: ") and "Traceback" not in err
    said = [line for line in err.splitlines() if not line.startswith(("reeltui: hint", WARNING))]
    assert len(said) == 1  # (and the warning of the refused index row read before it)
    assert _row_objects_print(capsys, monkeypatch, store) == (code, out, err)
    assert {p: p.read_bytes() for p in store.rglob("*.json")} == before  # left untouched


def _made_as_objects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the rows whose printed object is made field by field (not from the row's
    own dict: cli/shaped_json.py)."""
    made: list[str] = []
    objects = posts_json._objects

    def spy(rows: Any, damaged: dict[str, str]) -> Any:
        made.extend(post_id for post_id, _ in rows)
        return objects(rows, damaged)

    monkeypatch.setattr(posts_json, "_objects", spy)
    return made


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_rows_in_the_stored_shape_are_printed_from_their_own_dicts(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    """Chunks of rows all in the shape the store writes are printed from the rows' dicts
    (the same bytes, damaged posts and texts to strip among them); a chunk holding a row of
    an index file edited out of that shape (a row without its excerpt, a film's fields in
    another order) is made object by object."""
    expected = _row_objects_print(capsys, monkeypatch, archive, "--sort", sort)
    monkeypatch.setattr(posts_json, "CHUNK", 4)
    made = _made_as_objects(monkeypatch)
    found = _posts(capsys, archive, "--sort", sort)
    assert found == expected
    printed = [p["id"] for p in json.loads(found[1])]
    unshaped: set[str] = set()
    blog = open_blog(archive, read_only=True)
    try:
        assert stored_rows(blog, cache_dir(), unshaped) is not None
    finally:
        blog.close()
    assert {"p00007", "p00008"} <= unshaped and len(unshaped) < len(printed) / 2
    chunks = [printed[i : i + 4] for i in range(0, len(printed), 4)]
    assert set(made) == {i for chunk in chunks if unshaped.intersection(chunk) for i in chunk}


def test_a_sound_store_makes_no_object_per_row(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _row_objects_print(capsys, monkeypatch, store_path)
    made = _made_as_objects(monkeypatch)
    assert _posts(capsys, store_path) == expected and len(json.loads(expected[1])) == 4
    assert made == []
