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
pytest_plugins = ["tests.wordpress.fixtures"]  # the real WordPress, one for every folder


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
    replies there): each gets a config path of its own, children (tmux) included; and a
    cache folder of its own (`posts --json` remembers there which index files passed, the
    app the styles it parsed)."""
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path_factory.mktemp("config") / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    """A deferral of the collector's older passes (ui/collector.py) ends on a timer of the
    app that made it; an app a test ends first never ends it, and every later test of the
    worker would run with the older passes off. Each test starts with the collector as the
    interpreter had it."""
    import gc

    from reeltui.domain import memory

    before = gc.get_threshold()
    yield
    if memory._deferring:
        memory._deferring = 0
        gc.set_threshold(*memory._thresholds)
    gc.set_threshold(*before)


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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: half as many workers again as there are cores. A Pilot test keeps its core
    busy only about half the time (measured: 13.6 s of CPU in 24 s on a quiet core for
    tests/ui/test_reader.py and test_vim_lists.py; the rest is waiting for the app's loop
    to go idle, for repaints and for the app's threads), so a worker more per two cores
    keeps them busy."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, (cores or 1) * 3 // 2)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (else they are ignored)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist (`--dist loadgroup`), every test that talks to the real WordPress runs on
    one worker, so one server is started for the whole run instead of one per worker; and
    the tests sharing a module-scoped fixture of their module (a built wheel, a generated
    store) run on one worker, so it is made once, not once per worker that got one of them."""
    for item in items:
        uses_server = "wordpress_server" in getattr(item, "fixturenames", ())
        if uses_server or item.get_closest_marker("wordpress") is not None:
            item.add_marker(pytest.mark.xdist_group("wordpress"))
        elif item.get_closest_marker("xdist_group") is None and (shared := _module_fixture(item)):
            item.add_marker(pytest.mark.xdist_group(shared))


def _module_fixture(item: pytest.Item) -> str | None:
    """`module::fixture` for the first module-scoped fixture of the item's own module it uses."""
    info = getattr(item, "_fixtureinfo", None)
    module = item.nodeid.partition("::")[0]
    for name in getattr(item, "fixturenames", ()):
        for fixturedef in info.name2fixturedefs.get(name, ()) if info else ():
            if fixturedef.scope == "module" and fixturedef.baseid == module:
                return f"{module}::{name}"
    return None
