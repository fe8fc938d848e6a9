"""`reeltui check`: what is wrong with a store, and `--repair`: mend it table by table.

Checking reads every file of the store through the validation gate (never writing, never
creating a store); repairing restores each bad record from the newest backup that has it
sound, quarantines what no backup has sound, and rebuilds the derived tables (see
`store.repair`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reeltui.domain.plural import count
from reeltui.store import Store, StoreError, StoreLocked, StoreTooNew
from reeltui.store import datafile as datafiles
from reeltui.store.backup import list_backups
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreForeign
from reeltui.store.findings import Scan
from reeltui.store.integrity import meta_problem, scan
from reeltui.store.layout import META_FILE
from reeltui.store.lock import StoreLock
from reeltui.store.repair import Done, apply, plan
from reeltui.store.repairplan import Fix
from reeltui.store.schema import APP_NAME, SCHEMA_VERSION, V1_FILES
from reeltui.store.storage import replace_file
from reeltui.store.store import now_iso, store_exists


@dataclass(frozen=True)
class Diagnosis:
    """What `check` found: an error opening the store, or the scan of every record."""

    error: StoreError | None = None
    scan: Scan = field(default_factory=Scan)
    summary: str = ""

    @property
    def sound(self) -> bool:
        return self.error is None and self.scan.sound

    @property
    def problems(self) -> list[str]:
        return [str(f) for f in self.scan.findings]

    @property
    def repairable(self) -> bool:
        """Damage a repair may mend (not a newer reeltui's store, not a store in use)."""
        return not self.sound and not isinstance(self.error, StoreTooNew | StoreLocked)


def _missing(path: Path) -> StoreForeign | None:
    if not store_exists(path):
        return StoreForeign(f"no reeltui store at {path}; nothing was created")
    return None


def diagnose(path: Path) -> Diagnosis:
    """Open the store at `path` read-only and check every record; never writes anything."""
    path = path.expanduser()
    missing = _missing(path)
    if missing is not None:
        return Diagnosis(error=missing)
    try:
        store = Store.open(path, read_only=True, create=False)
    except StoreError as exc:
        return Diagnosis(error=exc)
    try:
        found = scan(store.peek, store.listing)
    finally:
        store.close()
    return Diagnosis(scan=found, summary=_summary(store.schema_version, found))


def _summary(schema: int, found: Scan) -> str:
    """`schema 2, 4 posts, 22 comments`; the posts that cannot be read are counted and
    named (`4 posts (1 damaged: her-review), 16 comments (not those of the damaged post)`)."""
    damaged = found.damaged
    if not damaged:
        return f"schema {schema}, {count(found.posts, 'post')}, {count(found.comments, 'comment')}"
    shown = ", ".join(damaged[:3]) + (f" and {len(damaged) - 3} more" if len(damaged) > 3 else "")
    unread = ""  # (a post the gate refused has its comments read and counted)
    if found.unread:
        which = "post" if found.unread == 1 else f"{found.unread} posts"
        unread = f" (not those of the damaged {which} that cannot be read)"
        if found.unread == len(damaged):
            unread = f" (not those of the damaged {'post' if found.unread == 1 else 'posts'})"
    return (
        f"schema {schema}, {count(found.posts + len(damaged), 'post')} "
        f"({len(damaged)} damaged: {shown}), {count(found.comments, 'comment')}{unread}"
    )


def meta_damage(path: Path) -> str | None:
    """Why meta.json cannot describe the store at `path`, or None when it can."""
    return meta_problem(lambda rel: datafiles.load(path, rel))


def restore_meta(path: Path) -> str:
    """Put back a sound meta.json (the store's information): the newest backup copy that is
    sound, else a new one for the layout found (a store is never seeded). Takes the lock;
    returns what was done."""
    lock = StoreLock(path)
    lock.acquire(timeout=5.0)
    try:
        for backup in list_backups(path):
            copy = backup.file(META_FILE)
            if copy is not None and meta_problem(_given(copy)) is None:
                replace_file(path / META_FILE, copy.payload())
                return f"restored {META_FILE} from the backup of {backup.describe()}"
        version = 1 if any((path / n).exists() for n in V1_FILES) else SCHEMA_VERSION
        info = {"app": APP_NAME, "schema": version, "created": now_iso(), "rebuilt": True}
        replace_file(path / META_FILE, DataFile(META_FILE, {"meta": {"store": info}}).payload())
        return f"wrote a new {META_FILE} (no backup had a sound one)"
    finally:
        lock.release()


def _given(copy: DataFile) -> Callable[[str], DataFile]:
    def load(rel: str) -> DataFile:
        return copy

    return load


def plan_repair(path: Path) -> tuple[Store, list[Fix]]:
    """Open the store for writing and work out its repair (the caller closes the store)."""
    store = Store.open(path, create=False, wait=5.0)
    try:
        found = scan(store.peek, store.listing)
        return store, plan(store, found, list_backups(path))
    except BaseException:
        store.close()
        raise


def repair(store: Store, fixes: list[Fix]) -> Done:
    return apply(store, [f for f in fixes if f.changes])
