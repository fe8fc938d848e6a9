"""A substring index over many short texts: one casefolded UTF-8 buffer scanned in C.

Searching 200,000 comments one Python string at a time costs ~200,000 interpreter steps per
keystroke; here every record's casefolded text sits in one `bytes` buffer (records separated
by NUL) and a search is a handful of C-level scans (glibc `memmem` when available, else
`bytes.find`), one step per *matching* record. UTF-8 is self-synchronising, so a byte match of
an encoded needle is exactly a substring match of the text.

Edits after the buffer was built go to a small overlay (checked one by one) until it grows
large enough to be worth a rebuild.

What is kept is out of the collector's walks: the records' ids in a tuple (a tuple of strings
is untracked by the first collector pass that sees it; a list of them, 50,000 at 50,000
posts, was walked at every full pass), their slots in a dict of strings to ints (never
tracked), the text in bytes.
"""

from __future__ import annotations

import ctypes
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

from reeltui.domain.text import fold as fold_text
from reeltui.domain.text import fold_all

SEP = b"\x00"
REBUILD_AFTER = 2000  # overlay entries before the buffer is rebuilt
DENSE_AFTER = 16  # hits seen before judging whether most records match
FOLD_BATCH = 256  # records folded together while building (see `fold_all`)


def _load_memmem() -> Callable[[int, int, bytes, int], int | None] | None:
    # The process's own symbols (libc is loaded): `ctypes.util.find_library` would run
    # `ldconfig -p` in a subprocess at every start that imports this module.
    try:
        memmem = ctypes.CDLL(None).memmem
    except (OSError, AttributeError, TypeError):  # (no memmem here: the search uses `in`)
        return None
    memmem.restype = ctypes.c_void_p
    memmem.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]
    return memmem


_MEMMEM = _load_memmem()


def fold(text: str) -> bytes:
    """The text as searched (`domain.text.fold`: case, accents, quotes, dashes), in UTF-8."""
    return fold_text(text).encode("utf-8", "replace")


