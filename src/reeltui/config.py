"""User settings in a TOML file (platformdirs config folder): theme, mouse, sort, keymap.

    theme = "textual-dark"
    mouse = true
    sort = "date"

    [keymap]
    "list.sort" = "o"        # binding id = keys (comma-separated for several)

A missing file means defaults. A bad file never stops the app: `load_settings` returns the
defaults and a list of one-line problems for the UI to show. Writes are crash-safe (temp file,
fsync, rename, fsync of the folder).
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reeltui.locations import config_file

SORTS = ("date", "rating", "comments", "title")
DEFAULT_THEME = "textual-dark"


class ConfigError(Exception):
    """The settings file could not be written; the message names it."""


@dataclass(slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    mouse: bool = True
    sort: str = "date"
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # where they are saved; None: never saved (tests, screenshots)


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Settings from `path` (default: the user's config file) and the problems found in it."""
    path = path or config_file()
    settings = Settings(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return settings, []
    except OSError as exc:
        return settings, [f"cannot read {path}: {exc.strerror or exc}; using defaults"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return settings, [f"{path} is not valid TOML ({exc}); using defaults"]
    problems: list[str] = []
    theme = data.get("theme", settings.theme)
    if isinstance(theme, str) and theme:
        settings.theme = theme
    else:
        problems.append(f"{path}: theme must be a name like {DEFAULT_THEME!r}")
    mouse = data.get("mouse", settings.mouse)
    if isinstance(mouse, bool):
        settings.mouse = mouse
    else:
        problems.append(f"{path}: mouse must be true or false")
    sort = data.get("sort", settings.sort)
    if sort in SORTS:
        settings.sort = sort
    else:
        problems.append(f"{path}: sort must be one of {', '.join(SORTS)}")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        problems.append(f'{path}: [keymap] must be a table of binding id = "keys"')
        keymap = {}
    for binding_id, keys in keymap.items():
        if isinstance(keys, str) and keys.strip():
            settings.keymap[binding_id] = keys
        else:
            problems.append(f"{path}: keymap {binding_id!r} must be a string of keys")
    return settings, problems


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " or ch == "\t" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def dumps(settings: Settings) -> str:
    """The TOML text of `settings` (a tiny serializer: strings, booleans, one table)."""
    lines = [
        "# reeltui settings (see README: keys)",
        f"theme = {_toml_value(settings.theme)}",
        f"mouse = {_toml_value(settings.mouse)}",
        f"sort = {_toml_value(settings.sort)}",
        "",
        "[keymap]",
    ]
    lines += [f"{_toml_value(k)} = {_toml_value(v)}" for k, v in sorted(settings.keymap.items())]
    return "\n".join(lines) + "\n"


def save_settings(settings: Settings) -> None:
    """Write `settings` to its path crash-safely; no path means nothing to do."""
    path = settings.path
    if path is None:
        return
    payload = dumps(settings).encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ConfigError(f"could not save settings to {path}: {exc.strerror or exc}") from exc
