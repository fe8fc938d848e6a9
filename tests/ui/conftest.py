"""Pilot fixtures: the real app on a real demo store in a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app


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
