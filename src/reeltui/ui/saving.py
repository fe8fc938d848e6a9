"""Saves that never freeze the screen: the change and its writing both run in the background.

A reply or a moderation changes one comment, but the change itself costs more than a frame on
a large archive (the post's figures counted again over its thousands of comments, its index
row, the comment index read, the files serialised). `SaveQueue.save` hands the change to one
background thread, which makes it with the blog's writes held in memory (`Blog.held`) and then
writes the files; saves run in the order they were asked for. On the UI thread, `made` is
called once the change is in memory (the views were told by the services' announcements, so
it is shown; put the cursor on it), then `done` once the words are on disk: say "saved" only
then. A change the services refuse (a ReelError: an empty reply, a comment already
moderated) writes nothing and goes to `failed`, as does a write that fails, after which the
blog forgets the change (what is shown matches the disk again).

The screen that asked may be closed by the time the write ends: callbacks still run (a
failure must be said) and must not touch a screen that has left (`is_attached`). Once the app
is quitting they are skipped; a write that failed then is kept in `unreported` (with the
words it was saving) for the command line to print once the screen is gone. A callback, or a
change, that raises anything but a ReelError is a bug: it goes to the app like any other,
never to a log nobody reads.

No full collector pass runs from the moment a save is asked for until the screen has drawn
it (ui/collector.py).

A save that ends by closing or opening a screen (the editor's Ctrl+S) is asked for with
`holds_keys`: the keys typed after the key that asked for it wait until it is reported
(`asked`, `after`: ui/typeahead.py), so they go to the screen behind the editor. Other saves
(a reply, a moderation) let the keys after them through at once. The app closes its queue
when it ends, waiting for the saves still queued or being written.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from textual.app import App

from reeltui.errors import ReelError
from reeltui.services import Blog
from reeltui.ui import collector

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
        self._holding: dict[int, asyncio.Future[None]] = {}  # `holds_keys` saves under way
        self._quiet: dict[int, Callable[[], None]] = {}  # deferred full passes, not yet ended

    @property
    def asked(self) -> int:
        """How many saves were asked for so far (a key notes it before it acts)."""
        return self._count

    def after(self, asked: int) -> list[asyncio.Future[None]]:
        """The `holds_keys` saves asked for since `asked` that are not yet reported: each
        future is done once its `done` or `failed` callback has run."""
        return [f for n, f in self._holding.items() if n > asked and not f.done()]

    def save(
        self,
        blog: Blog,
        change: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Exception], object],
        words: str = "",
        made: Callable[[T], object] | None = None,
        holds_keys: bool = False,
    ) -> None:
        """Run `change()` and write what it changed, in the background, after the saves
        asked for before; then call `made(result)` (once it is in memory) and `done(result)`
        (once it is on disk) or `failed(error)` (refused, or not written) on the UI thread,
        unless the app is quitting by then. `words`: the user's text this saves, printed if
        it is lost while quitting; `holds_keys`: see the module docstring."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reeltui-save")
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # the app's context, for the callbacks
        paused = collector.hold(self.app)  # no full collector pass until the save is drawn
        self.in_flight += 1
        self._count += 1
        number = self._count
        self._quiet[number] = paused
        reported: asyncio.Future[None] = loop.create_future()

        def quiet() -> None:
            self._quiet.pop(number, None)
            paused()

        if holds_keys:
            self._holding[number] = reported

        def call(callback: Callable[[], object], last: bool = False) -> None:
            """`callback()` on the UI thread (from the writer thread)."""

            def run() -> None:
                if last:
                    self.in_flight -= 1
                    self._holding.pop(number, None)
                try:
                    if not self.app._exit:  # quitting: nothing left to show it on
                        if last:
                            self._failures.pop(number, None)  # told now
                        callback()
                except Exception as bug:  # handed to the app, as Textual does
                    self.app._handle_exception(bug)
                finally:
                    if last and not reported.done():
                        reported.set_result(None)
                    if last and self.app._exit:
                        quiet()
                    elif last:
                        collector.release_when_drawn(self.app, quiet)

            try:
                loop.call_soon_threadsafe(run, context=context)
            except RuntimeError:  # the app's loop has already closed
                quiet()

        def job() -> None:  # in the writer thread
            try:
                with blog.held() as flush:
                    result = change()
            except ReelError as refused:  # refused (the services check before they change)
                call(partial(failed, refused), last=True)
                return
            except Exception as bug:  # a bug in the change: the app's, like any other
                call(partial(self.app._handle_exception, bug), last=True)
                return
            if made is not None:
                call(lambda: made(result))
            try:
                flush()
            except Exception as error:
                self._failures[number] = Unsaved(error, words)
                call(partial(failed, error), last=True)
                return
            call(lambda: done(result), last=True)

        self._pool.submit(job)

    async def idle(self) -> None:
        """Return once every save asked for so far is on disk and reported."""
        while self.in_flight:
            await asyncio.sleep(0.01)

    @property
    def unreported(self) -> list[Unsaved]:
        """Writes that failed without the user being told (the app was quitting)."""
        return list(self._failures.values())

    def close(self) -> None:
        """Wait for the saves still queued or running (called when the app ends)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        for paused in list(self._quiet.values()):  # (ended by now, unless the app ended first)
            paused()
        self._quiet.clear()


def save_queue(app: App[object]) -> SaveQueue:
    """The app's save queue (made on first use)."""
    queue = getattr(app, "saves", None)
    if not isinstance(queue, SaveQueue):
        queue = SaveQueue(app)
        app.saves = queue  # type: ignore[attr-defined]
    return queue
