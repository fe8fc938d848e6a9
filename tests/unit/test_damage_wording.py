"""Every command words store damage alike (services/unlisted.py): `stats` and `inbox` say the
posts the index leaves out of their figures in `posts`'s own line (they said nothing of a
deleted index file, and "damaged record(s) skipped ... `reeltui check` lists them" of a
refused row, with no word of `check --repair`); records skipped end with the one hint
(`unlisted.MEND`); `show` of a post whose file cannot be read says why and what to do in one
line. Real demo stores on disk, the real parser (main() with capsys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_cli import run
from tests.unit.test_posts_unlisted import DAMAGE, HER

SLUG = HER.removeprefix("p-")
MEND = "`reeltui check` lists the damage and `reeltui check --repair` mends it"  # unlisted.MEND


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", ["stats", "inbox"])
def test_whole_archive_commands_say_the_posts_left_out_as_posts_does(
    store_path: Path, capsys: pytest.CaptureFixture[str], damage: str, command: str
) -> None:
    DAMAGE[damage][0](store_path)
    store = ["--store", str(store_path)]
    code, _, posts_err = run(capsys, *store, "posts")
    assert code == 0 and len(posts_err.splitlines()) == 1 and " not listed " in posts_err
    code, out, err = run(capsys, *store, command)
    assert (code, err) == (0, posts_err)
    assert out  # the figures, then the warning (stderr)


def _break_her_file(store: Path) -> None:
    (store / "posts" / f"{HER}.json").write_text('{"post": {"x": {"slug": ')


@pytest.mark.parametrize("command", ["stats", "inbox"])
def test_records_skipped_end_with_the_one_hint(
    store_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    _break_her_file(store_path)
    code, _, err = run(capsys, "--store", str(store_path), command)
    (line,) = err.splitlines()
    assert code == 0
    assert line.startswith("reeltui: warning: 1 damaged record skipped (the first: ")
    assert f"{HER}.json is not valid JSON" in line and line.endswith(f"; {MEND}")
    code, _, posts_err = run(capsys, "--store", str(store_path), "posts")
    assert posts_err.rstrip("\n").endswith(f"; {MEND}")  # the same words as `posts`


@pytest.mark.parametrize("as_json", [False, True])
def test_show_of_a_post_that_cannot_be_read_is_one_line(
    store_path: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    _break_her_file(store_path)
    json_flag = ["--json"] if as_json else []
    code, out, err = run(capsys, "--store", str(store_path), "show", SLUG, *json_flag)
    (line,) = err.splitlines()
    assert code == 2 and out == ""
    assert f"{HER}.json is not valid JSON" in line and line.endswith(f"; {MEND}")
