"""Textual's parsed styles kept between starts, so a start parses no CSS (a cache, as Python's
bytecode is: made again when missing, stale or unreadable).

Textual parses every stylesheet it is given at each start (app.tcss's first part, then the
defaults of each kind of widget as the first of its kind is mounted): ~20 ms of tokenizing
before the first frame, for the same rules every time. The rules parsed are kept in a file
of the user's cache folder, by what they were parsed from (the CSS, where it was read, and
the theme's variables it was parsed with) and by the Textual and Python they were parsed by
(`reeltui paths` shows the cache folder);
a start reads them back instead (a fifth of the time). A theme or a stylesheet that changed
is parsed again; the file is written again only at the end of a session that parsed
something (`Kept.save`), in one piece (temporary file, then renamed).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from reeltui.locations import cache_dir

_PARSER = ("model.py", "parse.py", "styles.py", "_styles_builder.py", "tokenize.py")

Key = tuple[str, CSSLocation, bool, int, str, tuple[tuple[str, str], ...]]


def _build() -> tuple[Any, ...]:
    """What parsed the rules: this Python, and this Textual's parser (its files as installed)."""
    css = Path(textual.__file__).parent / "css"
    files = [(name, (st := (css / name).stat()).st_size, st.st_mtime_ns) for name in _PARSER]
    return (sys.version_info[:3], str(css), *files)


class Kept:
    """The rules read from the cache file, and those used or parsed in this session."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.build = _build()
        self.stored: dict[Key, list[RuleSet]] = self._read()
        self.used: dict[Key, list[RuleSet]] = {}
        self.fresh = False  # something was parsed: the file is written again at the end

    def _read(self) -> dict[Key, list[RuleSet]]:
        try:
            kept = pickle.loads(self.path.read_bytes())
            if kept["build"] == self.build:
                return dict(kept["rules"])
        except Exception:  # missing, cut, of another version: parse, as without it
            pass
        return {}

    def found(self, key: Key) -> list[RuleSet] | None:
        rules = self.stored.get(key)
        if rules is not None:
            self.used[key] = rules
        return rules

    def parsed(self, key: Key, rules: list[RuleSet]) -> None:
        self.used[key] = rules
        self.fresh = True

    def save(self) -> None:
        """Write the rules of this session, and the stored ones of its themes it did not use
        (another screen's), when this session parsed any."""
        if not self.fresh:
            return
        replaced = {key[1:] for key in self.used}  # (the same source, with other CSS)
        variables = {key[5] for key in self.used}  # (the themes of this session)
        rules = {
            key: found
            for key, found in self.stored.items()
            if key[1:] not in replaced and key[5] in variables
        }
        rules.update(self.used)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps({"build": self.build, "rules": rules}))
            os.replace(temporary, self.path)
        except Exception:  # (a cache: the next session parses again; quitting goes on)
            with contextlib.suppress(OSError):  # (its folder may be a file: NotADirectoryError)
                temporary.unlink()
        self.fresh = False


class KeptStylesheet(Stylesheet):
    """Textual's stylesheet, its parsed rules looked up in `Kept` first."""

    def __init__(self, sheet: Stylesheet, kept: Kept) -> None:
        super().__init__(variables=sheet._variables)
        self.source = dict(sheet.source)
        self.kept = kept
        self._key_of: tuple[dict[str, str], tuple[tuple[str, str], ...]] | None = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        variables = self._variables_key()
        key: Key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
        rules = self.kept.found(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self.kept.parsed(key, rules)
        return rules

    def _variables_key(self) -> tuple[tuple[str, str], ...]:
        """The theme's variables as a key, sorted once per set of variables (Textual's
        stylesheet is parsed again whole as each kind of widget is first mounted: ~70
        lookups before the first frame). Textual gives a new theme new variables (a new
        dict, never changed in place: its own tokens of them are kept the same way)."""
        known = self._key_of
        if known is None or known[0] is not self._variables:
            known = (self._variables, tuple(sorted(self._variables.items())))
            self._key_of = known
        return known[1]

    def reparse(self) -> None:
        """Textual's: every source parsed again in a fresh stylesheet (a screen's styles
        added, a theme changed), here looked up in the same cache first."""
        fresh = KeptStylesheet(self, self.kept)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False


def keep_styles(sheet: Stylesheet) -> KeptStylesheet:
    """`sheet` (an app's, before anything is added to it) with its rules kept between starts,
    in a file of this reeltui's own (two installs never share one)."""
    where = zlib.crc32(str(Path(__file__).resolve().parent).encode())
    return KeptStylesheet(sheet, Kept(cache_dir() / f"styles-{where:08x}.pickle"))
