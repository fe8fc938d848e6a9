"""The damage check's stats, made in a child process while the command reads the index.

`damage.damaged_posts` needs, for each listed post, a stat of its file compared with the
signature the search index recorded when it read the file sound: at 50,000 posts ~0.25 s of
system calls plus ~0.05 s to read the signatures, which no cheaper signal replaces (a file
edited in place changes only its own times). A thread cannot overlap them with the index's
parse (each stat waits for the interpreter that the parse holds); a child process can: forked
before the index is read, it reads the recorded signatures, stats every recorded post's file
and sends back the ids whose file has the recorded signature (`sound`); then the number
of files in the posts' folder (`files`: `services.unlisted`), while the command prints. The
command then looks only at its listed posts outside that set, as `damaged_posts` always did.

Anything short of a complete answer (no fork on this platform, other threads running, the
child failing or killed, a broken reply) gives None, and the command makes the stats itself.
A post whose file changes after the child looked is as one changing after the stats were
made in the command: the check was never more than "as of a moment during the run".
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson

from reeltui.store.files import count_table_files
from reeltui.store.layout import POST, safe_names
from reeltui.store.storage import write_all


def sound_posts(store: Path) -> list[str]:
    """The ids of the posts whose file has the signature the search index recorded."""
    from reeltui.store.searchcache import SearchCache, signatures_of  # (in the child)

    cache = SearchCache(store, writable=False)
    try:
        known = cache.signatures() if cache.usable else {}
    finally:
        cache.close()
    ids = list(known)
    names = [f"{name}.json" for name in safe_names(ids)]
    now = signatures_of(store / POST.path, names)
    return [post_id for post_id, sig in zip(ids, now, strict=True) if sig == known[post_id]]


class Probe:
    """A child process finding the sound posts (`sound` waits for its first answer), then
    counting the posts' folder's table files (`files` waits for that: `services.unlisted`
    compares it with the posts listed; counted after the first answer, so that the command
    prints meanwhile)."""

    def __init__(self, pid: int, reply: int) -> None:
        self.pid = pid
        self.reply = reply
        self._sound: set[str] | None = None
        self._files: int | None = None
        self._read = b""
        self._step = 0  # 1: the first answer read; 2: all read, the child reaped

    def sound(self) -> set[str] | None:
        """The ids of the sound posts, or None when the child gave no complete answer."""
        if self._step == 0:
            self._step = 1
            line, newline, self._read = self._until(b"\n").partition(b"\n")
            if newline:
                with contextlib.suppress(orjson.JSONDecodeError):
                    found = orjson.loads(line)
                    self._sound = set(found) if isinstance(found, list) else None
            else:  # the child ended (or failed) without a whole answer
                self._finish()
        return self._sound

    def files(self) -> int | None:
        """How many table files the posts' folder holds, or None without the child's count."""
        if self._step < 2:
            self.sound()
        if self._step < 2:
            rest = self._until(None)
            if self._finish() == 0 and rest.isdigit():
                self._files = int(rest)
        return self._files

    def close(self) -> None:
        """Stop waiting: the child, if still at work, ends (its reply has nowhere to go)."""
        if self._step < 2:
            self._finish()

    def _until(self, end: bytes | None) -> bytes:
        """What the child sent, read until `end` is among it (None: until it is done)."""
        chunks = [self._read]
        with contextlib.suppress(OSError):
            while end is None or end not in chunks[-1]:
                chunk = os.read(self.reply, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def _finish(self) -> int:
        self._step = 2
        with contextlib.suppress(OSError):
            os.close(self.reply)
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return -1
        return os.waitstatus_to_exitcode(status)


@contextlib.contextmanager
def probing(store: Path) -> Iterator[Probe | None]:
    """A child finding the sound posts of the store at `store` while the block runs (None
    when one cannot be forked safely: no fork, or threads that a fork would leave behind)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        yield None
        return
    reply, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    try:
        pid = os.fork()
    except OSError:
        os.close(reply)
        os.close(write_end)
        yield None
        return
    if pid == 0:  # the child: answer, then leave at once (no cleanup of the parent's state)
        code = 1
        try:
            os.close(reply)
            write_all(write_end, orjson.dumps(sound_posts(store)) + b"\n")
            code = 2
            write_all(write_end, b"%d" % count_table_files(store / POST.path))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    probe = Probe(pid, reply)
    try:
        yield probe
    finally:
        probe.close()
