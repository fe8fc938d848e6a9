"""Which posts-index files passed the gate whole, remembered by the file's identity.

Every row of the posts index is checked by the gate each time its file is read (at 50,000
posts ~0.2 s of `posts --json`). A file nobody changed since it passed needs no second check:
the memo holds, per index file that passed whole (no row refused), its identity when it was
read (device, inode, size, modification and change times, taken once its bytes were read).
Any write to a file sets its change time, which no program can set back (`touch` and
`utime` set it too), and a file put in its place (restored, copied, renamed over it) has its
own: a file whose identity differs from the memo's, or that the memo does not name, goes
through the gate row by row, as before; a refused row is refused with its reason, and its
file is not remembered. Nor is a file changed in the last seconds (`SETTLED_NS`). The memo
is keyed by the gate itself (the version, the domain's and the layout's sources): other
rules check every file again.

With each file the memo says whether its rows are in the shape the store writes them
(`PostSummary.to_row`: its fields in order, the film's too), found when the file is gated:
`posts --json` prints rows in that shape from their own dicts, without making an object per
row (`cli/posts_json.py`), and makes the others' objects field by field.

A reader may keep with a file what it found in its rows (`keep`, `facts`: `stored_rows`
keeps their authors and their order for the date), given back only while the file is read
as the memo remembers it, dropped when it is gated again.

The memo lives in the user's cache folder, never in the store (a reader writes nothing
there), written crash-safely (`replace_file`); one that cannot be read or written is as if
empty: every file is checked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from reeltui import __version__
from reeltui.domain.listing import ROW_FIELDS
from reeltui.domain.models import Film
from reeltui.store import datafile
from reeltui.store.datafile import DataFile
from reeltui.store.layout import POSTS_INDEX, tables_in
from reeltui.store.storage import parse_json, read_regular_as_of, replace_file

# A file changed less than this long before it was read is not remembered: a change made
# right after, in place, to the same size, could fall within the same tick of a coarse clock
# and leave every time as it was (as git treats an index entry as racily clean).
SETTLED_NS = 3_000_000_000
FILM_KEYS = tuple(f.name for f in dataclasses.fields(Film))


def digest(parts: Iterable[bytes]) -> str:
    """A 64-bit digest of `parts` (CRC-32 and Adler-32 of their bytes, and their length):
    it tells files and folders apart, no one forging one (zlib: hashlib loads OpenSSL,
    ~4 ms of every `posts --json`)."""
    crc, adler, size = 0, 1, 0
    for part in parts:
        crc, adler, size = zlib.crc32(part, crc), zlib.adler32(part, adler), size + len(part)
    return f"{crc:08x}{adler:08x}{size:x}"


def gate_key() -> str:
    """A digest of what decides the gate: the domain's and the layout's sources."""
    import reeltui.domain
    import reeltui.store.layout

    sources = sorted(Path(reeltui.domain.__file__).parent.glob("*.py"))
    texts = [f"{__version__} shaped".encode()]
    for source in [*sources, Path(reeltui.store.layout.__file__)]:
        with contextlib.suppress(OSError):
            text = source.read_bytes()
            texts += [b"%s %d\n" % (source.name.encode(), len(text)), text]
    return digest(texts)


def identity(info: os.stat_result) -> str:
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


class GateMemo:
    """The memo of the posts-index files of the store at `root`, kept in folder `cache`."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.root = root
        self.where = str(root.resolve())  # the store the memo is of
        named = digest([os.fsencode(self.where)])
        self.path = path = cache / "passed" / f"{named}.json"
        self.key = gate_key()
        self.passed: dict[str, str] = {}  # index file -> its identity when it passed
        self.kept_shaped: set[str] = set()  # those of them whose rows are in the stored shape
        self.shaped: set[str] = set()  # files read in this run, their rows in that shape
        self.kept_facts: dict[str, dict[str, Any]] = {}  # what a reader found in a passed file
        self.sure: set[str] = set()  # files read in this run as the memo has them now
        self.changed = False
        failed = (OSError, orjson.JSONDecodeError, TypeError, AttributeError, KeyError)
        with contextlib.suppress(*failed):
            doc = orjson.loads(path.read_bytes())
            if doc.get("store") == self.where and doc.get("gate") == self.key:
                self.kept_shaped = set(map(str, doc["shaped"]))
                self.passed = {str(k): str(v) for k, v in doc["files"].items()}
                facts = doc.get("facts", {})
                self.kept_facts = {
                    str(k): v for k, v in facts.items() if k in self.passed and _facts_read(v)
                }

    def read(self, rel: str) -> DataFile:
        """Index file `rel`, read; gated row by row unless it passed whole as it is now."""
        if not rel.startswith(f"{POSTS_INDEX.path}/"):
            raise ValueError(f"{rel} is not a posts-index file")
        path = self.root / rel
        if not path.exists() and not path.is_symlink():
            return DataFile(rel)
        raw, info = read_regular_as_of(path)
        found = DataFile(
            rel, datafile.as_tables(self.root, rel, parse_json(path, raw)), exists=True
        )
        now = identity(info)
        if self.passed.get(rel) == now:
            if rel in self.kept_shaped:
                self.shaped.add(rel)
            self.sure.add(rel)
            return found
        self.changed |= self.kept_facts.pop(rel, None) is not None
        datafile.check(found, tables_in(rel))
        shaped = in_shape(found.data.get(POSTS_INDEX.name, {}).values())
        if shaped:
            self.shaped.add(rel)
        if found.refused:
            self.changed |= self.passed.pop(rel, None) is not None
        elif time.time_ns() - info.st_ctime_ns > SETTLED_NS:
            self.passed[rel] = now
            self.sure.add(rel)
            self.changed = True
            if shaped != (rel in self.kept_shaped):
                self.kept_shaped ^= {rel}
        return found

    def facts(self, rel: str) -> dict[str, Any] | None:
        """What a reader found in index file `rel` when it was read as it is now (`keep`),
        None when the file was not read through the memo in this run, or changed since."""
        return self.kept_facts.get(rel) if rel in self.sure else None

    def keep(self, rel: str, facts: dict[str, Any]) -> None:
        """Remember what a reader found in the rows of index file `rel`, read in this run
        (kept while the file stays as it is now; only for a file the memo remembers)."""
        if rel in self.sure and self.kept_facts.get(rel) != facts:
            self.kept_facts[rel] = facts
            self.changed = True

    def save(self, kept: list[str]) -> None:
        """Write the memo if it changed, naming only the index files in `kept` (those that
        still exist). Never fails: a memo not written only costs a check next time."""
        passed = {rel: self.passed[rel] for rel in kept if rel in self.passed}
        if not self.changed and passed == self.passed:
            return
        shaped = sorted(self.kept_shaped.intersection(passed))
        facts = {rel: self.kept_facts[rel] for rel in passed if rel in self.kept_facts}
        doc = {"store": self.where, "gate": self.key, "files": passed, "shaped": shaped}
        doc["facts"] = facts
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(self.path, orjson.dumps(doc))


def in_shape(rows: Iterable[object]) -> bool:
    """Are these stored rows each a dict of the list's fields in order (`ROW_FIELDS`, as
    `PostSummary.to_row` writes them), its film a dict of Film's fields in order?"""
    rows = list(rows)
    dicts = [row for row in rows if isinstance(row, dict)]
    films = [row.get("film") for row in dicts]
    return (
        len(dicts) == len(rows)
        and all(map(ROW_FIELDS.__eq__, map(tuple, dicts)))
        and all(isinstance(film, dict) and tuple(film) == FILM_KEYS for film in films)
    )


def _facts_read(facts: object) -> bool:
    """Are these a reader's facts as `keep` was given them (authors: texts; the order: a
    list, "reversed" or None)? A memo edited otherwise is not taken."""
    if not isinstance(facts, dict) or not isinstance(facts.get("authors"), list):
        return False
    order = facts.get("order")
    return all(isinstance(a, str) for a in facts["authors"]) and (
        order is None or order == "reversed" or isinstance(order, list)
    )
