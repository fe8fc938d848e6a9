"""`reeltui new` and `reeltui edit`: bad input is one clear line, nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.cli import main


def test_edit_unknown_slug_is_a_clear_error(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in store_path.glob("*.json")}
    code = main(["--store", str(store_path), "edit", "no-such-post"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("reeltui: no post with slug 'no-such-post'")
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in store_path.glob("*.json")} == before


def test_new_with_unknown_template_is_refused(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--store", str(store_path), "new", "--template", "poem"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'poem'" in err and "review" in err
