"""`reeltui export --out FILE` replaces an earlier export of its format, never another file
(a mistyped --out replaced /etc/hostname for a new user), unless --force. The Letterboxd CSV
too (it replaced any file: the new-user pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.cli import main


@pytest.mark.parametrize("fmt", ["json", "wxr", "letterboxd"])
def test_another_file_is_left_as_it_is(
    tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_bytes(b"my own words\n")
    args = ["export", "--store", str(store_path), "--format", fmt, "--out", str(mine)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "exists and is not an earlier reeltui" in err and "--force" in err
    assert len(err.strip().splitlines()) == 1
    assert mine.read_bytes() == b"my own words\n"
    assert main([*args, "--force"]) == 0
    assert mine.read_bytes() != b"my own words\n"


@pytest.mark.parametrize("fmt", ["json", "wxr"])
def test_an_earlier_export_is_replaced_without_force(
    tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"blog.{fmt}"
    args = ["export", "--store", str(store_path), "--format", fmt, "--out", str(out)]
    assert main(args) == 0
    out.write_bytes(out.read_bytes().replace(b"Her", b"Him", 1))  # an older export
    assert main(args) == 0
    assert b"Her" in out.read_bytes()
    other = "wxr" if fmt == "json" else "json"  # an export of the other format is not one
    assert main([*args[:4], other, *args[5:]]) == 2
    capsys.readouterr()


def test_an_earlier_letterboxd_export_is_replaced_and_letterboxd_s_own_is_not(
    tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letterboxd.csv"
    args = ["export", "--store", str(store_path), "--format", "letterboxd", "--out", str(out)]
    assert main(args) == 0
    made = out.read_bytes()
    out.write_bytes(made + b"Alien,1979,Ridley Scott,5,,false,,\n")  # an older export
    assert main(args) == 0
    assert out.read_bytes() == made
    # The diary.csv of Letterboxd's own account export is a user's file, not ours
    theirs = b"Date,Name,Year,Letterboxd URI,Rating\n2014-01-11,Her,2013,https://boxd.it/x,4.5\n"
    out.write_bytes(theirs)
    assert main(args) == 2
    assert "not an earlier reeltui Letterboxd CSV export" in capsys.readouterr().err
    assert out.read_bytes() == theirs
