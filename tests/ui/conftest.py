"""Pilot fixtures: the real app on a real demo store in a temp folder."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.main import MainScreen
from tests.ui.helpers import settle

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the developer's real config file."""
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # Spelling loads in a worker and marks words when it is done: off unless a test wants it,
    # so snapshots never depend on when the dictionary finished loading.
    monkeypatch.setenv("REELTUI_SPELLING", "off")


@pytest.fixture(autouse=True)
def _notices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the notices on screen; a loaded machine can take longer than Textual's
    5 s between a notice and the check, and the notice was gone (a flaky failure)."""
    monkeypatch.setattr(ReelApp, "NOTIFICATION_TIMEOUT", 600)


@pytest.fixture
def open_store(store_path: Path) -> Iterator[Blog]:
    blog = open_blog(store_path)
    yield blog
    blog.close()


@pytest.fixture
def app(open_store: Blog) -> ReelApp:
    return make_app(open_store, settings=Settings())


@dataclass
class Running:
    """The real app running under Pilot on a real store, its main screen shown."""

    app: ReelApp
    pilot: Pilot[None]
    main: MainScreen
    blog: Blog


RunMain = Callable[..., AbstractAsyncContextManager[Running]]


@pytest.fixture
def run_main(request: pytest.FixtureRequest) -> Iterator[RunMain]:
    """`async with run_main() as running:` the app on the demo store (or on the store at
    `run_main(path)`: a generated archive), 120x40, its main screen shown; `settled` (the
    default): every worker done first. The blog is closed after the test."""
    opened: list[Blog] = []

    @asynccontextmanager
    async def run(path: Path | None = None, *, settled: bool = True) -> AsyncIterator[Running]:
        blog = open_blog(path if path is not None else request.getfixturevalue("store_path"))
        opened.append(blog)
        app = make_app(blog, settings=Settings())
        async with app.run_test(size=SIZE) as pilot:
            if settled:
                await settle(pilot)
            while app.main_screen is None:
                await pilot.pause()
            yield Running(app, pilot, app.main_screen, blog)

    yield run
    for blog in opened:
        blog.close()
