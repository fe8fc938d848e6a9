"""The app as a user meets it, headless through Textual's Pilot, one fresh process per run.

- open: process start until the first frame showing the list's rows is sent to the terminal,
  vs a bare Textual app's start (process start until its first frame). Both pay for
  importing Textual; the collector is paused on both sides from then until the first frame
  (ours over reeltui's imports and the app's making, as `reeltui` itself pauses it there:
  cli/tui.py, then by the app from its Load event; the bare app's from its creation). Before
  2026-12-07 20:30 ours ran the collector over reeltui's imports (~24 passes, ~7 ms).
- filter keystroke: a key put in the app's queue until the first frame showing the list's
  whole answer (summaries and text) is sent to the terminal; vs a bare app's key typed into
  an Input until the first frame showing a line echoing it. Also the time until a frame shows
  the list answering the typed search (the summary matches, at once), and the same keys
  typed right after the first paint, before the search index is ready.
  A frame is what the app hands its driver, turned into the terminal's bytes
  (benchmarks/frames.py); before 2026-12-07 the clock stopped after Pilot's idle waits
  (`press` + `pause`: 20 ms sleeps until the whole process looks idle), which cost a bare app
  ~100 ms a key and an app with a worker still busy far more, whatever its screen showed.
- reply: Ctrl+S in the composer until the post's file on disk holds the reply (a thread
  polls the file: before 2026-12-08 a task of the app's loop looked only once Pilot's press
  had waited for the screen to settle), vs the same at 1,000 posts timed in the same run
  (before: the smallest size of the run, itself when a run had one size); the longest
  the app could not answer a key from Ctrl+S until the reply is on disk and the redraws it
  set going (the list's and the thread's) are done (gaps between 4 ms ticks of its loop);
  baseline: the same for a key that only moves the thread's cursor (the smallest redraw of
  that screen, measured between the replies: the machine's load hits both alike).
  On the same post (20 comments) at every size, and on the newest post (5,000 comments).
  Inside each timed window (both sides) the key is put in the app's queue as Pilot makes it
  and the child waits by looking only (child_tui.settled); before 2026-12-08 it used Pilot's
  `press` and `pause`, which post a callback to each of the screen's widgets and run the
  screen's update themselves, on the app's loop: on the 5,000-comment thread 21-42 ms of
  the loop's CPU each with the app idle, and the collector's passes they set off (up to a
  full pass of 90-130 ms) were counted as the app's freeze (tools/loop_steps.py).
- moderation: a moderation key in the thread until the post's file holds the new status
  (its freeze timed as the reply's).
- autosave: the editor's own autosave (a pane switch) until the working copy and the
  revision are both on disk, on the same post (with its revisions) at every size.
- memory: the peak resident memory (VmHWM) of a process that ran a session: list, filter,
  open a post, two replies, the editor with two autosaves.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Config, Figure, empty_cache, floats, run_child
from benchmarks.generate import BENCH_POST, archive, store_bytes

QUERIES = ("harbor", "lindqvist", "haunting score", "Quiet Rain", "kubrick")


def newest(size: int) -> str:
    return f"p{size - 1:05d}"


def open_figures(cfg: Config, size: int, store: Path) -> list[Figure]:
    ours: list[float] = []
    ready: list[float] = []
    base: list[float] = []
    cold: list[float] = []
    for _ in range(cfg.runs):  # interleaved: a burst of machine load hits both alike
        base.append(float(run_child(cfg, "benchmarks.child_tui", "bare")["seconds"]))  # type: ignore[arg-type]
        empty_cache(cfg)  # a first start: no styles kept from an earlier one
        cold.append(float(run_child(cfg, "benchmarks.child_tui", "open", str(store))["seconds"]))  # type: ignore[arg-type]
        got = run_child(cfg, "benchmarks.child_tui", "open", str(store))
        ours.append(float(got["seconds"]))  # type: ignore[arg-type]
        ready.append(float(got["ready"]))  # type: ignore[arg-type]
    what = (
        "process start -> the first frame showing the list's rows sent to the terminal; "
        "baseline: process start -> a bare Textual app's first frame (the collector paused on "
        "both sides from Textual's import on, ours as `reeltui` pauses it)"
    )
    first = Figure("open to first paint", size, what, ours, base, goal=1.5, on="p50")
    fresh = Figure(
        "open to first paint, the first start (cache folder empty)",
        size,
        "as above, the user's cache folder emptied before each start (no parsed styles kept: a "
        "first start after an install); the figure above is every later start",
        cold,
        base,
    )
    whole = Figure(
        "open until the whole index is read and the search ready",
        size,
        "process start -> every index file read, the search index checked fresh; baseline: a "
        "bare app painted",
        ready,
        base,
    )
    return [first, fresh, whole]


def key_figures(cfg: Config, size: int, store: Path) -> list[Figure]:
    queries = list(QUERIES) * cfg.keys
    got = run_child(cfg, "benchmarks.child_tui", "keys", str(store), *queries)
    early = run_child(cfg, "benchmarks.child_tui", "keys-early", str(store), *QUERIES[:1])
    bare = floats(run_child(cfg, "benchmarks.child_tui", "bare-keys", *queries)["complete"])
    complete = floats(got["complete"])
    shown = floats(got["shown"])
    n = len(complete)
    what = (
        "a key put in the filter box's queue -> the first frame showing the whole answer "
        "(summaries and text search) sent to the terminal; baseline: a key in a bare app's "
        "Input -> the first frame showing a line echoing it"
    )
    fig = Figure(
        "filter keystroke, whole answer", size, what, complete, bare, goal=3.0, limit=0.050
    )
    fig.notes.append(f"{n} keystrokes typing {', '.join(repr(q) for q in QUERIES)}")
    firsts = _first_keys(queries)
    first = Figure(
        "filter keystroke, first key once the index is ready",
        size,
        "the first key of each query typed (see above), on both sides: after the box was "
        "opened (ours: `/`) or emptied (the bare app's), once the screen is idle",
        [complete[i] for i in firsts],
        [bare[i] for i in firsts],
        goal=3.0,
        limit=0.050,
        on="p50",
    )
    first.notes.append(f"{len(firsts)} first keys on each side, one per query")
    at_once = Figure(
        "filter keystroke, summary matches shown",
        size,
        "a key -> the list shows the posts whose title, author, category or tag match",
        shown,
        bare,
    )
    before = Figure(
        "filter keystroke right after first paint (search not ready yet)",
        size,
        "keys typed as soon as the first rows are painted: summary matches shown / whole answer",
        floats(early["shown"]),
        floats(early["complete"]),
    )
    before.notes.append("baseline column: the whole answer of the same keys")
    return [fig, first, at_once, before]


def _first_keys(queries: list[str]) -> list[int]:
    """The positions of each query's first key among all the keys typed."""
    starts, at = [], 0
    for query in queries:
        starts.append(at)
        at += len(query)
    return starts


