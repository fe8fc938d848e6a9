"""The styles Textual parsed are kept between starts (ui/stylecache.py): a second start parses
no CSS before its first frame and looks the same; a damaged, stale or other theme's cache is
parsed again, never trusted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from reeltui.config import Settings
from reeltui.locations import cache_dir
from reeltui.services.session import open_blog
from reeltui.ui import stylecache
from reeltui.ui.app import make_app
from tests.ui.helpers import press, settle


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where each stylesheet Textual parses was read from, from now on."""
    parsed: list[str] = []
    parse = Stylesheet._parse_rules

    def recorded(
        sheet: Stylesheet, css: str, read_from: tuple[str, str], *args: Any, **kwargs: Any
    ) -> Any:
        parsed.append(read_from[1] or read_from[0])
        return parse(sheet, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", recorded)
    return parsed


async def _session(store: Path, theme: str = "textual-dark", outbox: bool = False) -> str:
    """A session of the app; what its screen showed once painted (and the outbox's)."""
    blog = open_blog(store)
    app = make_app(blog, settings=Settings(theme=theme))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = app.export_screenshot()
        if outbox:
            await press(pilot, "o")
            await settle(pilot)
            shown += app.export_screenshot()
    blog.close()
    return shown


def _cache_files() -> list[Path]:
    return sorted(cache_dir().glob("styles-*.pickle"))


async def test_a_second_start_parses_no_css_and_looks_the_same(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _parsed(monkeypatch)
    first = await _session(store_path, outbox=True)
    assert any("app.tcss" in where for where in parsed) and len(_cache_files()) == 1
    parsed.clear()
    again = await _session(store_path, outbox=True)
    assert parsed == []  # nothing parsed: neither the main screen's styles nor the outbox's
    assert again == first


async def test_a_damaged_or_stale_cache_is_parsed_again(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _parsed(monkeypatch)
    first = await _session(store_path)
    [cache] = _cache_files()
    for damage in (b"", b"not a pickle", cache.read_bytes()[:100]):
        cache.write_bytes(damage)
        parsed.clear()
        assert await _session(store_path) == first
        assert any("app.tcss" in where for where in parsed)  # parsed, not taken from it
        parsed.clear()
        assert await _session(store_path) == first  # and written again whole
        assert parsed == []
    monkeypatch.setattr(stylecache, "_PARSER", (*stylecache._PARSER, "__init__.py"))
    parsed.clear()
    assert await _session(store_path) == first  # another Textual parsed them: not used
    assert any("app.tcss" in where for where in parsed)


async def test_another_theme_is_parsed_with_its_own_colours(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _parsed(monkeypatch)
    dark = await _session(store_path, "textual-dark")
    parsed.clear()
    light = await _session(store_path, "textual-light")
    assert light != dark  # (the other theme's colours, not the kept dark ones)
    assert any("app.tcss" in where for where in parsed)  # parsed with them
    parsed.clear()
    assert await _session(store_path, "textual-light") == light
    assert await _session(store_path, "textual-dark") == dark
    assert parsed == []  # each kept with its own theme's colours


async def test_a_cache_folder_that_cannot_be_made_never_breaks_quitting(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file where the cache folder goes: the styles are parsed, the session ends as usual
    (saving them raised NotADirectoryError from its own clean-up: a crash report and exit
    70 at every quit; found by the new-user pass)."""
    cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache_dir().write_text("x")
    parsed = _parsed(monkeypatch)
    await _session(store_path)  # (ends with Kept.save: it raised here)
    assert any("app.tcss" in where for where in parsed)
    assert cache_dir().read_text() == "x"  # left as found


async def test_a_start_sorts_the_theme_s_variables_once(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each stylesheet is looked up in the kept styles by its CSS and the theme's variables
    (~170 of them). Textual parses the whole stylesheet again as each kind of widget is
    first mounted (~70 lookups before the first frame): the variables were sorted into
    the key at every lookup; now once per set of variables, and the styles are the same."""
    first = await _session(store_path)  # (the cache written)
    sorts: list[int] = []

    def counted(items: Any, **kwargs: Any) -> list[Any]:
        found = sorted(items, **kwargs)
        sorts.append(len(found))
        return found

    monkeypatch.setattr(stylecache, "sorted", counted, raising=False)
    again = await _session(store_path, outbox=True)
    assert again.startswith(first)
    assert len(sorts) == 2  # the main screen's variables, then once more for the outbox's
