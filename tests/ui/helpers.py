"""Helpers for Pilot tests: settle, press, read the screen, record notifications."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.domain.models import Post
from reeltui.services import Blog
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.main import MainScreen

HER = "flixchatter-review-spike-jonzes-her"
GUEST = "guest-post-elysium-her-the-nature-of-science-fiction"
CHAR_WIDTH = 12.2  # width of a cell in the SVG that Textual exports


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, step: float = 0.02
) -> None:
    """Let the app run until `condition()` holds; fail naming `what` if it never does (a
    loaded machine is slow: the limit is generous, and nothing goes on unfinished)."""
    import time

    deadline = time.monotonic() + 180
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(step)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every key pressed was handled, workers and background saves are done and
    the screen is repainted."""
    app = pilot.app
    typeahead = getattr(app, "typeahead", None)
    # keys wait their turn (ui/typeahead.py): a slow run takes longer
    await wait_until(pilot, lambda: typeahead is None or typeahead.idle, "every key handled", 0.01)
    await workers_done(app)
    await save_queue(pilot.app).idle()
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


async def workers_done(app: App[object]) -> None:
    """Wait until no worker runs. One replaced meanwhile (a newer load cancels the older)
    is done too: Textual's `wait_for_complete` raised WorkerCancelled for it."""
    import asyncio

    from textual.worker import WorkerCancelled

    while running := [w for w in app.workers if not w.is_finished]:
        for result in await asyncio.gather(*(w.wait() for w in running), return_exceptions=True):
            if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
                raise result


def stored_post(store_path: Path, post_id: str) -> Post:
    """`post_id` as the store on disk has it (opened read-only, closed again)."""
    from reeltui.services.session import open_blog

    saved = open_blog(store_path, read_only=True)
    try:
        return saved.post(post_id)
    finally:
        saved.close()


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


def key_events(*parts: str) -> list[object]:
    """Key events as a terminal sends them: a part in angle brackets is one named key
    ("<tab>", "<shift+tab>", "<f2>", "<ctrl+s>"; "<alt+d>" is what the terminal parser makes
    of Esc and d read in one go); any other part is typed character by character."""
    from textual import events
    from textual.keys import _character_to_key

    found: list[object] = []
    for part in parts:
        if part.startswith("<") and part.endswith(">") and len(part) > 2:
            name = part[1:-1]
            letter = name.removeprefix("alt+")
            found.append(events.Key(name, letter if len(letter) == 1 else None))
            continue
        for char in part:
            key = char if char.isalnum() else _character_to_key(char)
            found.append(events.Key(key, char))
    return found


def send_keys(app: ReelApp, *parts: str) -> None:
    """Hand the keys of `parts` (as in `key_events`) to the app and return at once, without
    waiting for any of them to be handled."""
    for event in key_events(*parts):
        _send(app, event)


def _send(app: ReelApp, event: object) -> None:
    """Hand `event` to the app the way the terminal driver does."""
    driver = app._driver
    assert driver is not None
    event.set_sender(app)  # type: ignore[attr-defined]
    driver.send_message(event)  # type: ignore[arg-type]


async def trickle(pilot: Pilot[None], *parts: str, turns: int = 1) -> None:
    """Like `burst`, but each key reaches the app `turns` turns of the event loop after the
    one before, whether or not that one was handled: keys arriving one by one while the app
    works (a terminal reads them as they are typed), so that some land at each step of what
    the keys before set going. Parts as in `key_events`."""
    await burst(pilot, *parts, turns=turns)


async def burst(pilot: Pilot[None], *parts: str, turns: int = 0) -> None:
    """Send every key at once, with no pause between them (a fast typist or a paste on a
    busy machine), the way the terminal driver does; return once every key was handled.
    (`turns`: see `trickle`.)"""
    import asyncio
    import time

    app = pilot.app
    assert isinstance(app, ReelApp)
    sent = key_events(*parts)
    before = app.typeahead.delivered
    for event in sent:
        _send(app, event)
        for _ in range(turns):
            await asyncio.sleep(0)
    deadline = time.monotonic() + 120  # a lost key fails the test instead of hanging it
    while app.typeahead.delivered < before + len(sent) or not app.typeahead.idle:
        assert time.monotonic() < deadline, f"{app.typeahead.delivered - before}/{len(sent)} keys"
        await pilot.pause()
    await settle(pilot)


@asynccontextmanager
async def app_ready(archive: Path) -> AsyncIterator[tuple[Pilot[None], MainScreen, Blog]]:
    """The app on the store `archive`, its main screen shown, the whole index read and the
    search readied (its worker done); the blog closed afterwards."""
    blog = open_blog(archive)
    app = make_app(blog, settings=Settings())
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            await wait_until(pilot, lambda: blog.search_index().fresh, "search index ready")
            await settle(pilot)
            yield pilot, main, blog
    finally:
        blog.close()
