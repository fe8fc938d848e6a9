"""The command palette (Ctrl+P): each command once, wherever it is opened, and what each says
it does is what it does (Import takes a Letterboxd export too). Pilot, real demo store."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from reeltui.config import Settings
from reeltui.formats.letterboxd import read_letterboxd
from reeltui.services.diary_import import import_letterboxd
from reeltui.services.session import open_blog
from reeltui.ui.app import ReelApp, make_app
from tests.ui.helpers import burst, press, settle, wait_until
from tests.unit.test_letterboxd_format import EXPORT


def same_action(callback: object) -> object:
    """What a command runs, comparable: a bound method or a partial of one, with its args."""
    if isinstance(callback, partial):
        return (same_action(callback.func), callback.args, tuple(callback.keywords.items()))
    owner = getattr(callback, "__self__", None)
    return (id(owner), getattr(callback, "__func__", callback)) if owner else callback


async def palette(pilot: Pilot[None], query: str = "") -> list[tuple[str, str, object]]:
    """Open the palette, type `query`, return its entries (name, help, action), close it."""
    app = pilot.app
    await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    if query:
        await pilot.press(*query)
    await wait_until(  # the palette gathers its commands in a worker, then says so
        pilot, lambda: app.screen.has_class("-ready") and not app.screen.workers, "palette ready"
    )
    await settle(pilot)
    shown = app.screen.query_one(CommandList)
    found = []
    for index in range(shown.option_count):
        option = shown.get_option_at_index(index)
        name, _, help_text = str(option.prompt).partition("\n")
        found.append((name, help_text, same_action(option.hit.command)))  # type: ignore[attr-defined]
    await press(pilot, "escape")
    return found


def duplicates(entries: list[tuple[str, str, object]]) -> list[str]:
    """Names listed twice, one action under two names, and a bare name that is another
    entry's topic ("Keys" beside "Keys: every key here")."""
    names = [name for name, _, _ in entries]
    actions: dict[object, str] = {}
    twice = [name for name in set(names) if names.count(name) > 1]
    topics = {name.split(":")[0] for name in names if ":" in name}
    twice += [name for name in set(names) if name in topics]
    for name, _, action in entries:
        if action in actions:
            twice.append(f"{actions[action]} = {name}")
        actions[action] = name
    return twice


async def test_the_palette_lists_each_command_once_on_every_screen(store_path: Path) -> None:
    blog = open_blog(store_path)
    import_letterboxd(blog, read_letterboxd(EXPORT))  # the diary has entries to show
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        seen = {}
        for where, keys in [
            ("list", []),
            ("reader", ["<enter>"]),
            ("editor", ["e"]),
            ("inbox", ["<escape>", "i"]),
            ("diary", ["<escape>", "D"]),
        ]:
            await burst(pilot, *keys)
            seen[where] = await palette(pilot)
            assert seen[where], where
            assert duplicates(seen[where]) == [], where
            for query in ("post", "search", "s"):
                assert duplicates(await palette(pilot, query)) == [], (where, query)
        assert isinstance(app, ReelApp)
        assert len(seen["reader"]) >= 25
    blog.close()


async def test_import_in_the_palette_says_it_takes_a_letterboxd_export(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [(_, help_text, _)] = [e for e in await palette(pilot, "import") if e[0] == "Import…"]
        assert "WordPress" in help_text and "Letterboxd" in help_text
