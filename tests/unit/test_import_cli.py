"""`reeltui import` and `reeltui export` on real files and stores; errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.__main__ import main
from reeltui.services.importer import read_source
from tests.conftest import need_shared
from tests.unit.test_wxr_roundtrip import DEMO_XML
from tests.unit.wxr_builder import C, Item, wxr

BIN = Path(sys.executable).parent / "reeltui"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def store_files(store: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(store.glob("*.json"))}


def post_count(capsys: pytest.CaptureFixture[str], store: Path) -> int:
    code, out, _ = run(capsys, "--store", str(store), "posts", "--json")
    assert code == 0
    return len(json.loads(out))


def test_import_into_a_new_store_then_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "site.xml"
    source.write_bytes(
        wxr([Item("1", title="Her", comments=[C("1"), C("2", parent="1")]), Item("2", type="page")])
    )
    store = tmp_path / "store"
    code, out, err = run(capsys, "--store", str(store), "import", str(source))
    assert (code, err) == (0, f"reeltui: created a new store (empty) at {store}\n")
    assert "1 post (1 new, 0 updated, 0 unchanged), 2 comments (2 new" in out
    assert "left out (not posts): 1 page" in out  # by design: exit status 0
    assert post_count(capsys, store) == 1  # a new store gets no demo posts on import
    before = store_files(store)
    code, out, _ = run(capsys, "--store", str(store), "import", str(source))
    assert code == 0 and "nothing changed in the store" in out
    assert "(0 new, 0 updated, 1 unchanged)" in out
    assert store_files(store) == before  # not even rewritten


def test_malformed_file_leaves_no_store_and_an_existing_store_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    malformed = need_shared("fixtures", "wxr", "malformed.xml")
    code, out, err = run(capsys, "--store", str(tmp_path / "new"), "import", str(malformed))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "line 90, column 2 (mismatched tag)" in err
    assert not (tmp_path / "new").exists()
    before = store_files(store_path)
    code, _, err = run(capsys, "--store", str(store_path), "import", str(malformed))
    assert code == 2 and "nothing could be imported" in err
    assert store_files(store_path) == before


def test_partly_broken_file_imports_what_is_sound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = wxr([Item("1", title="One", name="one"), Item("2", title="Two", name="two")])
    (tmp_path / "cut.xml").write_bytes(doc[: doc.index(b"Two") + 2])
    code, out, err = run(
        capsys, "--store", str(tmp_path / "s"), "import", str(tmp_path / "cut.xml")
    )
    assert code == 1
    assert "1 post (1 new" in out
    assert "not well-formed XML at line" in err
    assert post_count(capsys, tmp_path / "s") == 1


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>&b;</channel></rss>',
            "refused",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><item><title>&x;</title></item></channel></rss>",
            "refused",
        ),
        (b"<html><body>Not a blog</body></html>", "not a WordPress export"),
    ],
)
def test_hostile_files_get_one_line_no_traceback(
    tmp_path: Path, payload: bytes, message: str
) -> None:
    """The installed binary, in a real process: exit 2, one line on stderr."""
    source = tmp_path / "evil.xml"
    source.write_bytes(payload)
    done = subprocess.run(
        [str(BIN), "--store", str(tmp_path / "s"), "import", str(source)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "s").exists()


def test_bad_paths_and_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, _, err = run(capsys, "--store", str(store_path), "import", str(tmp_path / "none.xml"))
    assert code == 2 and "no such file" in err
    (tmp_path / "x.bin").write_bytes(b"\x00\x01binary")
    code, _, err = run(capsys, "--store", str(store_path), "import", str(tmp_path / "x.bin"))
    assert code == 2 and "unknown format" in err
    code, _, err = run(capsys, "--store", str(store_path), "--read-only", "import", str(DEMO_XML))
    assert code == 2 and "read-only" in err


def test_export_all_formats_and_import_them_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    targets = {
        "markdown": tmp_path / "md",
        "wxr": tmp_path / "blog.xml",
        "json": tmp_path / "b.json",
    }
    for fmt, target in targets.items():
        code, out, err = run(
            capsys, "--store", str(store_path), "export", "--format", fmt, "--out", str(target)
        )
        assert (code, err) == (0, "")
        assert out.startswith("exported 4 posts and 22 comments")
    assert len(list(targets["markdown"].glob("*.md"))) == 4
    for fmt, target in targets.items():
        fresh = tmp_path / f"store-{fmt}"
        code, out, _ = run(capsys, "--store", str(fresh), "import", str(target))
        assert code == 0, out
        assert "4 posts (4 new" in out and "22 comments (22 new" in out
        code, shown, _ = run(
            capsys, "--store", str(fresh), "show", "flixchatter-review-spike-jonzes-her", "--json"
        )
        assert json.loads(shown)["rating"] == 4.5


def test_export_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "--store",
        str(store_path),
        "export",
        "--format",
        "wxr",
        "--out",
        str(tmp_path / "no" / "x.xml"),
    )
    assert code == 2 and err.count("\n") == 1 and "does not exist" in err


def test_markdown_file_and_folder_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "her.md").write_text('---\ntitle: "NO"\ntags: [on, off]\nrating: 4.5\n---\nBody\n')
    (folder / "toml.md").write_text('+++\ntitle = "Gravity"\ndraft = true\n+++\nText\n')
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    store = tmp_path / "s"
    code, out, _ = run(capsys, "--store", str(store), "import", str(folder))
    assert code == 1  # a file could not be read
    assert "2 posts (2 new" in out and "skipped: 1 file" in out and "broken.md" in out
    code, shown, _ = run(capsys, "--store", str(store), "show", "her", "--json")
    data = json.loads(shown)
    assert (data["title"], data["tags"], data["rating"]) == ("NO", ["on", "off"], 4.5)
    code, out, _ = run(capsys, "--store", str(store), "import", str(folder / "toml.md"))
    assert code == 0 and "(0 new, 0 updated, 1 unchanged)" in out


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    fmt, result = read_source(
        DEMO_XML, lambda phase, done, total: seen.append((phase, done, total))
    )
    assert fmt == "wxr" and len(result.posts) == 4
    assert seen[-1] == ("reading", DEMO_XML.stat().st_size, DEMO_XML.stat().st_size)
