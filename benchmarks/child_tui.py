"""Child process of the TUI benchmarks: the real app, headless, driven by Textual's Pilot.

    python -m benchmarks.child_tui open STORE          process start -> first rows painted
    python -m benchmarks.child_tui bare                process start -> a bare app painted
    python -m benchmarks.child_tui keys STORE Q...     each keystroke typed in the filter box
    python -m benchmarks.child_tui bare-keys Q...      each keystroke in a bare app's Input
    python -m benchmarks.child_tui reply STORE POST N  Ctrl+S of a reply -> on disk; freezes
    python -m benchmarks.child_tui moderate STORE POST N  a moderation key -> on disk; freezes
    python -m benchmarks.child_tui autosave STORE POST N  the editor's autosave -> on disk
    python -m benchmarks.child_tui session STORE POST  list, filter, open, reply, editor; RSS

Prints one JSON object. Clocks start before the heavy imports (Textual, reeltui), so both
an app and its baseline pay for them.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, cast  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, Static  # noqa: E402

from benchmarks.frames import FrameWatch, send_key  # noqa: E402

SIZE = (120, 40)
TICK = 0.004  # seconds between the freeze probe's ticks
TIMEOUT = 300.0


class Bare(App[None]):
    """The baseline: a bare Textual app, an input box and a line that echoes it."""

    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield Static("", id="echo")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(event.value)


class Probe:
    """Ticks every TICK seconds on the app's event loop; the longest gap between two ticks
    is the longest the app could not answer a key."""

    def __init__(self, app: App[Any]) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = app.set_interval(TICK, self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.tick()
        self.longest = 0.0


QUIET = 0.1  # seconds the app must have had nothing to do for its redraws to be done
IDLE_CPU = 0.2  # at most this share of a CPU used by the process meanwhile (the probe's ticks)


def _busy(app: Any) -> bool:
    """Has the app work queued or under way (read only: nothing is posted to it)?"""
    screen = app.screen
    return (
        not app._message_queue.empty()
        or not screen._message_queue.empty()
        or any(not w.is_finished for w in app.workers)
        or screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or bool(screen._dirty_widgets)
        or bool(screen._callbacks)
        or getattr(screen, "_paint_due", None) is not None
    )


def frame_times(app: App[Any]) -> list[float]:
    """When the app hands its driver each frame from now on (nothing more is done with the
    frame: the headless driver writes nothing, as in the windows timed before)."""
    times: list[float] = []
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None and not app._batch_count:
            times.append(time.perf_counter())

    app._display = display  # type: ignore[method-assign]
    return times


async def settled(app: Any, frames: list[float], done: Callable[[], bool] = lambda: True) -> None:
    """Until `done()` and the app has finished what it set going: for QUIET seconds no frame
    sent, no worker running, nothing queued for the app or its screen or any of the screen's
    widgets, nothing left to lay out or paint, and the process's CPU under IDLE_CPU (a
    background thread the app started would hold the interpreter).

    The driver only looks, from a task of its own that sleeps 2 ms between looks: Pilot's
    `press` and `pause` post a callback to every widget of the screen and wait for each
    to run it (`Pilot._wait_for_screen`), which on the 5,000-comment thread (199 widgets)
    holds the event loop 29-42 ms of CPU each time with the app otherwise idle
    (tools/loop_steps.py): the freeze probe counted the driver's own work as the app's."""
    quiet_since = time.perf_counter()
    cpu_since = time.process_time()
    deadline = quiet_since + TIMEOUT
    while True:
        await asyncio.sleep(0.002)
        now = time.perf_counter()
        if now > deadline:
            raise SystemExit("timed out waiting for the app")
        framed = frames[-1] if frames else 0.0
        if not done() or _busy(app) or framed > quiet_since:
            quiet_since, cpu_since = now, time.process_time()
            continue
        if now - quiet_since < QUIET:
            continue
        idle = time.process_time() - cpu_since < IDLE_CPU * (now - quiet_since)
        pumps = app.screen.walk_children(with_self=False)
        if idle and all(w._message_queue.empty() for w in pumps):
            return
        quiet_since, cpu_since = now, time.process_time()


async def until(pilot: Pilot[Any], test: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = time.perf_counter() + timeout
    while not test():
        if time.perf_counter() > deadline:
            raise SystemExit("timed out waiting for the app")
        await asyncio.sleep(0.001)


def _app(store: Path) -> Any:
    """The app made as `reeltui` makes it (cli/tui.py `run_tui`): the collector paused over
    reeltui's imports and the app's making; the app then pauses it from its Load event until
    its first frame. (The bare app's is paused from the same moment: after Textual's import.)"""
    import gc

    gc.disable()
    try:
        from reeltui.config import Settings
        from reeltui.services.session import open_blog
        from reeltui.ui.app import make_app

        return make_app(open_blog(store), settings=Settings())
    finally:
        gc.enable()


def _main(app: Any) -> Any:
    from reeltui.ui.screens.main import MainScreen

    screen = app.screen
    return screen if isinstance(screen, MainScreen) else None


def _answering(main: Any) -> bool:
    """The list is still finding the rows of its search (a load running, or titles only so
    far while the text index is made)."""
    loads = [w for w in main.app.workers if w.group == "rows" and not w.is_finished]
    return bool(loads) or main.listing.partial


def _ready(app: Any) -> bool:
    """The index read whole and the search index fresh (the app's workers are done)."""
    main = _main(app)
    return main is not None and not main.loading and not any(w.is_running for w in app.workers)


async def frame(
    pilot: Pilot[Any], watch: FrameWatch, shows: Callable[[Any], bool], since: float
) -> float:
    """Seconds from `since` to the first frame sent after it that `shows` the change."""
    await until(pilot, lambda: watch.first(shows, since) is not None)
    return cast(float, watch.first(shows, since)) - since


def _list_look(app: Any) -> Callable[[], Any]:
    """What a frame of the main screen shows of the list: the rows' list (kept, so a frame can
    be matched to the rows of the answer) and the search they answer."""

    def look() -> Any:
        main = _main(app)
        found = main.query("PostList") if main is not None else []
        return (found[0].items, main.search) if found else (None, None)

    return look


async def open_store(store: Path) -> dict[str, Any]:
    app = _app(store)
    watch = FrameWatch(app, _list_look(app))
    async with app.run_test(size=SIZE) as pilot:
        first = await frame(pilot, watch, lambda seen: bool(seen[0]), STARTED)
        await until(pilot, lambda: _ready(app))
        ready = time.perf_counter() - STARTED
        shown = len(app.screen.query_one("PostList").items)
    app.blog.close()
    return {"seconds": first, "ready": ready, "rows": shown}


async def bare() -> dict[str, Any]:
    import gc

    gc.disable()  # symmetric: the app's is paused from here (after Textual's import, `_app`)
    app = Bare()
    watch = FrameWatch(app, lambda: True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(watch.log))
        gc.enable()
        return {"seconds": watch.log[0][0] - STARTED}


async def keys(store: Path, queries: list[str], early: bool) -> dict[str, Any]:
    """Per keystroke: the time until a frame shows the list answering the typed search (its
    summary matches, at once) and until a frame shows the rows of its whole answer (the text
    search's too)."""
    app = _app(store)
    watch = FrameWatch(app, _list_look(app))
    shown: list[float] = []
    complete: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _main(app) is not None)
        await until(pilot, lambda: bool(app.screen.query_one("PostList").items))
        if not early:
            await until(pilot, lambda: _ready(app))
        main = _main(app)
        for query in queries:
            await pilot.press("slash")
            for n in range(1, len(query) + 1):
                typed = query[:n]
                char = typed[-1]
                started = time.perf_counter()
                send_key(app, "space" if char == " " else char)
                wanted = typed.strip()
                shown.append(await frame(pilot, watch, lambda s, w=wanted: s[1] == w, started))  # type: ignore[misc]
                done = lambda t=wanted: main.search == t and not _answering(main)  # type: ignore[misc]  # noqa: E731
                await until(pilot, done)
                rows = main.query_one("PostList").items
                complete.append(await frame(pilot, watch, lambda s, r=rows: s[0] is r, started))  # type: ignore[misc]
                watch.log.clear()
            await pilot.press("escape")
            await until(pilot, lambda: not main.search and not _answering(main))
            await pilot.pause()
    app.blog.close()
    return {"shown": shown, "complete": complete}


