"""User settings in a TOML file (platformdirs config folder): theme, mouse, sort, keymap.

    theme = "textual-dark"
    mouse = true
    sort = "date"

    [keymap]
    "list.sort" = "O"        # binding id = keys (comma-separated for several)

A missing file means defaults. A bad file never stops the app: `load_settings` returns the
defaults and a list of one-line problems for the UI to show. Writes are crash-safe (temp file,
fsync, rename, fsync of the folder); they change the keys the app sets (theme, mouse, sort)
in place, keeping the user's comments and layout, and never touch a file that does not parse.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reeltui.locations import config_file
from reeltui.store.storage import replace_file

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


_TOP_KEYS = ("theme", "mouse", "sort")
_VALUE = r'(?:"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[^\s#]+)'


def _top_values(settings: Settings) -> dict[str, str]:
    return {key: _toml_value(getattr(settings, key)) for key in _TOP_KEYS}


def updated_text(text: str, settings: Settings, where: Path) -> str:
    """`text` (the user's file) with theme, mouse and sort set to `settings`' values: their
    comments, layout, keymap and any other keys are kept as written."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"settings not saved: {where} is not valid TOML ({exc}); it was left as it is"
        ) from None
    lines = text.splitlines()
    top_end = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    missing = []
    defaults = Settings()
    for key, value in _top_values(settings).items():
        pattern = re.compile(rf"^(\s*{key}\s*=\s*){_VALUE}(.*)$")
        for i in range(top_end):
            match = pattern.match(lines[i])
            if match:
                lines[i] = f"{match.group(1)}{value}{match.group(2)}"
                break
        else:
            if getattr(settings, key) != getattr(defaults, key):  # defaults stay implicit
                missing.append(f"{key} = {value}")
    at = top_end  # after the last top-level line, before the blank lines above a table
    while at > 0 and not lines[at - 1].strip():
        at -= 1
    gap = [""] if missing and at < len(lines) and lines[at].lstrip().startswith("[") else []
    lines[at:at] = missing + gap
    new = "\n".join(lines) + "\n"
    try:
        data = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        data = {}
    if any(data.get(key, getattr(defaults, key)) != getattr(settings, key) for key in _TOP_KEYS):
        raise ConfigError(f"settings not saved: could not update {where} in place")
    return new


def save_settings(settings: Settings) -> None:
    """Write `settings` to its path crash-safely; no path means nothing to do. An existing
    file is updated in place (comments kept); one that is not valid TOML is never touched."""
    path = settings.path
    if path is None:
        return
    try:
        current = path.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        current = None  # written anew (a folder in the way is reported by the write)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ConfigError(f"settings not saved: cannot read {path} ({reason or exc})") from exc
    text = dumps(settings) if current is None else updated_text(current, settings, path)
    if text == current:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"could not save settings to {path}: {exc.strerror or exc}") from exc
