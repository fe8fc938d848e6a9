"""The keys of the whole UI, collected from its classes (nothing listed by hand), and the
check of a config's [keymap] before it is applied.

A *scope* is a chain of nodes whose bindings are live at once: the focused widget, its
containers, its screen, the app (the first binding of a key along the chain wins). Scopes
come from the live DOM (every focusable widget of the main screen) and from every class
with bindings under the app (a screen, or a widget wherever it is shown).

Each [keymap] entry is checked on its own, in the file's order: an unknown id, a malformed
key, or a key that another binding of one of its scopes already uses rejects the whole entry
(none of its keys is applied) with its line named; the others are applied.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import Screen

import reeltui.ui

_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[a-z0-9_]{2,}|\S)$", re.I)
_ENTRY = re.compile(r"""^\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")
_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@functools.cache
def binding_classes() -> list[type[DOMNode]]:
    """Every class of reeltui's UI that declares key bindings (its modules imported first)."""
    for module in pkgutil.walk_packages(reeltui.ui.__path__, "reeltui.ui."):
        importlib.import_module(module.name)
    found = {
        cls
        for cls in _subclasses(DOMNode)
        if cls.__module__.startswith("reeltui.ui") and "BINDINGS" in cls.__dict__
    }
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def key_label(key: str, shown: str = "") -> str:
    """`key` as Textual's footer shows it ("^o", "%", "pgdn", "⏎"): the same formatting as
    `App.get_key_display`. `shown` is a binding's key_display, used for the key it names."""
    if shown and shown in (key, _formatted(key)):
        return shown
    return _formatted(key)


def _formatted(key: str) -> str:
    modifiers, name = Binding(key, "").parse_key()
    name = format_key(name)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        name = f"^{name}"
    return "+".join([*modifiers, name])


def key_of(keymap: Mapping[str, str], binding_id: str) -> str:
    """The first key of a binding as `keymap` has it, else as declared ("" when unknown)."""
    keys = keymap.get(binding_id)
    if keys is None:
        found = (b.key for c in binding_classes() for b in declared(c) if b.id == binding_id)
        keys = next(found, "")
    first = keys.split(",")[0].strip()
    return key_label(first) if first else ""


def own_bindings(cls: type) -> list[Binding]:
    """The bindings `cls` declares itself (not those it inherits)."""
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def declared(cls: type) -> list[Binding]:
    """The bindings `cls` and its bases declare, reeltui's own first (Textual's after)."""
    return [b for c in cls.__mro__ for b in own_bindings(c)]


def binding_ids(classes: Iterable[type[DOMNode]]) -> set[str]:
    return {b.id for cls in classes for b in declared(cls) if b.id}


@dataclass(frozen=True)
class Scope:
    """Nodes live at once, the focused one first (`name` says where, for messages)."""

    name: str
    classes: tuple[type[DOMNode], ...]


def scope_name(cls: type[DOMNode]) -> str:
    if issubclass(cls, App):
        return "everywhere"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).lower()
    return f"in the {words}"


def class_scopes(classes: Iterable[type[DOMNode]], app: type[App[Any]]) -> list[Scope]:
    """Each class with the app above it (a widget is under some screen and the app)."""
    return [Scope(scope_name(cls), (cls, app)) for cls in classes if cls is not app]


def live_scopes(screen: Screen[Any]) -> list[Scope]:
    """The chain of every focusable widget of a mounted screen."""
    found: dict[tuple[type[DOMNode], ...], Scope] = {}
    for widget in screen.query("*"):
        if widget.focusable:
            chain = tuple(dict.fromkeys(type(node) for node in widget.ancestors_with_self))
            found.setdefault(chain, Scope(scope_name(type(widget)), chain))
    return list(found.values())


def keymap_lines(path: Path | None) -> dict[str, int]:
    """The line of each entry of the [keymap] table of the TOML file at `path` (1-based)."""
    try:
        text = path.read_text(encoding="utf-8") if path is not None else ""
    except (OSError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        if heading := _TABLE.match(line):
            table = heading.group(1).strip("\"'")
        elif table == "keymap" and (entry := _ENTRY.match(line)):
            key = next(g for g in entry.groups() if g is not None)
            lines.setdefault(key.replace('\\"', '"').replace("\\\\", "\\"), number)
    return lines


def split_keys(keys: str) -> list[str]:
    """ "ctrl+s, f2" -> ["ctrl+s", "f2"], in Textual's long names ("?" -> "question_mark")."""
    normalized = App._normalize_keymap({"_": keys})["_"]
    return [k.strip() for k in normalized.split(",")]


@dataclass
class KeymapCheck:
    applied: dict[str, str]
    problems: list[str]


def check_keymap(
    keymap: dict[str, str], scopes: list[Scope], lines: dict[str, int], where: str = "[keymap]"
) -> KeymapCheck:
    """Which entries of `keymap` can be applied (see the module docstring), and why the
    others cannot, one line each naming the entry's line of the file."""
    result = KeymapCheck({}, [])
    known = binding_ids(cls for scope in scopes for cls in scope.classes)
    for binding_id, keys in keymap.items():
        at = f"{where} line {lines[binding_id]}" if binding_id in lines else where
        entry = f'{at}: "{binding_id}" = "{keys}"'
        if binding_id not in known:
            result.problems.append(f"{entry}: no key has this id (? shows the ids); not applied")
            continue
        wanted = split_keys(keys)
        bad = [k for k in wanted if not _KEY.match(k)]
        if bad or not wanted:
            result.problems.append(f"{entry}: {bad[0] if bad else 'no'} key is not a key name")
            continue
        clash = _clash(binding_id, wanted, scopes, result.applied)
        if clash:
            result.problems.append(f"{entry}: {clash}; not applied")
            continue
        result.applied[binding_id] = keys
    return result


def _clash(binding_id: str, wanted: list[str], scopes: list[Scope], applied: dict[str, str]) -> str:
    """Why `wanted` cannot be `binding_id`'s keys ("" when they can)."""
    for scope in scopes:
        mine = [b for cls in scope.classes for b in declared(cls) if b.id == binding_id]
        if not mine:
            continue
        defaults = set(split_keys(mine[0].key))
        for cls in scope.classes:
            for key, other in _keys_of(cls, applied):
                if other.id == binding_id or key not in wanted or key in defaults:
                    continue
                label = other.description or other.action
                named = f" ({other.id})" if other.id else ""
                return f"{key} is already “{label}”{named} {scope_name(cls)}"
    return ""


def _keys_of(cls: type[DOMNode], applied: dict[str, str]) -> Iterator[tuple[str, Binding]]:
    """(key, binding) of every binding live on a `cls` node, with the keymap so far."""
    bindings: BindingsMap = cls._merge_bindings()
    for key, found in bindings.key_to_bindings.items():
        for binding in found:
            if binding.id in applied:
                continue
            yield key, binding
    for binding in declared(cls):
        if binding.id in applied:
            for key in split_keys(applied[binding.id]):
                yield key, binding
