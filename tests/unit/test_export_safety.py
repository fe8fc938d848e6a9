"""Exports never write inside the store's folder, and the temporary files of an export killed
half-way are cleaned by the next one (issue #21 items 9 and 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.__main__ import main


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    ("fmt", "where"),
    [
        ("json", "comments.json"),
        ("wxr", "posts.json"),
        ("json", "backups/x.json"),
        ("markdown", "."),
        ("markdown", "sub"),
    ],
)
def test_an_export_into_the_store_folder_is_refused(
    store_path: Path, fmt: str, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(store_path)
    out = store_path / where
    code = main(["--store", str(store_path), "export", "--format", fmt, "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1
    assert "is inside the store's folder" in err and "export somewhere else" in err
    assert files(store_path) == before
    assert not (store_path / "sub").exists()


def test_a_link_into_the_store_is_followed_and_refused(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "innocent"
    link.symlink_to(store_path)
    before = files(store_path)
    code = main(
        [
            "--store",
            str(store_path),
            "export",
            "--format",
            "json",
            "--out",
            str(link / "posts.json"),
        ]
    )
    assert code == 2 and "inside the store's folder" in capsys.readouterr().err
    assert files(store_path) == before


KILLED_EXPORT = """
import os, signal, sys
from pathlib import Path
from reeltui.services.session import open_blog
from reeltui.services.exporting import export

def die(*_):  # the first rename never happens: what kill -9 after the write leaves
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = die
with open_blog(Path(sys.argv[1]), read_only=True) as blog:
    export(blog, sys.argv[2], Path(sys.argv[3]))
"""


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_the_temporary_files_of_a_killed_export_are_cleaned_by_the_next(
    store_path: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("site" if fmt == "markdown" else "all.json")
    folder = out if fmt == "markdown" else tmp_path
    child = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, str(store_path), fmt, str(out)])
    assert child.wait() == -9
    (leftover,) = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    expected = f"{out.name if fmt == 'json' else '*.md'}.{child.pid}.tmp"
    assert Path(leftover[1:]).match(expected), leftover
    # A temporary file of a process still running (pid 1) is another export's: kept.
    running = folder / (f".{out.name}.1.tmp" if fmt == "json" else ".other.md.1.tmp")
    running.write_bytes(b"busy")
    assert main(["--store", str(store_path), "export", "--format", fmt, "--out", str(out)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == [running.name]
    assert out.exists()
