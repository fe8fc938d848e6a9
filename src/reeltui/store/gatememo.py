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

The memo lives in the user's cache folder, never in the store (a reader writes nothing
there), written crash-safely (`replace_file`); one that cannot be read or written is as if
empty: every file is checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path

import orjson

from reeltui import __version__
from reeltui.store import datafile
from reeltui.store.datafile import DataFile
from reeltui.store.layout import POSTS_INDEX, tables_in
from reeltui.store.storage import parse_json, read_regular_as_of, replace_file

# A file changed less than this long before it was read is not remembered: a change made
# right after, in place, to the same size, could fall within the same tick of a coarse clock
# and leave every time as it was (as git treats an index entry as racily clean).
SETTLED_NS = 3_000_000_000


def _gate_key() -> str:
    """A digest of what decides the gate: the domain's and the layout's sources."""
    import reeltui.domain
    import reeltui.store.layout

    digest = hashlib.sha256(__version__.encode())
    sources = sorted(Path(reeltui.domain.__file__).parent.glob("*.py"))
    for source in [*sources, Path(reeltui.store.layout.__file__)]:
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:32]


def identity(info: os.stat_result) -> str:
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


class GateMemo:
    """The memo of the posts-index files of the store at `root`, kept in folder `cache`."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.root = root
        self.where = str(root.resolve())  # the store the memo is of
        named = hashlib.sha256(os.fsencode(self.where)).hexdigest()[:24]
        self.path = path = cache / "passed" / f"{named}.json"
        self.key = _gate_key()
        self.passed: dict[str, str] = {}  # index file -> its identity when it passed
        self.changed = False
        with contextlib.suppress(OSError, orjson.JSONDecodeError, TypeError, AttributeError):
            doc = orjson.loads(path.read_bytes())
            if doc.get("store") == self.where and doc.get("gate") == self.key:
                self.passed = {str(k): str(v) for k, v in doc["files"].items()}

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
            return found
        datafile.check(found, tables_in(rel))
        if found.refused:
            self.changed |= self.passed.pop(rel, None) is not None
        elif time.time_ns() - info.st_ctime_ns > SETTLED_NS:
            self.passed[rel] = now
            self.changed = True
        return found

    def save(self, kept: list[str]) -> None:
        """Write the memo if it changed, naming only the index files in `kept` (those that
        still exist). Never fails: a memo not written only costs a check next time."""
        passed = {rel: self.passed[rel] for rel in kept if rel in self.passed}
        if not self.changed and passed == self.passed:
            return
        doc = {"store": self.where, "gate": self.key, "files": passed}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(self.path, orjson.dumps(doc))
