"""The user folders reeltui works out itself on Linux (without importing platformdirs at
every start: src/reeltui/locations.py) are platformdirs' own, whatever the environment."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from reeltui import locations

KINDS = ("data", "config", "cache", "state")
SETTINGS = [
    pytest.param({}, id="home only"),
    pytest.param({"XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/config"}, id="some set"),
    pytest.param({k: f"/x/{k}" for k in ("XDG_CACHE_HOME", "XDG_STATE_HOME")}, id="others set"),
    pytest.param({"XDG_CACHE_HOME": "relative/cache", "XDG_DATA_HOME": ""}, id="relative, empty"),
    pytest.param({"HOME": "/elsewhere/home"}, id="another home"),
    pytest.param({"HOME": "relative-home"}, id="relative home"),
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux rules")
@pytest.mark.parametrize("env", SETTINGS)
def test_the_user_folders_are_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for kind in KINDS:
        monkeypatch.delenv(f"XDG_{kind.upper()}_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for kind in KINDS:
        expected = Path(getattr(platformdirs, f"user_{kind}_dir")("reeltui"))
        assert locations._user_dir(kind) == expected, kind
    monkeypatch.delenv("REELTUI_CONFIG", raising=False)
    monkeypatch.delenv("REELTUI_STORE", raising=False)
    assert locations.config_file().parent == Path(platformdirs.user_config_dir("reeltui"))
    assert locations.default_store().parent == Path(platformdirs.user_data_dir("reeltui"))


def test_a_command_reading_the_store_does_not_import_platformdirs(
    tmp_path: Path, store_path: Path
) -> None:
    """`reeltui posts --json` (its user folders worked out here) starts without it."""
    import subprocess

    code = (
        "import sys, runpy; sys.argv = ['reeltui', '--store', sys.argv[1], 'posts', '--json'];"
        "from reeltui.cli import main; main(sys.argv[1:]); sys.stdout.flush();"
        "sys.stderr.write(str('platformdirs' in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(store_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0 and done.stdout.count('"id"') == 4, done.stderr
    assert done.stderr.endswith("False"), done.stderr
