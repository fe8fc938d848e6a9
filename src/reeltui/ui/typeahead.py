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
one at a time. A key is in flight until nothing it set going is left anywhere in the app: no
node (the app, every screen, on the stack or closing, every widget) has a message queued or
being handled, a callback due once its current message ends (`call_next`: a modal's result
callback runs on the screen that opened it) or, for a screen, a callback due after its next
repaint (`call_after_refresh`). Each look finds the busy nodes, waits for them (a callback
posted behind what each holds) and looks again; focus or the screen having moved meanwhile
gives one more look. Waiting only for the key's own way up to the app, then for the screen
and the focused widget, was not enough: the choice in a pick list (enter) travels up to the
modal as a message of its own, the modal closes itself and its callback pushes the next
screen; the key after enter was let through while that message was still on its way, went to
the list of a modal about to close and was lost ("Arrival" typed right after picking a
template saved "rrival"). Disk work a key starts in a worker (group `KEY_WORK`: a draft the
diary writes) or in the app's save queue (a save that closes the editor: ui/saving.py,
`holds_keys`) ends by opening or closing a screen: the key is in flight until that work is
done too (`w` in the diary, then F2 and the title, went to the diary behind the editor about
to open). A worker named `ASKED` is the answer to what the keys
before asked for (the list's rows for the search typed, the order or filter picked): a key
that acts waits for it however it was started, so `/in:comments author:marcy<Enter><Enter>r`
replies to the comment found instead of opening the post the list showed before the answer
came. Other workers (a sync, an import, the list's first read of the archive) run on while
keys are typed.

A key the focused field takes as text needs none of this (ui/typed_keys.py: it goes straight
on). A key that acts after text waits for that field to have taken the text first: a priority
binding (Ctrl+S) runs in the app's own handling of the key, ahead of the field's queue, and
saved the post without the words typed just before it. Esc followed at once by a key arrives
as Alt+key: it is given back as Esc, then the key (ui/typed_keys.py).

Nothing is timed: each step waits for queues to reach the callbacks. A node that closes with
a callback still in its queue (a screen dismissed by the key) would stall the chain: a
watchdog looks for that and stops waiting for that node. Something that never stops posting
(an animation) cannot hold keys for ever: after `MAX_QUIET_ROUNDS` looks the key goes on.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker

from reeltui.ui.typed_keys import escape_then, is_text_for, is_typed

if TYPE_CHECKING:
    from reeltui.ui.saving import SaveQueue

WATCHDOG_SECONDS = 0.2  # how often a stalled chain is looked for (never a delivery delay)
MAX_SETTLE_ROUNDS = 4  # screens pushed by screens being pushed... then deliver anyway
KEY_WORK = frozenset({"disk"})  # worker groups a key waits for (see the module docstring)
Waited = MessagePump | Worker[Any] | asyncio.Future[None]  # what a key may wait for
ASKED = "asked"  # a worker so named is the answer the keys before asked for: keys wait for it
MAX_QUIET_ROUNDS = 50  # looks for busy nodes in one settle (something always busy: go on)


class Dispatch(Protocol):
    async def __call__(self, event: events.Event, /) -> None: ...


class TypeAhead:
    """One per app: `app.on_event` asks `hold(event)` before handling a typed event."""

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self.app = app
        self._dispatch = dispatch  # Textual's own handling of one event (App.on_event)
        self.waiting: deque[events.Event] = deque()
        self.in_flight = False
        self._waiting_on: set[Waited] = set()  # what the chain waits for
        self._workers: set[Worker[Any]] = set()  # the app's workers when the key went in
        self._saves = 0  # saves the app's save queue was asked for when the key went in
        self._then: Callable[[], object] = lambda: None  # what runs once they are reached
        self._text_to: MessagePump | None = None  # the field the last text went straight to
        self._round = 0
        self._token = 0  # which wait is current (a stale callback does nothing)
        self._watchdog: Timer | None = None
        self.delivered = 0  # typed events handed on (tests and benchmarks)
        self._held: Callable[[], bool] = lambda: False  # typed events wait while it says so

    def hold_while(self, held: Callable[[], bool]) -> None:
        """Typed events wait while `held()` (the first screen's parts mounted after its
        first frame: ui/screens/main_late.py); `go_on` once it no longer is."""
        self._held = held

    def go_on(self) -> None:
        if not self.in_flight and self.waiting:
            self.app.call_later(self._next)

    @property
    def idle(self) -> bool:
        """Nothing typed is waiting or in flight."""
        return not self.in_flight and not self.waiting

    async def hold(self, event: events.Event) -> bool:
        """Called for every event the app gets. True: the event was taken (it is typed
        input; it is delivered now or after the ones in flight). False: not ours."""
        if not is_typed(event):
            return False
        if self.in_flight or self.waiting or self._held():
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
        if is_text_for(target, event, self.app):
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
        self._workers = set(self.app.workers)
        self._saves = _save_queue(self.app).asked
        await self._dispatch(event)  # priority bindings run here; else posted to `target`
        if self.in_flight:  # (the app may have closed meanwhile)
            self._start_watchdog()
            self._wait_on(self.app, self._settle)  # (behind the key, on the app's queue)

    def _settle(self) -> None:
        """On the app's queue: wait until no node has anything left to do (see the module
        docstring), then see whether focus or the screen moved meanwhile."""
        before = (self.app.screen, self.app.focused)
        self._quiet(lambda: self._finish(before), 0)

    def _quiet(self, then: Callable[[], object], looks: int) -> None:
        nodes: list[MessagePump] = [self.app, *self.app._registry]
        busy: list[Waited] = [n for n in nodes if _busy(n, self.app)]
        busy += [
            worker
            for worker in self.app.workers
            if not worker.is_finished and (_asked(worker) or self._started_by_key(worker))
        ]
        busy += _save_queue(self.app).after(self._saves)
        if not busy or looks >= MAX_QUIET_ROUNDS:
            then()
            return
        again = lambda: self._quiet(then, looks + 1)  # noqa: E731
        self._wait_all(busy, lambda: self._wait_on(self.app, again))

    def _started_by_key(self, worker: Worker[Any]) -> bool:
        return worker.group in KEY_WORK and worker not in self._workers

    def _finish(self, before: tuple[object, object]) -> None:
        self._round += 1
        changed = before != (self.app.screen, self.app.focused)
        if changed and self._round < MAX_SETTLE_ROUNDS:
            self._settle()  # a screen came or focus moved: let that settle too
            return
        self._done()

    def _done(self) -> None:
        self.in_flight = False
        self._waiting_on = set()
        self._token += 1
        if self._watchdog is not None:
            self._watchdog.pause()
        if self.waiting:
            self.app.call_later(self._next)

    async def _next(self) -> None:
        while not self.in_flight and self.waiting and not self._held():  # a key may wait
            await self._deliver(self.waiting.popleft())

    # -- plumbing ------------------------------------------------------------------------

    def _wait_on(self, node: MessagePump, then: Callable[[], object]) -> None:
        """Run `then` once `node` has handled everything queued for it so far."""
        self._wait_all([node], then)

    def _wait_all(self, nodes: Sequence[Waited], then: Callable[[], object]) -> None:
        """Run `then` once each of `nodes` has handled everything queued for it so far (a
        worker or a save: once it is done), only if the chain has not moved on meanwhile; a closed
        node has nothing more to do."""
        self._token += 1
        token = self._token
        self._waiting_on = set(nodes)
        self._then = then

        def reached(node: Waited) -> None:
            if token == self._token:
                self._reached(node)

        for node in nodes:
            callback = partial(reached, node)
            if isinstance(node, asyncio.Future):  # a save (ui/saving.py): once reported
                node.add_done_callback(partial(self._worker_done, callback))
            elif isinstance(node, Worker):
                task = node._task
                if task is None:  # not started yet: look again after the app's queue
                    self.app.call_later(callback)
                else:
                    task.add_done_callback(partial(self._worker_done, callback))
            elif isinstance(node, Screen) and node._callbacks:
                node._invoke_later(callback, self.app)  # after its own, after a repaint
            elif not node.call_later(callback):  # closed: nothing more will happen there
                if node is self.app:
                    self._done()
                    return
                reached(node)

    def _worker_done(self, callback: Callable[[], None], _: object) -> None:
        self.app.call_later(callback)  # (on the app's queue, like every step)

    def _reached(self, node: Waited) -> None:
        self._waiting_on.discard(node)
        if not self._waiting_on:
            self._token += 1  # (a late callback of this wait does nothing)
            self._then()

    def _start_watchdog(self) -> None:
        if self._watchdog is None:
            self._watchdog = self.app.set_interval(WATCHDOG_SECONDS, self._check, name="typeahead")
        else:
            self._watchdog.resume()

    def _check(self) -> None:
        """A node waited for that was closed (removed) meanwhile never runs the callback:
        stop waiting for it."""
        if not self.in_flight:
            return
        for node in list(self._waiting_on):
            pump = node if isinstance(node, MessagePump) and node is not self.app else None
            if pump is not None and (pump._closing or pump._closed):
                self._reached(node)


def _save_queue(app: App[Any]) -> SaveQueue:
    """The app's save queue (ui/saving.py: imported with the first key, not for the first
    frame)."""
    from reeltui.ui.saving import save_queue

    return save_queue(app)


def _asked(worker: Worker[Any]) -> bool:
    """The answer to keys typed before, still to come (a newer load replaced a cancelled one:
    its answer is never shown, so nothing waits for it)."""
    return worker.name == ASKED and not worker.is_cancelled


def _busy(node: MessagePump, app: App[Any]) -> bool:
    """Has `node` anything left to do: a message queued or being handled (its loop is not
    parked waiting for the next one), a `call_next` callback due or (a screen) a callback due
    after its next repaint? Asked on the app's queue, where the app is handling the asking
    callback: only what waits behind it counts for the app."""
    if node._closed or not node._running:
        return False
    queue: Any = node._message_queue
    if queue.qsize() or node._pending_message is not None or node._next_callbacks:
        return True  # (the loop takes the next message out of the queue to peek at it)
    if isinstance(node, Screen) and node._callbacks:
        return True
    if node is app:
        return False
    parked = getattr(queue, "ready_event", None)  # (Textual's Queue: its loop waits on this)
    return parked is not None and not parked._waiters
