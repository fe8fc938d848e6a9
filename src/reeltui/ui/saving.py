"""Saves that never freeze the screen: change in memory now, write the files in the background.

A reply or a moderation changes one comment, but comments.json of a 15-year archive is
~100 MB: writing it takes a noticeable fraction of a second. `SaveQueue.save` runs the change
on the UI thread with the blog's writes held in memory (quick), then one background thread
writes the files, in the order the saves were asked for, and calls `done` back on the UI
thread once the words are on disk: say "saved" only then. If the write fails, the blog forgets
the change (what is shown matches the disk again) and `failed` gets the error.

The screen that asked may be closed by the time the write ends: callbacks still run (a
failure must be said) and must not touch a screen that has left (`is_attached`). Once the app
is quitting they are skipped; a write that failed then is kept in `unreported` (with the
words it was saving) for the command line to print once the screen is gone. A callback that
raises is a bug: it goes to the app like any other, never to a log nobody reads.

The app closes its queue when it ends, waiting for writes still in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from textual.app import App

from reeltui.services import Blog

T = TypeVar("T")


@dataclass(frozen=True)
class Unsaved:
    """A write that failed while the app was quitting, and the words it was saving."""

    error: Exception
    words: str


class SaveQueue:
    """One background writer per app; see the module docstring."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._pool: ThreadPoolExecutor | None = None
        self.in_flight = 0  # saves asked for and not yet on disk
        self._failures: dict[int, Unsaved] = {}  # failed writes not yet told to the user
        self._count = 0

    def save(
        self,
        blog: Blog,
        change: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Exception], object],
        words: str = "",
    ) -> T:
        """Run `change()` now (its errors are raised here, nothing written), write in the
        background, then call `done(result)` or `failed(error)` on the UI thread (unless the
        app is quitting by then). `words`: the user's text this saves, printed if it is lost
        while quitting."""
        with blog.held() as flush:
            result = change()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reeltui-save")
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # the app's context, for the callbacks
        self.in_flight += 1
        self._count += 1
        number = self._count

        def finished(future: Future[None]) -> None:  # in the writer thread
            error = future.exception()
            if isinstance(error, Exception):
                self._failures[number] = Unsaved(error, words)

            def report() -> None:
                self.in_flight -= 1
                if self.app._exit:  # quitting: nothing left to show it on
                    return
                self._failures.pop(number, None)  # told now
                try:
                    if isinstance(error, Exception):
                        failed(error)
                    else:
                        done(result)
                except Exception as bug:  # handed to the app, as Textual does
                    self.app._handle_exception(bug)

            with contextlib.suppress(RuntimeError):  # the app's loop has already closed
                loop.call_soon_threadsafe(report, context=context)

        self._pool.submit(flush).add_done_callback(finished)
        return result

    async def idle(self) -> None:
        """Return once every save asked for so far is on disk and reported."""
        while self.in_flight:
            await asyncio.sleep(0.01)

    @property
    def unreported(self) -> list[Unsaved]:
        """Writes that failed without the user being told (the app was quitting)."""
        return list(self._failures.values())

    def close(self) -> None:
        """Wait for the writes still queued or running (called when the app ends)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def save_queue(app: App[object]) -> SaveQueue:
    """The app's save queue (made on first use)."""
    queue = getattr(app, "saves", None)
    if not isinstance(queue, SaveQueue):
        queue = SaveQueue(app)
        app.saves = queue  # type: ignore[attr-defined]
    return queue
