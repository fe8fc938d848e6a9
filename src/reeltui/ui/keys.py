"""Binding ids of the whole UI, so a [keymap] in the config can be checked before use."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def binding_ids(*classes: type[DOMNode]) -> set[str]:
    found: set[str] = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                found.add(binding.id)
    return found


def unknown_ids(keymap: dict[str, str], known: set[str]) -> list[str]:
    return sorted(k for k in keymap if k not in known)