async def bare_keys(queries: list[str]) -> dict[str, Any]:
    app = Bare()
    watch = FrameWatch(app, lambda: str(app.query_one("#echo", Static).render()))
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.query_one("#box", Input)
        for query in queries:
            box.value = ""
            await pilot.pause()
            for n in range(1, len(query) + 1):
                typed = query[:n]
                char = typed[-1]
                started = time.perf_counter()
                send_key(app, "space" if char == " " else char)
                times.append(await frame(pilot, watch, lambda s, t=typed: s == t, started))  # type: ignore[misc]
                watch.log.clear()
    return {"complete": times}


def _post_file(store: Path, post_id: str) -> Path:
    from reeltui.store.layout import POST, per_post_file

    return store / per_post_file(POST, post_id)


class DiskWatch(threading.Thread):
    """The moment `paths` on disk have all been replaced (or changed) since the watch was made
    and all hold `marker`, seen by a thread of its own polling every millisecond (a file is
    read only when its inode, size or time changed: the store replaces, never writes in place).

    Not a task on the app's loop: that task ran only once Pilot's `press` returned, which
    waits until the screen has handled everything the key set going, so before 2026-12-08
    the "on disk" figures were in truth "on disk and the screen settled" (the reply's file
    was replaced 20-120 ms after Ctrl+S, and seen 180-2,050 ms after it)."""

    def __init__(self, paths: list[Path], marker: bytes) -> None:
        super().__init__(daemon=True)
        self.paths, self.marker = paths, marker
        self.at: float | None = None
        self._seen: dict[Path, tuple[int, int, int]] = {}
        self._held = {path: False for path in paths}
        self._quit = threading.Event()
        for path in paths:  # as they are before the key: not looked into
            self._seen[path] = self._signature(path)

    @staticmethod
    def _signature(path: Path) -> tuple[int, int, int]:
        try:
            info = os.stat(path)
        except OSError:
            return (0, 0, 0)
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def _look(self, path: Path) -> None:
        signature = self._signature(path)
        if self._seen[path] != signature:
            self._seen[path] = signature  # another change (a read mark...): the next is looked at
            self._held[path] = _holds(path, self.marker)

    def run(self) -> None:
        while not self._quit.is_set():
            for path in self.paths:
                self._look(path)
            if all(self._held.values()):
                self.at = time.perf_counter()
                return
            time.sleep(0.001)

    async def wait(self, started: float, timeout: float = 60) -> float:
        """Seconds from `started` until the files held the marker."""
        deadline = time.perf_counter() + timeout
        while self.at is None:
            if time.perf_counter() > deadline:
                self._quit.set()
                raise SystemExit("timed out waiting for the files on disk")
            await asyncio.sleep(0.005)
        return self.at - started


