"""Pausing Python's cyclic garbage collector around bulk work (loading, importing).

Reading an archive creates millions of objects that all stay alive until the work is done;
with the collector on, each of its passes re-walks everything made so far (an import of
10,000 posts spent a third of its time there). The objects are plain data without cycles:
reference counting frees them without the collector.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Collector off inside; back to how it was when the outermost pause ends (nestable,
    and safe when threads pause at the same time)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


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
