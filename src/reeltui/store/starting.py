"""A store being opened, once its folder is known to be one (or a new one) and its lock
taken: a new store's meta file, a change a crash interrupted finished (a writer) or read
through (a reader), meta.json's store information checked (app, schema version), an older
schema upgraded, the index written again when its fields changed, the backups started."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reeltui.domain.listing import ROW_FIELDS
from reeltui.domain.readers import OwnPeople
from reeltui.domain.versions import VersionError, readable_version
from reeltui.store import commit as commits
from reeltui.store import datafile
from reeltui.store.errors import StoreCorrupt, StoreForeign, StoreTooNew
from reeltui.store.layout import JOURNAL_FILE, META, META_FILE, tables_in
from reeltui.store.opening import STORE_INFO, create_meta, write_upgrade
from reeltui.store.schema import APP_NAME, SCHEMA_VERSION, migrate_files

if TYPE_CHECKING:
    from reeltui.store.store import Store


def start(store: Store, is_new: bool) -> None:
    if is_new:
        create_meta(store.path)
    if store.read_only:
        try:
            store.files.overlay = commits.overlay(store.path)
        except (OSError, ValueError) as exc:
            raise StoreCorrupt(f"{store.path / JOURNAL_FILE} cannot be read: {exc}") from exc
    else:
        try:
            commits.roll_forward(store.path)
        except (OSError, ValueError) as exc:
            raise StoreCorrupt(
                f"{store.path} has an unfinished change ({JOURNAL_FILE}) that cannot be "
                f"completed: {exc}; nothing was changed"
            ) from exc
        store.writer.new_mode = commits.file_mode(store.path / META_FILE, 0o644) & 0o666
        commits.sweep([store.path])
    store.info = read_info(store)
    version = store.info["schema"]
    if version < SCHEMA_VERSION:
        migrate(store, version)
    store.own = OwnPeople.from_doc(store.info.get("own"))
    if not store.read_only and not is_new:
        store._reindex_if_fields_changed()
        store.backups.start()  # in the background: opening never waits for it
    # an index of other list fields (read only: nothing rewrote it) has no counts to trust
    store.counted = store.info.get("index") == list(ROW_FIELDS)


def read_info(store: Store) -> dict[str, Any]:
    """meta.json's store information, checked: a reeltui store of a schema this version
    reads (else the error says what the folder is; nothing is changed)."""
    meta = store.file(META_FILE)
    if meta.refused or not meta.exists:
        raise StoreCorrupt(f"{store.path / META_FILE} is not a valid reeltui meta file")
    info = meta.data.get(META.name, {}).get(STORE_INFO)
    if not isinstance(info, dict) or info.get("app") != APP_NAME:
        raise StoreForeign(f"{store.path / META_FILE} does not describe a reeltui store")
    try:
        readable_version(info.get("schema"), SCHEMA_VERSION, "schema")
    except VersionError as exc:
        error = StoreTooNew if exc.newer else StoreCorrupt
        raise error(f"{store.path / META_FILE}: {exc}; nothing was changed") from exc
    return info


def migrate(store: Store, version: int) -> None:
    """Bring an older store up to date: in memory for a reader (nothing is written),
    on disk for a writer (one journaled change; the old files go to a backup)."""
    files, moved = migrate_files(store, version)
    store.migrated_from = version
    if store.read_only:
        for found in files:
            datafile.check(found, tables_in(found.rel))
        store.files.put(files)
    else:
        kept = store.backups.migration_folder(version)
        write_upgrade(store.path, files, moved, kept, store.writer.new_mode)
        store.forget()
    store.info = store.file(META_FILE).data[META.name][STORE_INFO]
