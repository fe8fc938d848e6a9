"""User settings in a TOML file (platformdirs config folder): theme, mouse, sort, identity,
keymap.

    theme = "textual-dark"
    mouse = true
    sort = "date"
    authors = ["Ruth S."]    # names the blog's authors also sign comments with (inbox)

    [identity]               # who signs new posts and replies (asked once by the app)
    name = "Ruth"
    email = "ruth@example.org"

    [keymap]
    "list.sort" = "O"        # binding id = keys (comma-separated for several)

A missing file means defaults. A bad file never stops the app: `load_settings` returns the
defaults and a list of one-line problems for the UI to show. Writes are crash-safe (temp file,
fsync, rename, fsync of the folder); they change only the keys the app sets (theme, mouse,
sort, identity) through tomlkit, which keeps the user's comments, layout, quoting and line
endings, and never touch a file that does not parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reeltui.domain.identity import Identity
from reeltui.domain.models import DomainError, member
from reeltui.domain.vocab import SORT_KEYS, SortKey
from reeltui.errors import ReelError
from reeltui.locations import config_file

DEFAULT_THEME = "textual-dark"
_TOP_KEYS = ("theme", "mouse", "sort")


class ConfigError(ReelError):
    """The settings file could not be written; the message names it."""


@dataclass(slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    mouse: bool = True
    sort: SortKey = "date"
    keymap: dict[str, str] = field(default_factory=dict)
    spelling: bool = True  # [spelling] enabled: underline unknown words in the editor
    spelling_language: str = "en"  # [spelling] language: a word list pyspellchecker ships
    authors: list[str] = field(default_factory=list)  # the blog's own names (inbox)
    # None: the file has no [identity] yet (the app asks once); a blank name: asked, declined
    identity: Identity | None = None
    path: Path | None = None  # where they are saved; None: never saved (tests, screenshots)


def _identity(data: Any, path: Path, problems: list[str]) -> Identity | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(f'{path}: [identity] must be a table of name = "..." and email = "..."')
        return None
    values = {}
    for key in ("name", "email"):
        value = data.get(key, "")
        if isinstance(value, str):
            values[key] = " ".join(value.split())
        else:
            problems.append(f"{path}: identity {key} must be a string")
            values[key] = ""
    return Identity(values["name"], values["email"])


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
    import tomllib  # here: a start without a config file does not need it

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return settings, [f"{path} is not valid TOML ({exc}); using defaults"]
    problems = _read_values(data, settings, path)
    return settings, problems


def _read_values(data: dict[str, Any], settings: Settings, path: Path) -> list[str]:
    """Set `settings` from the parsed file `data`; returns the problems found."""
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
    try:
        settings.sort = member(SORT_KEYS, data.get("sort", settings.sort), "sort")
    except DomainError:
        problems.append(f"{path}: sort must be one of {', '.join(SORT_KEYS)}")
    settings.identity = _identity(data.get("identity"), path, problems)
    authors = data.get("authors", [])
    if isinstance(authors, list) and all(isinstance(a, str) for a in authors):
        settings.authors = [a for a in authors if a.strip()]
    else:
        problems.append(f'{path}: authors must be a list of names, like ["Ruth", "Ruth S."]')
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        problems.append(f'{path}: [keymap] must be a table of binding id = "keys"')
        keymap = {}
    for binding_id, keys in keymap.items():
        if isinstance(keys, str) and keys.strip():
            settings.keymap[binding_id] = keys
        else:
            problems.append(f"{path}: keymap {binding_id!r} must be a string of keys")
    _load_spelling(data.get("spelling", {}), settings, problems, path)
    return problems


def _load_spelling(table: Any, settings: Settings, problems: list[str], path: Path) -> None:
    """[spelling] enabled = true|false, language = "en" (checked when the editor loads it)."""
    if not isinstance(table, dict):
        problems.append(f"{path}: [spelling] must be a table (enabled, language)")
        return
    enabled = table.get("enabled", settings.spelling)
    if isinstance(enabled, bool):
        settings.spelling = enabled
    else:
        problems.append(f"{path}: [spelling] enabled must be true or false")
    language = table.get("language", settings.spelling_language)
    if isinstance(language, str) and language.strip():
        settings.spelling_language = language.strip()
    else:
        problems.append(f'{path}: [spelling] language must be a code like "en"')


def dumps(settings: Settings) -> str:
    """The TOML text of a new settings file holding `settings`."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("reeltui settings (see README: Settings)"))
    for key in _TOP_KEYS:
        doc[key] = getattr(settings, key)
    if settings.identity is not None:
        doc["identity"] = {"name": settings.identity.name, "email": settings.identity.email}
    doc["keymap"] = dict(sorted(settings.keymap.items()))
    return doc.as_string()


def _line_endings(new: str, old: str) -> str:
    """`new` with the line endings of `old`: a CRLF file stays CRLF (tomlkit writes the
    lines it adds with LF). A file mixing both is left as tomlkit wrote it."""
    if "\r\n" in old and not re.search(r"(?<!\r)\n", old):
        return re.sub(r"(?<!\r)\n", "\r\n", new)
    return new


def updated_text(text: str, settings: Settings, where: Path) -> str:
    """`text` (the user's file) with theme, mouse, sort and identity set to `settings`'
    values: comments, layout, quoting, line endings and every other key are kept."""
    import tomllib

    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        tomllib.loads(text)
        doc = tomlkit.parse(text)
    except (tomllib.TOMLDecodeError, TOMLKitError) as exc:
        raise ConfigError(
            f"settings not saved: {where} is not valid TOML ({exc}); it was left as it is"
        ) from None
    defaults = Settings()
    for key in _TOP_KEYS:
        value = getattr(settings, key)
        if key in doc:
            if doc[key] != value:
                doc[key] = value
        elif value != getattr(defaults, key):  # defaults stay implicit
            doc[key] = value
    identity = settings.identity
    if identity is not None:
        table = doc.get("identity")
        if table is None:
            doc["identity"] = {"name": identity.name, "email": identity.email}
        elif not isinstance(table, dict):
            raise ConfigError(f"settings not saved: identity in {where} is not a table")
        else:
            for key in ("name", "email"):
                if table.get(key) != getattr(identity, key):
                    table[key] = getattr(identity, key)
    new = _line_endings(doc.as_string(), text)
    written = Settings()
    try:
        _read_values(tomllib.loads(new), written, where)
    except tomllib.TOMLDecodeError:
        written.theme = ""  # cannot happen with tomlkit; never write what does not read back
    if _saved_values(written, settings) != _saved_values(settings, settings):
        raise ConfigError(f"settings not saved: could not update {where} in place")
    return new


def _saved_values(settings: Settings, wanted: Settings) -> tuple[Any, ...]:
    """The values a save writes (the identity only when there is one to write)."""
    found = settings.identity if wanted.identity is not None else None
    if found is not None:  # as it reads back: spaces collapsed
        found = Identity(" ".join(found.name.split()), " ".join(found.email.split()))
    return (settings.theme, settings.mouse, settings.sort, found)


def save_settings(settings: Settings) -> None:
    """Write `settings` to its path crash-safely; no path means nothing to do. An existing
    file is updated in place (comments kept); one that is not valid TOML is never touched."""
    from reeltui.store.storage import replace_file

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
