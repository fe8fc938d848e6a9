"""The writer's own spelling words, kept beside the config file (one word a line, editable),
and the words ignored in one post (a small JSON file: post id -> words). Writes are crash-safe.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from reeltui.errors import ReelError
from reeltui.locations import config_file
from reeltui.store.storage import replace_file

DICTIONARY_NAME = "dictionary.txt"
IGNORED_NAME = "spelling-ignored.json"


class WordsError(ReelError):
    """A words file could not be read or written; the message names it."""


def folder() -> Path:
    return config_file().parent


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WordsError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _write(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, payload)
    except OSError as exc:
        raise WordsError(f"could not save {path}: {exc.strerror or exc}") from exc


def personal_words(where: Path | None = None) -> set[str]:
    data = _read((where or folder()) / DICTIONARY_NAME)
    if data is None:
        return set()
    text = data.decode("utf-8", errors="replace")
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def add_personal(word: str, where: Path | None = None) -> None:
    """Add `word` at the end of the writer's dictionary (the rest kept as written)."""
    path = (where or folder()) / DICTIONARY_NAME
    data = _read(path)
    lines = [] if data is None else data.decode("utf-8", errors="replace").splitlines()
    if word in (line.strip() for line in lines):
        return
    _write(path, ("\n".join([*lines, word]) + "\n").encode("utf-8"))


def _ignored_table(path: Path) -> dict[str, list[str]]:
    data = _read(path)
    if data is None:
        return {}
    try:
        table = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise WordsError(f"{path} is not valid JSON; it was left as it is") from None
    if not isinstance(table, dict):
        raise WordsError(f"{path} is not a table of post id -> words; it was left as it is")
    return {str(k): [str(w) for w in v] for k, v in table.items() if isinstance(v, list)}


def ignored_words(post_id: str, where: Path | None = None) -> set[str]:
    return set(_ignored_table((where or folder()) / IGNORED_NAME).get(post_id, []))


def add_ignored(post_id: str, word: str, where: Path | None = None) -> None:
    path = (where or folder()) / IGNORED_NAME
    table = _ignored_table(path)
    words = table.setdefault(post_id, [])
    if word not in words:
        words.append(word)
        _write(path, orjson.dumps(table, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
