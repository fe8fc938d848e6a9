"""Saved searches: named queries in the settings file's `[searches]` table.

    [searches]
    "waiting for me" = "in:comments is:unread"
    scifi = 'tag:"science fiction" rating:>=4'

Read with the settings file; written by changing only the lines of that table (the rest of
the file, comments included, is kept as it is), crash-safely, never over a file that does not
parse. (When the settings file is written with a TOML library, this becomes a table edit.)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from reeltui.errors import ReelError
from reeltui.store.storage import replace_file

TABLE = "searches"
_HEADER = re.compile(r"^\s*\[\s*searches\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")


class SavedSearchError(ReelError, ValueError):
    """A search could not be saved; the message says why, in one line."""


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return "", {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SavedSearchError(f"cannot read {path}: {exc}") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SavedSearchError(f"{path} is not valid TOML ({exc})") from None


def load(path: Path | None) -> tuple[dict[str, str], list[str]]:
    """The saved searches in `path` (name -> query) and one-line problems found there."""
    if path is None:
        return {}, []
    try:
        _, data = _read(path)
    except SavedSearchError as exc:
        return {}, [str(exc)]
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        return {}, [f'{path}: [{TABLE}] must be a table of name = "query"']
    found, problems = {}, []
    for name, query in table.items():
        if isinstance(query, str):
            found[name] = query
        else:
            problems.append(f"{path}: saved search {name!r} must be a string")
    return found, problems


def _string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " or ch == "\t" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _key_of(line: str) -> str | None:
    try:
        data = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    return next(iter(data), None) if len(data) == 1 else None


def _table_lines(lines: list[str]) -> tuple[int, int] | None:
    """[start, end) of the lines under the `[searches]` header (None: no such table)."""
    for i, line in enumerate(lines):
        if _HEADER.match(line):
            later = (j for j in range(i + 1, len(lines)) if _ANY_HEADER.match(lines[j]))
            return i + 1, next(later, len(lines))
    return None


def _write(path: Path, name: str, query: str | None) -> None:
    text, data = _read(path)
    lines = text.splitlines()
    span = _table_lines(lines)
    if span is None and query is not None:
        gap = [""] if lines and lines[-1].strip() else []
        lines += [*gap, f"[{TABLE}]", f"{_string(name)} = {_string(query)}"]
    elif span is not None:
        start, end = span
        kept = [ln for ln in lines[start:end] if _key_of(ln) != name]
        while kept and not kept[-1].strip():
            kept.pop()
        if query is not None:
            kept.append(f"{_string(name)} = {_string(query)}")
        lines[start:end] = [*kept, *([""] if end < len(lines) else [])]
    new = "\n".join(lines) + "\n"
    try:
        result = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        result = {}
    expected = dict(data.get(TABLE, {}))
    expected.pop(name, None)
    if query is not None:
        expected[name] = query
    others = {k: v for k, v in result.items() if k != TABLE}
    if result.get(TABLE, {}) != expected or others != {k: v for k, v in data.items() if k != TABLE}:
        raise SavedSearchError(f"search not saved: could not update {path} in place")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, new.encode("utf-8"))
    except OSError as exc:
        raise SavedSearchError(f"search not saved to {path}: {exc.strerror or exc}") from exc


def save(path: Path, name: str, query: str) -> None:
    """Add or replace the saved search `name`."""
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError("a saved search needs a name")
    _write(path, name, query)


def remove(path: Path, name: str) -> None:
    _write(path, name, None)
