"""Shared fixtures: real stores on disk in temp folders, and the ../shared test data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.services.session import open_blog

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_shared(*parts: str) -> Path:
    """A path under ../shared; skips where it is absent (a user's clone) but fails in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} is not here (it ships beside the project, not in it)")
    return path


def need_tool(name: str) -> str:
    """The path of a system tool; skips where it is missing but fails in CI."""
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed in CI (.ci/run should install it)")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(autouse=True)
def _never_the_users_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the developer's own settings (the app remembers who signs
    replies there): each gets a config path of its own, children (tmux) included."""
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path_factory.mktemp("config") / "config.toml"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A fresh demo store on disk, closed (tests open it as they need)."""
    path = tmp_path / "store"
    open_blog(path).close()
    return path


@pytest.fixture
def blog(store_path: Path) -> Iterator[Blog]:
    opened = open_blog(store_path)
    yield opened
    opened.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist (`--dist loadgroup`), every test that talks to the real WordPress runs on
    one worker, so one server is started for the whole run instead of one per worker."""
    for item in items:
        uses_server = "wordpress_server" in getattr(item, "fixturenames", ())
        if uses_server or item.get_closest_marker("wordpress") is not None:
            item.add_marker(pytest.mark.xdist_group("wordpress"))
