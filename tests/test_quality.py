"""Lint, types and layering are part of the test suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_ruff() -> None:
    dirs = [d for d in ("src", "tests", "benchmarks", "tools") if (ROOT / d).is_dir()]
    result = _run(str(BIN / "ruff"), "check", *dirs)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers() -> None:
    result = _run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_screens_keep_their_styles_in_app_tcss() -> None:
    """Screens are styled in ui/app.tcss, one place to read and theme (a screen's
    DEFAULT_CSS would also lose, silently, to any rule there). Small reusable widgets may
    carry their own defaults."""
    screens = sorted((ROOT / "src/reeltui/ui/screens").glob("*.py"))
    assert screens
    styled = [p.name for p in screens if "DEFAULT_CSS" in p.read_text()]
    assert styled == []
    tcss = (ROOT / "src/reeltui/ui/app.tcss").read_text()
    for screen in ("ComposerScreen", "InboxScreen", "OutboxScreen", "EditorCore", "SyncScreen"):
        assert screen in tcss
