"""Type-ahead that is never misrouted: each key goes where focus is once every earlier key
has been handled.

Textual hands a key to the focused widget by posting it to that widget's queue and moves on
to the next key at once. A key the widget does not use (Tab, F2, a binding of the screen or
the app) travels back up the DOM, one queue at a time, and only runs its binding when it
reaches the app's queue again: behind every key typed after it. So `Dune<Tab>slug` typed in
one burst (a fast typist, a paste, a busy machine) put "slug" into the title, and Tab moved
focus afterwards. Focus moved by `Widget.focus()` (a callback on the app's queue) or by a
screen being pushed (mounted by its own task) lands late the same way.

`TypeAhead` holds the keys (and pastes) that arrive while one is in flight and delivers them
one at a time. A key is in flight until

1. it has been through every node from its target up to the app (a callback posted behind it
   to each queue in turn: whatever the key did there, bubbled or stopped, is done), then
2. the current screen and the focused widget have handled what it queued for them (a new
   screen composed and mounted, a deferred focus applied), then
3. the app's queue has run what was put there meanwhile (`focus()` callbacks).

A key the focused field takes as text (a letter into an Input or a TextArea, no priority
binding on it) needs none of this: it cannot run a binding or move focus, and the keys after
it go to the same field's queue, behind it. Typing stays as fast as without the gate; only
keys that may act (Tab, F2, enter, j...) wait for the ones before them. A key that acts after
text waits for that field to have taken the text first: a priority binding (Ctrl+S) runs in
the app's own handling of the key, ahead of the field's queue, and saved the post without
the words typed just before it.

Esc followed at once by a key (a burst, or tmux, which joins what arrives within its
`escape-time`) reaches the app as one sequence, which the terminal parser reads as Alt+key:
the Esc was lost and the key typed into the field ("Esc d" in the editor put a "d" in the
title instead of answering the unsaved-changes question). reeltui binds no Alt+letter, so
such a key is given back as what was typed: Esc, then the key.

Nothing is timed: each step waits for a queue to reach the callback. A node that closes with
the callback still in its queue (a screen dismissed by the key) would stall the chain: a
watchdog looks for that and moves on from the app.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer

WATCHDOG_SECONDS = 0.2  # how often a stalled chain is looked for (never a delivery delay)
MAX_SETTLE_ROUNDS = 4  # screens pushed by screens being pushed... then deliver anyway


class Dispatch(Protocol):
    async def __call__(self, event: events.Event, /) -> None: ...


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


class TypeAhead:
    """One per app: `app.on_event` asks `hold(event)` before handling a typed event."""

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self.app = app
        self._dispatch = dispatch  # Textual's own handling of one event (App.on_event)
        self.waiting: deque[events.Event] = deque()
        self.in_flight = False
        self._waiting_on: MessagePump | None = None  # the queue the chain waits for now
        self._text_to: MessagePump | None = None  # the field the last text went straight to
        self._round = 0
        self._token = 0  # which wait is current (a stale callback does nothing)
        self._watchdog: Timer | None = None
        self.delivered = 0  # typed events handed on (tests and benchmarks)

    @property
    def idle(self) -> bool:
        """Nothing typed is waiting or in flight."""
        return not self.in_flight and not self.waiting

    async def hold(self, event: events.Event) -> bool:
        """Called for every event the app gets. True: the event was taken (it is typed
        input; it is delivered now or after the ones in flight). False: not ours."""
        if not is_typed(event):
            return False
        if self.in_flight or self.waiting:
            self.waiting.append(event)
            return True
        await self._deliver(event)
        return True

    # -- one event -----------------------------------------------------------------------

    async def _deliver(self, event: events.Event) -> None:
        target: DOMNode = self.app.focused or self.app.screen
        if (after := escape_then(event, self.app)) is not None:
            self.waiting.appendleft(after)  # delivered once the Esc has been
            event = events.Key("escape", "\x1b")
        if self._typed_into(target, event):
            self.delivered += 1
            await self._dispatch(event)  # text for the focused field: nothing to wait for
            self._text_to = target if isinstance(target, MessagePump) else None
            return
        self.in_flight = True
        if self._text_to is not None:  # the field takes the text typed before this key first
            field, self._text_to = self._text_to, None
            self.waiting.appendleft(event)
            self._start_watchdog()
            self._wait_on(field, self._done)
            return
        self.delivered += 1
        self._round = 0
        await self._dispatch(event)  # priority bindings run here; else posted to `target`
        if self.in_flight:  # (the app may have closed meanwhile)
            self._start_watchdog()
            self._chase(target, event)

    def _typed_into(self, target: DOMNode, event: events.Event) -> bool:
        """Is `event` text the focused field takes (see the module docstring)?"""
        if target is self.app.screen:
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
            for _, bindings in self.app.screen._binding_chain
            for binding in bindings.key_to_bindings.get(key, ())
        )

    def _chase(self, node: DOMNode, event: events.Event) -> None:
        """Step 1: wait for `node` to have handled the event, then its parent, up to the app
        (a widget that stopped the event ends the way: it goes no further)."""
        if node is self.app or not isinstance(node, MessagePump):
            self._wait_on(self.app, self._settle)
            return
        parent = node.parent
        follow = parent if parent is not None and node.is_attached else self.app

        def reached() -> None:
            if event._stop_propagation and not isinstance(node, Screen):
                self._settle()  # handled there: it goes no further, its bindings never run
            else:
                self._chase(follow, event)

        self._wait_on(node, reached)

    def _settle(self) -> None:
        """Step 2: the screen and the focused widget handle what the event queued for them."""
        screen = self.app.screen
        focused = self.app.focused
        before = (screen, focused)
        then = lambda: self._wait_on(self.app, lambda: self._finish(before))  # noqa: E731
        if focused is not None:
            self._wait_on(screen, lambda: self._wait_on(focused, then))
        else:
            self._wait_on(screen, then)

    def _finish(self, before: tuple[object, object]) -> None:
        self._round += 1
        changed = before != (self.app.screen, self.app.focused)
        if changed and self._round < MAX_SETTLE_ROUNDS:
            self._settle()  # a screen came or focus moved: let that settle too
            return
        self._done()

    def _done(self) -> None:
        self.in_flight = False
        self._waiting_on = None
        self._token += 1
        if self._watchdog is not None:
            self._watchdog.pause()
        if self.waiting:
            self.app.call_later(self._next)

    async def _next(self) -> None:
        while not self.in_flight and self.waiting:  # text goes straight on; a key may wait
            await self._deliver(self.waiting.popleft())

    # -- plumbing ------------------------------------------------------------------------

    def _wait_on(self, node: MessagePump, then: Callable[[], object]) -> None:
        """Run `then` once `node` has handled everything queued for it so far (only if the
        chain has not moved on meanwhile: see `_check`)."""
        self._token += 1
        token = self._token
        self._waiting_on = node

        def reached() -> None:
            if token == self._token:
                then()

        if not node.call_later(reached):  # closed: nothing more will happen there
            if node is self.app:
                self._done()
            else:
                self._wait_on(self.app, then)

    def _start_watchdog(self) -> None:
        if self._watchdog is None:
            self._watchdog = self.app.set_interval(WATCHDOG_SECONDS, self._check, name="typeahead")
        else:
            self._watchdog.resume()

    def _check(self) -> None:
        """A chain waiting on a queue that was closed (its node removed) goes on from the
        app (the callback it waited for will never run)."""
        node = self._waiting_on
        stalled = node is not None and node is not self.app and (node._closing or node._closed)
        if self.in_flight and stalled:
            self._wait_on(self.app, lambda: self._finish((None, None)))