async def _open_post(app: Any, pilot: Pilot[Any], post_id: str, pane: str = "thread") -> Any:
    main = _main(app)
    await main.open_post(post_id)
    main.action_pane(pane)
    await pilot.pause()
    return main


async def reply(store: Path, post_id: str, count: int, moderate: bool) -> dict[str, Any]:
    """Ctrl+S of a reply (or a moderation key) until its post's file on disk has it, and the
    longest the app could not answer a key from the key until the redraws it set going are
    done (the list's and the thread's workers, then a repaint). Inside each timed window
    the key is put in the app's queue as Pilot does and the driver waits by looking
    (`settled`), never by Pilot's waits, on both sides (the reply and the cursor key)."""
    from reeltui.ui.screens.composer import ComposerScreen
    from reeltui.ui.widgets.thread import Thread

    app = _app(store)
    frames = frame_times(app)
    took: list[float] = []
    froze: list[float] = []
    moved: list[float] = []
    path = _post_file(store, post_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _ready(app))
        await _open_post(app, pilot, post_id)
        thread = app.screen.query_one(Thread)
        probe = Probe(app)
        comments = [c.id for c, _ in app.blog.thread(post_id) if c.origin == "imported"]
        for i in range(count):
            target = comments[(i * 37) % len(comments)]
            thread.select(comments[(i * 37 + 1) % len(comments)])
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            probe.reset()  # the baseline: the smallest redraw of the same screen, a cursor
            send_key(app, "k")  # moved in the thread, until it is painted
            await settled(app, frames)
            moved.append(probe.longest)
            thread.select(target)
            await pilot.pause()
            if moderate:
                comment = app.blog.comment(target)
                key, status = (
                    ("a", b'"approved"') if comment.status != "approved" else ("s", b'"spam"')
                )
                watch = DiskWatch([path], status)
                probe.reset()
                started = time.perf_counter()
                watch.start()
                send_key(app, key)
            else:
                await pilot.press("r")
                await until(pilot, lambda: isinstance(app.screen, ComposerScreen))
                text = f"Benchmark reply {i} {time.time_ns()}"
                app.screen.query_one("TextArea").insert(text)
                await pilot.pause()
                watch = DiskWatch([path], text.encode())
                probe.reset()
                started = time.perf_counter()
                watch.start()
                send_key(app, "ctrl+s")
            took.append(await watch.wait(started))
            await settled(app, frames, lambda: not isinstance(app.screen, ComposerScreen))
            froze.append(probe.longest)  # (the redraws the save set going, too)
        probe.timer.stop()
    app.blog.close()
    _tidy(store, post_id)
    return {"disk": took, "freeze": froze, "cursor": moved}


