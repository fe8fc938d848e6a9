"""The film diary rides in the JSON export (version 3) and comes back from it: a restore keeps
the diary; importing the same file again changes nothing; version 2 files (no diary) still
import; a broken diary entry is skipped with its place and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.services import diary
from reeltui.services.session import open_blog
from tests.unit.test_import_cli import run, store_files
from tests.unit.test_letterboxd_format import EXPORT


@pytest.fixture
def with_diary(store_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, err = run(capsys, "--store", str(store_path), "import", str(EXPORT))
    assert code == 0, err
    return store_path


def entries(store: Path) -> list[dict[str, object]]:
    with open_blog(store, read_only=True) as blog:
        return [e.to_dict() for e in diary.entries(blog)]


def export_json(capsys: pytest.CaptureFixture[str], store: Path, out: Path) -> dict[str, object]:
    code, _, err = run(
        capsys, "--store", str(store), "export", "--format", "json", "--out", str(out)
    )
    assert code == 0, err
    return dict(json.loads(out.read_bytes()))


def test_a_restore_from_the_json_export_keeps_the_diary(
    with_diary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "backup.json"
    document = export_json(capsys, with_diary, out)
    assert document["version"] == 3
    assert isinstance(document["diary"], list) and len(document["diary"]) == 9
    restored = tmp_path / "restored"
    code, text, err = run(capsys, "--store", str(restored), "import", str(out))
    assert code == 0, err
    assert "9 diary entries" in text
    assert entries(restored) == entries(with_diary)
    before = store_files(restored)
    code, text, _ = run(capsys, "--store", str(restored), "import", str(out))
    assert code == 0 and "nothing changed in the store" in text
    assert store_files(restored) == before  # not even rewritten
    code, text, _ = run(capsys, "--store", str(with_diary), "import", str(out))
    assert code == 0 and "nothing changed in the store" in text  # into the store it came from


def test_the_diary_only_export_imports_and_a_local_change_is_kept(
    with_diary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "backup.json"
    document = export_json(capsys, with_diary, out)
    first = dict(document["diary"][0])  # type: ignore[index]
    only = {"format": "reeltui-export", "version": 3, "posts": [], "comments": []}
    only["diary"] = [first, {**first, "id": "d-other", "uri": "", "watched": "2014-01-01"}]
    (tmp_path / "diary.json").write_text(json.dumps(only))
    code, text, err = run(
        capsys, "--store", str(with_diary), "import", str(tmp_path / "diary.json")
    )
    assert code == 0, err
    assert "1 diary entry" in text  # d-other is new; the first is there already
    # the store's own version of an entry is kept over the file's
    with open_blog(with_diary) as blog:
        assert {e.id for e in diary.entries(blog)} >= {"d-other", str(first["id"])}


def test_version_2_files_still_import(
    with_diary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = export_json(capsys, with_diary, tmp_path / "v3.json")
    document["version"] = 2
    del document["diary"]
    (tmp_path / "v2.json").write_text(json.dumps(document))
    code, text, err = run(
        capsys, "--store", str(tmp_path / "s"), "import", str(tmp_path / "v2.json")
    )
    assert code == 0, err
    assert "4 posts" in text and entries(tmp_path / "s") == []
    document["version"] = 4
    (tmp_path / "v4.json").write_text(json.dumps(document))
    code, _, err = run(capsys, "--store", str(tmp_path / "s"), "import", str(tmp_path / "v4.json"))
    assert code == 2 and "version 4 is newer than this reeltui (it reads up to 3)" in err


def test_a_broken_diary_entry_is_skipped_with_its_place(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {"id": "d-1", "title": "Her", "year": 2013, "watched": "2014-01-05"}
    bad = [
        {"id": "d-2", "title": 5},
        {"id": "d-3", "title": "Gravity", "year": "2013"},
        {"id": "d-4", "title": "Nebraska", "watched": "2014-02-30"},
        {"id": "d-5", "title": "Elysium", "tags": "scifi"},
        {"title": "No id"},
    ]
    document = {"format": "reeltui-export", "version": 3, "posts": [], "comments": []}
    document["diary"] = [good, *bad]
    (tmp_path / "d.json").write_text(json.dumps(document))
    code, text, err = run(
        capsys, "--store", str(tmp_path / "s"), "import", str(tmp_path / "d.json")
    )
    assert code == 1, err
    assert "skipped: 5 diary entries" in text
    assert "diary[2]: not valid: title is 5, not text" in text
    assert "diary[3]: not valid: year is '2013', not a number" in text
    assert "diary[4]: not valid: date '2014-02-30' does not exist" in text
    assert [e["id"] for e in entries(tmp_path / "s")] == ["d-1"]