class TextIndex:
    """Records (id -> text) searchable by case-insensitive substring."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._ids: tuple[str, ...] = ()  # slot -> id, of the slots when last built
        self._added: list[str] = []  # slot -> id, of the slots added since (len(_ids) on)
        self._slot: dict[str, int] = {}
        ids: list[str] = []

        def folded() -> Iterator[bytes]:
            batch: list[str] = []
            for record_id, text in items:
                self._slot[record_id] = len(ids)
                ids.append(record_id)
                batch.append(text)
                if len(batch) == FOLD_BATCH:
                    yield from (t.encode("utf-8", "replace") for t in fold_all(batch))
                    batch.clear()
            yield from (t.encode("utf-8", "replace") for t in fold_all(batch))

        self._build(folded())
        self._ids = tuple(ids)

    def _build(self, chunks: Iterable[bytes]) -> None:
        # One growing bytearray (realloc'd in place) rather than a list of chunks joined at
        # the end: no second copy of the archive's text while building.
        buf = bytearray()
        starts = array("q", [0])
        for chunk in chunks:
            buf += chunk
            buf += SEP
            starts.append(len(buf))
        self._buf = buf
        self._starts = starts  # record i is _buf[starts[i] : starts[i + 1] - 1]
        self._overlay: dict[int, bytes] = {}  # slot -> new text (the buffer copy is stale)
        # A view for memmem: it also pins the buffer (a bytearray cannot move while viewed).
        self._view = (ctypes.c_char * max(len(buf), 1)).from_buffer(buf) if buf else None
        self._address = ctypes.addressof(self._view) if self._view is not None else 0

    def __len__(self) -> int:
        return len(self._slot)

    def _id(self, slot: int) -> str:
        ids = self._ids
        return ids[slot] if slot < len(ids) else self._added[slot - len(ids)]

    def _slots(self) -> int:
        return len(self._ids) + len(self._added)

    def newest_first(self, ids: Iterable[str]) -> list[str]:
        """Those of `ids` in the index, latest added first (the order `search` can give)."""
        slot = self._slot
        return sorted((i for i in ids if i in slot), key=slot.__getitem__, reverse=True)

    # -- changes -------------------------------------------------------------------------

    def set(self, record_id: str, text: str) -> None:
        slot = self._slot.get(record_id)
        if slot is None:
            slot = self._slots()
            self._slot[record_id] = slot
            self._added.append(record_id)
        self._overlay[slot] = fold(text)
        if len(self._overlay) > REBUILD_AFTER:
            self._rebuild()

    def remove(self, record_id: str) -> None:
        slot = self._slot.pop(record_id, None)
        if slot is not None:
            self._overlay[slot] = b""

    def _rebuild(self) -> None:
        buf, starts, overlay = self._buf, self._starts, self._overlay
        built = len(starts) - 1
        chunks = (
            overlay[i] if i in overlay or i >= built else bytes(buf[starts[i] : starts[i + 1] - 1])
            for i in range(self._slots())
        )
        self._view = None  # unpin the old buffer
        self._build(chunks)
        self._ids, self._added = (*self._ids, *self._added), []

    # -- search --------------------------------------------------------------------------

    def _find(self, needle: bytes, start: int, end: int) -> int:
        if _MEMMEM is None or not self._address:
            return self._buf.find(needle, start, end)
        found = _MEMMEM(self._address + start, end - start, needle, len(needle))
        return -1 if found is None else found - self._address

    def _scan(self, needle: bytes, lo: int, hi: int) -> Iterator[int]:
        """Slots in [lo, hi) of the built buffer whose text contains `needle`, in order."""
        starts = self._starts
        pos, end = starts[lo], starts[hi]
        hits = 0
        while pos < end:
            found = self._find(needle, pos, end)
            if found < 0:
                return
            slot = bisect_right(starts, found) - 1
            yield slot
            hits += 1
            if hits >= DENSE_AFTER and hits * 4 > slot - lo:
                # Most records match (a one- or two-letter query): checking each record in
                # place is cheaper than a scan, a C call and a bisection per hit.
                find = self._buf.find
                for rest in range(slot + 1, hi):
                    if find(needle, starts[rest], starts[rest + 1] - 1) >= 0:
                        yield rest
                return
            pos = starts[slot + 1]

    def search(self, query: str, limit: int | None = None, newest_first: bool = False) -> list[str]:
        """Ids of the records whose text contains `query` (casefolded), in insertion order
        (or reversed), at most `limit` of them."""
        needle = fold(query)
        if not needle:
            every = [i for s, i in enumerate((*self._ids, *self._added)) if self._slot.get(i) == s]
            return (every[::-1] if newest_first else every)[:limit]
        if SEP in needle:
            return []  # no record text holds a NUL
        built = len(self._starts) - 1
        overlay = self._overlay
        late = [s for s, t in overlay.items() if s >= built and needle in t]
        found: list[int] = []
        if newest_first:
            found.extend(sorted(late, reverse=True))
            chunk = max(64, 2 * (limit or 2048))
            hi = built
            while hi > 0 and (limit is None or len(found) < limit):
                lo = max(0, hi - chunk)
                found.extend(reversed(list(self._filtered(needle, lo, hi))))
                hi = lo
                chunk *= 4
        else:
            for slot in self._filtered(needle, 0, built):
                found.append(slot)
                if limit is not None and len(found) >= limit:
                    break
            found.extend(sorted(late))
        if self._added:
            return [self._id(s) for s in found[:limit]]
        built_ids = self._ids
        return [built_ids[s] for s in found[:limit]]

    def _filtered(self, needle: bytes, lo: int, hi: int) -> Iterator[int]:
        """`_scan`, with edited records judged by their new text."""
        overlay = self._overlay
        if not overlay:
            yield from self._scan(needle, lo, hi)
            return
        hits = set(self._scan(needle, lo, hi))
        for slot, text in overlay.items():
            if lo <= slot < hi:
                if needle in text:
                    hits.add(slot)
                else:
                    hits.discard(slot)
        yield from sorted(hits)

    def search_within(self, query: str, candidates: Iterable[str]) -> list[str]:
        """Those of `candidates` whose text contains `query` (typing one more letter only
        narrows the previous matches)."""
        needle = fold(query)
        if SEP in needle:
            return []
        starts, overlay, built = self._starts, self._overlay, len(self._starts) - 1
        find = self._buf.find  # in place, no copy; cheaper per call than memmem via ctypes
        found = []
        for record_id in candidates:
            slot = self._slot.get(record_id)
            if slot is None:
                continue
            if slot in overlay:
                if needle in overlay[slot]:
                    found.append(record_id)
            elif slot < built and find(needle, starts[slot], starts[slot + 1] - 1) >= 0:
                found.append(record_id)
        return found
