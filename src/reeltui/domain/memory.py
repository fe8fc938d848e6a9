"""Pausing Python's cyclic garbage collector around bulk work (loading, importing).

Reading an archive creates millions of objects that all stay alive until the work is done;
with the collector on, each of its passes re-walks everything made so far (an import of
10,000 posts spent a third of its time there). The objects are plain data without cycles:
reference counting frees them without the collector.

A pause defers the collector's work, it does not cancel it: every container made inside
stays in the youngest generation, and the first allocation after the collector is back on
starts a pass over all of them (210,000 comment documents: 0.2-0.4 s, holding the
interpreter, so the UI thread, the whole time). Work whose objects are kept for the session
(the comment documents, posts read as objects) pauses with `keep=True`: what it made is
frozen (`gc.freeze`: out of the collector's sight) before the collector is back on.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator

FREEZE_ABOVE = 20_000  # young objects above which a kept pause freezes them (fewer: a quick pass)

_lock = threading.Lock()
_depth = 0
_was_enabled = False
_keep = False


@contextlib.contextmanager
def paused_gc(*, keep: bool = False) -> Iterator[None]:
    """Collector off inside; back to how it was when the outermost pause ends (nestable,
    and safe when threads pause at the same time). `keep`: what the pauses made is kept for
    the session: frozen when the outermost one ends, if it is a bulk (more than FREEZE_ABOVE
    objects the collector would have to walk at once)."""
    global _depth, _was_enabled, _keep
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            _keep = False
        _depth += 1
        _keep = _keep or keep
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if _keep and gc.get_count()[0] > FREEZE_ABOVE:
                    gc.freeze()
                if _was_enabled:
                    gc.enable()


def pausing() -> bool:
    """Is a pause under way (in any thread)?"""
    with _lock:
        return _depth > 0


def pause_gc() -> Callable[[], None]:
    """The collector paused (as by `paused_gc`) until the returned function is called: a
    pause spanning more than one block, such as the app's start until its first paint.
    Calling the function again does nothing."""
    pause = paused_gc()
    pause.__enter__()
    done = threading.Lock()

    def release() -> None:
        if done.acquire(blocking=False):
            pause.__exit__(None, None, None)

    return release


NEVER = 1_000_000_000  # a threshold the oldest generation's count never reaches

_deferring = 0  # how many `defer_full_passes` are under way
_thresholds = gc.get_threshold()


def defer_full_passes() -> Callable[[], None]:
    """No pass of the collector over its older generations (the oldest: every object not
    frozen; the middle one: what the last ten young passes kept, 3-15 ms) until the
    returned function is called (once: later calls do nothing). The youngest passes go on
    as before: they walk only what was made since the last one, under a millisecond, where
    pausing the collector altogether left one pass over everything made meanwhile for its
    end. Nestable, and safe from several threads."""
    global _deferring, _thresholds
    with _lock:
        if _deferring == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], NEVER, NEVER)
        _deferring += 1
    done = threading.Lock()

    def release() -> None:
        global _deferring
        if not done.acquire(blocking=False):
            return
        with _lock:
            _deferring -= 1
            if _deferring == 0:
                gc.set_threshold(*_thresholds)

    return release
