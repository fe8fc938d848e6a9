"""SVG snapshots of each pane at 80x24 and 120x40 (pytest-textual-snapshot).

Deterministic: a fresh demo store (fixed dates, nothing read yet), a fixed store label in the
header, no clock, no cursor blink. Update with `--snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app
from tests.ui.helpers import press, settle

SIZES = [(80, 24), (120, 40)]
Compare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def snap_blog(store_path: Path) -> Iterator[Blog]:
    blog = open_blog(store_path)
    yield blog
    blog.close()


def app_for(blog: Blog) -> ReelApp:
    return make_app(blog, settings=Settings())


def steps(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        pilot.app.sub_title = "store ~/.local/share/reeltui/store"
        for box in pilot.app.query(Input):
            box.cursor_blink = False
        await settle(pilot)
        await press(pilot, *keys)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_post_list(snap_compare: Compare, snap_blog: Blog, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(snap_blog), terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader(snap_compare: Compare, snap_blog: Blog, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(snap_blog), terminal_size=size, run_before=steps("enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_thread(snap_compare: Compare, snap_blog: Blog, size: tuple[int, int]) -> None:
    keys = ("enter", "c", "j", "j", "p")
    assert snap_compare(app_for(snap_blog), terminal_size=size, run_before=steps(*keys))


def test_reader_search(snap_compare: Compare, snap_blog: Blog) -> None:
    keys = ("enter", "slash", "s", "a", "m", "a", "n", "t", "h", "a", "enter", "n")
    assert snap_compare(app_for(snap_blog), terminal_size=(120, 40), run_before=steps(*keys))


def test_help(snap_compare: Compare, snap_blog: Blog) -> None:
    keys = ("question_mark",)
    assert snap_compare(app_for(snap_blog), terminal_size=(80, 24), run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_marked_comments(snap_compare: Compare, snap_blog: Blog, size: tuple[int, int]) -> None:
    """Two comments marked (x) for one moderation key: ✓ before each."""
    keys = ("enter", "c", "x", "j", "x")
    assert snap_compare(app_for(snap_blog), terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_zoomed_thread(snap_compare: Compare, snap_blog: Blog, size: tuple[int, int]) -> None:
    """ctrl+o: the comments fill the screen."""
    keys = ("enter", "c", "ctrl+o")
    assert snap_compare(app_for(snap_blog), terminal_size=size, run_before=steps(*keys))


def test_editor_focused_field(snap_compare: Compare, snap_blog: Blog) -> None:
    """The editor's details with the slug field focused: it stands out from the others (it
    differed by one shade of grey from the fields around it)."""
    keys = ("enter", "e", "f2", "tab")
    assert snap_compare(app_for(snap_blog), terminal_size=(120, 40), run_before=steps(*keys))
