"""Which post files the damage check read sound although the search index did not vouch for
them, remembered by the file's identity (`services.damage`).

The damage check takes a post's file as sound when it has the signature the search index
recorded; a file changed since (a reply or an edit saved by a command, the app ended before
its search index caught up) is read through the gate, at every `posts --json` until the
search index indexes it again: at 1,000 posts one such file cost ~30 ms of every run (the
post's gate made, its file read and checked). The memo holds, per post file read sound
that way, its identity before it was read (device, inode, size, modification and change
times: `gatememo.identity`), and is asked before the file is read again: a file whose
identity is the memo's is sound as it was. Any write sets the change time (no program sets
it back), so a file changed since is read again; nor is a file changed in the last seconds
remembered (`gatememo.SETTLED_NS`). The memo is keyed by the gate's rules, as the gate memo
is, and holds only the files of the last run that needed it (a few: those the search index
has not caught up with).

It lives in the user's cache folder beside the gate memo, never in the store, written
crash-safely; one that cannot be read or written is as if empty.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import orjson

from reeltui.store import gatememo
from reeltui.store.storage import replace_file


class SoundMemo:
    """The post files of the store at `root` read sound by the damage check (kept in the
    folder `cache`), by post id."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.where = str(root.resolve())
        named = gatememo.digest([os.fsencode(self.where)])
        self.path = cache / "sound" / f"{named}.json"
        self.key = gatememo.gate_key()
        self.kept: dict[str, str] = {}  # post id -> its file's identity when read sound
        self.now: dict[str, str] = {}  # those found sound in this run (by memo or reading)
        failed = (OSError, orjson.JSONDecodeError, TypeError, AttributeError, KeyError)
        with contextlib.suppress(*failed):
            doc = orjson.loads(self.path.read_bytes())
            if doc.get("store") == self.where and doc.get("gate") == self.key:
                self.kept = {str(k): str(v) for k, v in doc["files"].items()}

    def holds(self, post_id: str, path: Path) -> bool:
        """Is the file at `path` (post `post_id`'s) as it was when it was read sound?"""
        kept = self.kept.get(post_id)
        if kept is None:
            return False
        try:
            now = gatememo.identity(os.lstat(path))
        except OSError:
            return False
        if now != kept:
            return False
        self.now[post_id] = now
        return True

    def before_reading(self, path: Path) -> str | None:
        """The identity of the file at `path`, taken before it is read (None: it cannot be
        remembered, changed too recently or not there)."""
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if time.time_ns() - info.st_ctime_ns <= gatememo.SETTLED_NS:
            return None
        return gatememo.identity(info)

    def read_sound(self, post_id: str, identity: str | None) -> None:
        """Post `post_id`'s file, of `identity` before it was read, was read sound."""
        if identity is not None:
            self.now[post_id] = identity

    def save(self) -> None:
        """Write the memo if it changed (the files found sound in this run). Never fails."""
        if self.now == self.kept:
            return
        doc = {"store": self.where, "gate": self.key, "files": self.now}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(self.path, orjson.dumps(doc))
