"""Keeping the search index's FTS5 text table merged, in the background, a step at a time.

FTS5 writes each transaction's text as a new b-tree ("segment") and merges them now and
then. The index of a large archive, made 200 posts a transaction, holds 20-30 segments, and
every match walks each one (at 50,000 posts, 27 segments: the benchmark's matches cost 5-10%
more CPU than in one merged segment, min of 5 runs; FTS5's 'optimize' merges at once, 18 s
with the connection held throughout). Here the same is done in steps of `PAGES` pages
(FTS5's 'merge' command: 2,745 steps at 50,000 posts), each its own transaction, started
only while nobody waits for the connection and no search was asked for QUIET seconds, and
stopped by anyone who comes (store/searchdb.py `yielding`): a search waits for a step at
most until its next check or the end of its commit (at 50,000 posts on a loaded machine,
searches every 50 ms and no QUIET: 4 ms median, 15 ms p90, 35 ms at most). A kill -9 loses
at most the step running (SQLite rolls it back at the next open), and what the index
answers is the same before, during and after (the segments hold the same rows).

`usermerge` 2 (kept in the index's FTS5 config) makes a step merge any level holding two
segments or more: when no step finds work, no level holds two (the merged text and, beside
it, a few small segments of the posts saved since). FTS5's own merging while posts are saved
(`automerge` 4, `crisismerge` 16: its defaults) is left as it is: with 2 it began merging the
whole merged text again with a small neighbour, a post's save paying for it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator

from reeltui.store.searchdb import SharedIndex

PAGES = 16  # pages a step writes at least (FTS5 ends a step at a term's end)
USERMERGE = 2  # segments on one level that a step merges
QUIET = 0.5  # seconds since the last search before the steps go on
PAUSE = 0.01  # seconds between two looks at whether they may
_MERGE = "INSERT INTO body(body, rank) VALUES('merge', ?)"
_STRUCTURE = 10  # the row of body_data holding the segments' structure (FTS5's own)


def segments(db: sqlite3.Connection) -> list[list[int]]:
    """Per level of the FTS5 index, the size (leaf pages) of each segment: FTS5's structure
    record (a 4-byte cookie, then varints: levels, segments, writes; per level the segments
    being merged, the segments; per segment its id, first and last leaf page)."""
    row = db.execute("SELECT block FROM body_data WHERE id=?", (_STRUCTURE,)).fetchone()
    if row is None:
        return []
    blob: bytes = row[0]
    two = blob[4:8] == b"\xff\x00\x00\x01"  # (SQLite 3.44+'s version 2 record)
    values = _varints(blob, 8 if two else 4)
    levels, _, _ = next(values), next(values), next(values)
    found = []
    for _ in range(levels):
        next(values)  # (the segments being merged)
        sizes = []
        for _ in range(next(values)):
            _, first, last = next(values), next(values), next(values)
            sizes.append(last - first + 1 if last else 0)
            for _ in range(5 if two else 0):  # (origins, tombstone pages and entries, entries)
                next(values)
        found.append(sizes)
    return found


def _varints(blob: bytes, at: int) -> Iterator[int]:
    """SQLite's varints from `at` on (big-endian, 7 bits a byte, the ninth byte whole)."""
    while at < len(blob):
        value = 0
        for k in range(9):
            byte = blob[at]
            at += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        yield value


def merged(db: sqlite3.Connection) -> bool:
    """No level holds two segments (nothing for a step to do: asked once, without waiting
    for a quiet moment); False too when the structure cannot be read here."""
    try:
        return all(len(level) < USERMERGE for level in segments(db))
    except (IndexError, StopIteration, TypeError):
        return False


def settle(db: sqlite3.Connection) -> None:
    """The FTS5 config the steps need (written once: the index keeps it)."""
    row = db.execute("SELECT v FROM body_config WHERE k='usermerge'").fetchone()
    if row is None or row[0] != USERMERGE:
        db.execute("INSERT INTO body(body, rank) VALUES('usermerge', ?)", (USERMERGE,))


def step(db: sqlite3.Connection, pages: int = PAGES) -> bool:
    """One step of merging (in the caller's transaction); False: nothing was left to merge
    (FTS5's own test: a merge that did work changed two rows or more)."""
    settle(db)
    before = db.total_changes
    db.execute(_MERGE, (pages,))
    return db.total_changes - before >= 2


def keep_merged(
    index: SharedIndex,
    stop: Callable[[], bool],
    pages: int = PAGES,
    quiet: float = QUIET,
) -> bool:
    """Merge `index` step by step until no level holds two segments (True), or `stop()` says
    so, the index is closed or broken (False). A step waits until nobody waits for the
    connection and no search was asked for `quiet` seconds (a user typing is left alone)."""
    if not index.writable:
        return False
    if index.read(merged, False):
        return True
    while not (stop() or index.closed or index.broken):
        if index.waiting or index.idle() < quiet:
            time.sleep(PAUSE)
            continue
        more = index.yielding(lambda db: step(db, pages))
        if more is False:
            return True
    return False
