"""`reeltui posts` lists what the posts index lists, and says in one line what it leaves out
(services/unlisted.py): a post whose index row the gate refused (edited by hand) is not
listed, however the readers' counts are made (settings naming one more of the blog's own
people count them again from the posts' files, which listed it while the warning called it
skipped); an index file deleted leaves its month's posts out with a warning naming the
file. The same through the table, `--json` from the stored rows, `--json` through the
Blog's rows, and through the memo of index files that passed the gate
(store/gatememo.py), with the damage check's child and without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.cli import main
from reeltui.services import damage_probe
from reeltui.store import files, gatememo
from reeltui.store.layout import POST

HER = "p-flixchatter-review-spike-jonzes-her"  # the demo's only post of January 2014 rated
JANUARY = (
    "p-first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again",
    HER,
    "p-guest-post-elysium-her-the-nature-of-science-fiction",
)
PATHS = ["table", "json", "json-no-fork"]


@pytest.fixture
def own_people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings naming one more of the blog's own people (README: `authors`)."""
    config = tmp_path / "config.toml"
    config.write_text('authors = ["Ruth S."]\n')
    monkeypatch.setenv("REELTUI_CONFIG", str(config))


def _no_fork() -> int:
    raise OSError("no fork here")


def _listed(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    store: Path,
    path: str,
) -> tuple[list[str], list[str]]:
    """The slugs (table) or ids (JSON) listed, and the warnings said."""
    with monkeypatch.context() as patched:
        if path == "json-no-fork":
            patched.setattr(damage_probe.os, "fork", _no_fork)
        code = main(["--store", str(store), "posts", *([] if path == "table" else ["--json"])])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    if path == "table":
        listed = [line.split()[-1] for line in out.splitlines()[1:]]
    else:
        listed = [post["id"] for post in json.loads(out)]
    return listed, err.splitlines()


def _refuse_her_rating(store: Path) -> None:
    page = store / "posts-index" / "2014-01.json"
    doc = json.loads(page.read_text())
    doc["posts"][HER]["rating"] = "abc"
    page.write_text(json.dumps(doc, indent=1))


def _said_unlisted(warnings: list[str], count: int, why: str) -> None:
    said = [w for w in warnings if " not listed " in w]
    assert len(said) == 1, warnings
    assert said[0].startswith(f"reeltui: warning: {count} post")
    assert why in said[0] and "`reeltui check --repair`" in said[0]


def _delete_january(store: Path) -> None:
    (store / "posts-index" / "2014-01.json").unlink()


# (what is done to the index, the posts left out, what the warning says of them)
DAMAGE = {
    "a refused row": (_refuse_her_rating, {HER}, "field 'rating': expected a number, got text"),
    "a deleted file": (_delete_january, set(JANUARY), "posts-index/2014-01.json is missing"),
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("counted", ["as stored", "again"])
@pytest.mark.parametrize("path", PATHS)
def test_what_the_index_leaves_out_is_not_listed_and_said_so(
    store_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    path: str,
    counted: str,
    damage: str,
) -> None:
    """Counted as stored, or again from the posts' files (settings naming one more of the
    blog's own people): a refused row's post was listed then, while called skipped."""
    if counted == "again":
        request.getfixturevalue("own_people")
    done_to, left_out, why = DAMAGE[damage]
    done_to(store_path)
    listed, warnings = _listed(capsys, monkeypatch, store_path, path)
    slugs = {post_id.removeprefix("p-") for post_id in left_out}
    assert len(listed) == 4 - len(left_out) and not set(listed) & (left_out | slugs)
    _said_unlisted(warnings, len(left_out), why)
    assert len(warnings) == 1  # (not called skipped beside it)


@pytest.mark.parametrize("path", PATHS)
def test_a_sound_store_says_nothing(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    listed, warnings = _listed(capsys, monkeypatch, store_path, path)
    assert len(listed) == 4 and warnings == []


def test_the_memo_of_sound_index_files_still_sees_the_damage(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Index files remembered as sound (gatememo), then one edited in place and another
    deleted: both are seen at the next run."""
    monkeypatch.setattr(gatememo, "SETTLED_NS", -(10**12))  # the files are seconds old
    assert _listed(capsys, monkeypatch, store_path, "json")[1] == []
    _refuse_her_rating(store_path)
    listed, warnings = _listed(capsys, monkeypatch, store_path, "json")
    assert HER not in listed
    _said_unlisted(warnings, 1, "field 'rating'")
    assert _listed(capsys, monkeypatch, store_path, "json")[1] == warnings  # not remembered
    (store_path / "posts-index" / "2013-12.json").unlink()
    listed, warnings = _listed(capsys, monkeypatch, store_path, "json")
    assert len(listed) == 2
    _said_unlisted(warnings, 2, "field 'rating'")


def test_the_child_counts_the_posts_folder(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the damage check's child answering, a sound store's posts' folder is not listed
    by the command's own process (the child counted its files meanwhile)."""
    listed_folders: list[Path] = []
    names = files.table_file_names

    def spy(folder: Path) -> set[str]:
        listed_folders.append(folder)
        return names(folder)

    monkeypatch.setattr(files, "table_file_names", spy)
    assert _listed(capsys, monkeypatch, store_path, "json")[1] == []
    assert store_path / POST.path not in listed_folders
    assert _listed(capsys, monkeypatch, store_path, "json-no-fork")[1] == []
    assert store_path / POST.path in listed_folders  # (the spy sees the command's listing)


def _count_fails(folder: Path) -> int:
    raise OSError("the child cannot list the folder")


def test_without_the_childs_count_the_command_lists_the_folder(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child answers which posts are sound, then fails to count: the command counts
    itself, and still says what the index leaves out."""
    (store_path / "posts-index" / "2014-01.json").unlink()
    expected = _listed(capsys, monkeypatch, store_path, "json-no-fork")
    monkeypatch.setattr(damage_probe, "count_table_files", _count_fails)
    assert _listed(capsys, monkeypatch, store_path, "json") == expected
    assert "posts-index/2014-01.json is missing" in expected[1][0]


@pytest.mark.parametrize(
    "names",
    [
        ["a.json", "b.json", "c.txt", "d.json.x", "json"],
        ["a.json", ".b.json", ".c.tmp", "e.json"],  # hidden names: counted one by one
        [],
    ],
)
def test_the_childs_count_is_the_listings(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        (tmp_path / name).write_text("{}")
    assert files.count_table_files(tmp_path) == len(files.table_file_names(tmp_path))
