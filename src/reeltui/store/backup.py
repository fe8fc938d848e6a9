"""The backups of a store, in `backups/`: what one is (`Backup`: its folder, when it was
taken, the files it holds, read record by record by `check --repair`), the list of the complete
ones, and whether a new one is due (the newest one's time, read from its folder's name).

Taking one: `store/backup_take.py`; taking them in the background while a store is open:
`store/backup_thread.py`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import orjson

from reeltui.domain.patterns import lazy
from reeltui.store import datafile
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreError

BACKUP_DIR = "backups"
MANIFEST = "manifest.json"
KEEP = 5
DEFAULT_INTERVAL = 600.0  # seconds between two backups of one store
STAMP = "%Y%m%dT%H%M%S%fZ"
_STAMPED = lazy(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{1,6})Z")


def backup_interval() -> float:
    """Seconds between two backups: $REELTUI_BACKUP_EVERY, else 10 minutes."""
    try:
        return max(0.0, float(os.environ.get("REELTUI_BACKUP_EVERY", DEFAULT_INTERVAL)))
    except ValueError:
        return DEFAULT_INTERVAL


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    # relative path -> (size, mtime_ns, inode) of the store's file: tuples, untracked by the
    # collector's first pass over them (a list each: 100,000 lists at 50,000 posts, the
    # backup's and the one before's, walked by every full pass while a backup is made)
    files: dict[str, tuple[int, ...]]

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S UTC")

    def file(self, rel: str) -> DataFile | None:
        """The backed-up copy of `rel`, read and checked; None if absent or unreadable."""
        if rel not in self.files:
            return None
        try:
            return datafile.load(self.path, rel)
        except StoreError:
            return None


def list_backups(folder: Path) -> list[Backup]:
    """The complete backups of the store at `folder`, newest first."""
    found = []
    root = folder / BACKUP_DIR
    if not root.is_dir():
        return []
    for entry in root.iterdir():
        try:
            taken = stamp_time(entry.name).replace(tzinfo=dt.UTC)
            manifest = orjson.loads((entry / MANIFEST).read_bytes())
            files = {str(k): tuple(v) for k, v in manifest["files"].items()}
        except (ValueError, OSError, KeyError, TypeError, AttributeError, orjson.JSONDecodeError):
            continue  # not a backup, or an incomplete one
        found.append(Backup(entry, taken, files))
    found.sort(key=lambda b: b.taken, reverse=True)
    return found


def stamp_time(name: str) -> dt.datetime:
    """The time a backup folder's name (`STAMP`) tells, as `strptime` reads it (ValueError:
    not a backup's name). By hand: the opening of a store checks its newest backup, and
    `strptime`'s first call imports and compiles its locale-aware patterns."""
    found = _STAMPED.fullmatch(name)
    if found is None:
        raise ValueError(f"not a backup's name: {name!r}")
    year, month, day, hour, minute, second, fraction = found.groups()
    return dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second),
        int(fraction.ljust(6, "0")),
    )  # fmt: skip


def newest_taken(folder: Path) -> dt.datetime | None:
    """When the newest complete backup of the store at `folder` was taken (None: none).
    The folders' names are their times; the newest whose manifest is whole counts. A backup
    is made in a temporary folder renamed into place once its manifest is written and
    synced, so a stamped folder's manifest is whole unless damaged since: its end is read,
    not the whole file (at 50,000 posts a manifest is 4.5 MB, and parsing it was most of
    the store's opening). `list_backups` reads and checks every manifest in full."""
    root = folder / BACKUP_DIR
    stamped = []
    with contextlib.suppress(OSError):
        for entry in root.iterdir():
            with contextlib.suppress(ValueError):
                stamped.append((stamp_time(entry.name), entry))
    for taken, entry in sorted(stamped, key=lambda found: found[0], reverse=True):
        if _whole(entry / MANIFEST):
            return taken.replace(tzinfo=dt.UTC)
    return None


def _whole(manifest: Path) -> bool:
    """The manifest ends as a JSON object does (a cut or emptied one does not)."""
    try:
        with manifest.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - 64))
            tail = file.read().rstrip()
    except OSError:
        return False
    return size > 2 and tail.endswith(b"}")


def due(folder: Path, interval: float | None = None) -> bool:
    interval = backup_interval() if interval is None else interval
    newest = newest_taken(folder)
    if newest is None:
        return True
    age = dt.datetime.now(dt.UTC) - newest
    return not dt.timedelta(0) <= age < dt.timedelta(seconds=interval)
