"""What a typed event is, for the type-ahead gate (ui/typeahead.py): which events are the
user's typing, which of them are text the focused field takes (they need not wait), and which
Alt+key is really Esc followed by a key.

A key the focused field takes as text (a letter into an Input or a TextArea, no priority
binding on it) cannot run a binding or move focus, and the keys after it go to the same
field's queue, behind it: typing stays as fast as without the gate; only keys that may act
(Tab, F2, enter, j...) wait for the ones before them. A priority binding (Ctrl+S) runs in the
app's own handling of the key, ahead of the field's queue: such a key is not text.

Esc followed at once by a key (a burst, or tmux, which joins what arrives within its
`escape-time`) reaches the app as one sequence, which the terminal parser reads as Alt+key:
the Esc was lost and the key typed into the field ("Esc d" in the editor put a "d" in the
title instead of answering the unsaved-changes question). reeltui binds no Alt+letter, so
such a key is given back as what was typed: Esc, then the key.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode


def is_typed(event: events.Event) -> bool:
    """A key or a paste from the terminal (not one Textual forwards or bubbles)."""
    return isinstance(event, events.Key | events.Paste) and not event.is_forwarded


def escape_then(event: events.Event, app: App[Any]) -> events.Key | None:
    """The key typed after Esc when `event` is Alt+letter (or digit) that no binding where
    focus is uses (see the module docstring), else None."""
    if not isinstance(event, events.Key) or not event.key.startswith("alt+"):
        return None
    character = event.character or ""
    if len(character) != 1 or not character.isalnum():
        return None
    if event.key not in (f"alt+{character}", f"alt+shift+{character.lower()}"):
        return None  # (alt+ctrl+..., a kitty-protocol key: a real modifier)
    for _, bindings in app.screen._binding_chain:
        if event.key in bindings.key_to_bindings:
            return None
    return events.Key(character, character)


def is_text_for(target: DOMNode, event: events.Event, app: App[Any]) -> bool:
    """Is `event` text the focused field `target` takes (see the module docstring)?"""
    if target is app.screen:
        return False
    if isinstance(event, events.Paste):
        key, character = "", event.text[:1] or None
    elif isinstance(event, events.Key):
        key, character = event.key, event.character
    else:
        return False
    if not target.check_consume_key(key, character):
        return False
    return not any(  # a priority binding would act on the key before the field sees it
        binding.priority
        for _, bindings in app.screen._binding_chain
        for binding in bindings.key_to_bindings.get(key, ())
    )