def _tidy(store: Path, post_id: str) -> None:
    """Leave the cached archive as it was found (not timed): no working copy of the post,
    none of the replies a run sent."""
    from reeltui.services import replies
    from reeltui.services.session import open_blog
    from reeltui.store import state

    with open_blog(store) as blog:
        state.delete_draft(blog.store, post_id)
        for comment in blog.comments(post_id):
            if comment.origin == "local" and comment.body.startswith("Benchmark reply"):
                replies.delete(blog, comment.id)


async def autosave(store: Path, post_id: str, count: int) -> dict[str, Any]:
    """The editor's own autosave (a pane switch saves the working copy and a revision) until
    both are on disk."""
    _tidy(store, post_id)
    from reeltui.store.layout import REVISIONS, per_post_file
    from reeltui.ui.screens.editor import EditorScreen

    app = _app(store)
    took: list[float] = []
    drafts = store / "drafts.json"
    revisions = store / per_post_file(REVISIONS, post_id)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _ready(app))
        await _open_post(app, pilot, post_id, "reader")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        await pilot.press("f3")
        for i in range(count):
            text = f"Autosaved words {i} {time.time_ns()}. "
            editor.body.insert(text)
            await pilot.pause()
            watch = DiskWatch([drafts, revisions], text.encode())
            started = time.perf_counter()
            watch.start()
            await pilot.press("f2" if i % 2 == 0 else "f3")  # a pane switch autosaves
            took.append(await watch.wait(started))
            await app.workers.wait_for_complete()
    app.blog.close()
    _tidy(store, post_id)
    return {"autosave": took}


def _holds(path: Path, marker: bytes) -> bool:
    try:
        return marker in path.read_bytes()
    except OSError:
        return False


async def session(store: Path, post_id: str) -> dict[str, Any]:
    """A user's session: the list, a filter, a post opened, a reply sent, the editor."""
    from benchmarks.child_memory import peak_rss

    await keys(store, ["harbor"], early=False)
    await reply(store, post_id, 2, moderate=False)
    await autosave(store, post_id, 2)
    return {"peak": peak_rss()}


def main(argv: list[str]) -> dict[str, Any]:
    mode, *rest = argv
    if mode == "open":
        return asyncio.run(open_store(Path(rest[0])))
    if mode == "bare":
        return asyncio.run(bare())
    if mode in ("keys", "keys-early"):
        return asyncio.run(keys(Path(rest[0]), rest[1:], early=mode == "keys-early"))
    if mode == "bare-keys":
        return asyncio.run(bare_keys(rest))
    if mode in ("reply", "moderate"):
        return asyncio.run(reply(Path(rest[0]), rest[1], int(rest[2]), mode == "moderate"))
    if mode == "autosave":
        return asyncio.run(autosave(Path(rest[0]), rest[1], int(rest[2])))
    if mode == "session":
        return asyncio.run(session(Path(rest[0]), rest[1]))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