def reply_figures(cfg: Config, size: int, store: Path) -> list[Figure]:
    out = []
    for post, label in (
        (BENCH_POST, "a post of 20 comments"),
        (newest(size), "the 5,000-comment post"),
    ):
        reference: list[float] = []
        if post == BENCH_POST and size != cfg.reference:  # its baseline, in this same run
            small = archive(cfg.reference, cfg.work)
            reference = floats(
                run_child(cfg, "benchmarks.child_tui", "reply", str(small), post, str(cfg.replies))[
                    "disk"
                ]
            )
        got = run_child(cfg, "benchmarks.child_tui", "reply", str(store), post, str(cfg.replies))
        disk, freeze, cursor = floats(got["disk"]), floats(got["freeze"]), floats(got["cursor"])
        out.append(
            Figure(
                f"reply on {label}: longest UI freeze",
                size,
                "longest gap between 4 ms ticks of the app's event loop from Ctrl+S until the "
                "reply is on disk and the redraws it set going are done; baseline: the same "
                "gap for a key moving the thread's cursor (the smallest redraw of that screen)",
                freeze,
                cursor,
                goal=None,
                limit=0.050,
                on="max",
            )
        )
        out[-1].notes.append(f"Ctrl+S -> on disk: {out[-1].triple(disk)} (p50/p90/max)")
        if post == BENCH_POST:
            fig = Figure(
                f"reply: Ctrl+S to on disk, vs {cfg.reference:,} posts",
                size,
                f"Ctrl+S in the composer -> the post's file on disk holds the reply (seen by a "
                f"thread polling the file every ms); baseline: the same at {cfg.reference:,} "
                f"posts, timed in the same run just before",
                disk,
                reference or disk,
                goal=2.0 if reference else None,
                on="p50",
            )
            if not reference:
                fig.notes.append("the baseline's own size: no ratio to judge")
            out.append(fig)
    got = run_child(
        cfg, "benchmarks.child_tui", "moderate", str(store), BENCH_POST, str(cfg.replies)
    )
    mod = Figure(
        "moderation: longest UI freeze",
        size,
        "longest gap between 4 ms ticks from the moderation key until the status is on disk "
        "and the redraws it set going are done; baseline: a key moving the thread's cursor",
        floats(got["freeze"]),
        floats(got["cursor"]),
        limit=0.050,
        on="max",
    )
    mod.notes.append(f"key -> on disk: {mod.triple(floats(got['disk']))}")
    return [*out, mod]


def autosave_figure(cfg: Config, size: int, store: Path, small: Path) -> Figure:
    ours = floats(
        run_child(
            cfg, "benchmarks.child_tui", "autosave", str(store), BENCH_POST, str(cfg.autosaves)
        )["autosave"]
    )
    base = floats(
        run_child(
            cfg, "benchmarks.child_tui", "autosave", str(small), BENCH_POST, str(cfg.autosaves)
        )["autosave"]
    )
    return Figure(
        "editor autosave (with revisions), vs an archive of 10 posts",
        size,
        f"a pane switch in the editor -> the working copy and the revision on disk (seen by a "
        f"thread polling the files every ms); baseline: the same at {cfg.small} posts",
        ours,
        base,
        goal=2.0,
        on="p50",
    )


def memory_figure(cfg: Config, size: int, store: Path) -> Figure:
    got = run_child(cfg, "benchmarks.child_tui", "session", str(store), BENCH_POST)
    fig = Figure(
        "peak RSS of the TUI after a session, vs the store's size",
        size,
        "VmHWM of a process that listed, filtered, opened, replied twice and autosaved twice; "
        "baseline: the store's JSON files",
        [float(got["peak"])],  # type: ignore[arg-type]
        [float(store_bytes(store))],
        goal=1.0,
        on="p50",
        unit="B",
    )
    return fig


def run(cfg: Config, size: int) -> list[Figure]:
    store = archive(size, cfg.work)
    small = archive(cfg.small, cfg.work)
    return [
        *open_figures(cfg, size, store),
        *key_figures(cfg, size, store),
        *reply_figures(cfg, size, store),
        autosave_figure(cfg, size, store, small),
        memory_figure(cfg, size, store),
    ]
