"""Saves that never freeze the screen: change in memory now, write the files in the background.

A reply or a moderation changes one comment, but comments.json of a 15-year archive is
~100 MB: writing it takes a noticeable fraction of a second. `SaveQueue.save` runs the change
on the UI thread with the blog's writes held in memory (quick), then one background thread
writes the files, in the order the saves were asked for, and calls `done` back on the UI
thread once the words are on disk: say "saved" only then. If the write fails, the blog forgets
the change (what is shown matches the disk again) and `failed` gets the error.

The app closes its queue when it ends, waiting for writes still in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from textual.app import App

from reeltui.services import Blog

T = TypeVar("T")


class SaveQueue:
    """One background writer per app; see the module docstring."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self.in_flight = 0  # saves asked for and not yet on disk

    def save(
        self,
        blog: Blog,
        change: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Exception], object],
    ) -> T:
        """Run `change()` now (its errors are raised here, nothing written), write in the
        background, then call `done(result)` or `failed(error)` on the UI thread."""
        with blog.held() as flush:
            result = change()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reeltui-save")
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # the app's context, for the callbacks
        self.in_flight += 1

        def finished(future: Future[None]) -> None:
            error = future.exception()

            def report() -> None:
                self.in_flight -= 1
                if isinstance(error, Exception):
                    failed(error)
                else:
                    done(result)

            with contextlib.suppress(RuntimeError):  # the app's loop has already closed
                loop.call_soon_threadsafe(report, context=context)

        self._pool.submit(flush).add_done_callback(finished)
        return result

    async def idle(self) -> None:
        """Return once every save asked for so far is on disk and reported."""
        while self.in_flight:
            await asyncio.sleep(0.01)

    def close(self) -> None:
        """Wait for the writes still queued or running (called when the app ends)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def save_queue(app: App[object]) -> SaveQueue:
    """The app's save queue (made on first use)."""
    queue = getattr(app, "saves", None)
    if not isinstance(queue, SaveQueue):
        queue = SaveQueue()
        app.saves = queue  # type: ignore[attr-defined]
    return queue
