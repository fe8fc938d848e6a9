"""Pilot helpers: the real app on a real demo store in a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app

HER = "flixchatter-review-spike-jonzes-her"
GUEST = "guest-post-elysium-her-the-nature-of-science-fiction"
CHAR_WIDTH = 12.2  # width of a cell in the SVG that Textual exports


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the developer's real config file."""
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def open_store(store_path: Path) -> Iterator[Blog]:
    blog = open_blog(store_path)
    yield blog
    blog.close()


@pytest.fixture
def app(open_store: Blog) -> ReelApp:
    return make_app(open_store, settings=Settings())


async def settle(pilot: Pilot[None]) -> None:
    """Wait until workers are done and the screen is repainted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: ReelApp) -> str:
    """What the terminal shows, as plain text: the SVG export's text put back on a grid."""
    import html
    import re

    from rich.cells import cell_len

    svg = app.export_screenshot()
    rows: dict[float, dict[int, str]] = {}
    pattern = r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
    for x, y, text in re.findall(pattern, svg):
        row = rows.setdefault(float(y), {})
        column = round(float(x) / CHAR_WIDTH)
        for char in html.unescape(text).replace("\xa0", " "):
            row[column] = char
            column += max(1, cell_len(char))
    lines = []
    for _, row in sorted(rows.items()):
        width = max(row) + 1 if row else 0
        lines.append("".join(row.get(i, " ") for i in range(width)).rstrip())
    return "\n".join(lines)


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


class Notes:
    """A `message_hook` for run_test that records the app's notifications."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: object) -> None:
        from textual.notifications import Notify

        if isinstance(message, Notify):
            self.messages.append(message.notification.message)

    def __contains__(self, text: str) -> bool:
        return any(text in m for m in self.messages)
