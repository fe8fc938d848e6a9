"""The damage check's stats, made in a child process while the command reads the index.

`damage.damaged_posts` needs, for each listed post, a stat of its file compared with the
signature the search index recorded when it read the file sound: at 50,000 posts ~0.25 s of
system calls plus ~0.05 s to read the signatures, which no cheaper signal replaces (a file
edited in place changes only its own times). A thread cannot overlap them with the index's
parse (each stat waits for the interpreter that the parse holds); a child process can: forked
before the index is read, it reads the recorded signatures, stats every recorded post's file
and sends back the ids whose file has the recorded signature (`sound`), and the number of
files in the posts' folder (`files`: `services.unlisted`). The command then
looks only at its listed posts outside that set, as `damaged_posts` always did.

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


def _answer(store: Path) -> dict[str, object]:
    """The child's answer: the sound posts, and how many table files the posts' folder
    holds (`services.unlisted` compares it with the posts listed)."""
    try:
        files: int | None = count_table_files(store / POST.path)
    except OSError:
        files = None
    return {"sound": sound_posts(store), "files": files}


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
    """A child process finding the sound posts (`sound` waits for its answer)."""

    def __init__(self, pid: int, reply: int) -> None:
        self.pid = pid
        self.reply = reply
        self._sound: set[str] | None = None
        self.files: int | None = None  # the posts' folder's table files (`sound` reads it)
        self._done = False

    def sound(self) -> set[str] | None:
        """The ids of the sound posts, or None when the child gave no complete answer."""
        if not self._done:
            self._done = True
            chunks = []
            with contextlib.suppress(OSError):
                while chunk := os.read(self.reply, 1 << 20):
                    chunks.append(chunk)
            if self._reap() == 0:
                with contextlib.suppress(orjson.JSONDecodeError):
                    found = orjson.loads(b"".join(chunks))
                    if isinstance(found, dict) and isinstance(found.get("sound"), list):
                        self._sound = set(found["sound"])
                        files = found.get("files")
                        self.files = files if isinstance(files, int) else None
        return self._sound

    def close(self) -> None:
        """Stop waiting: the child, if still at work, ends (its reply has nowhere to go)."""
        if not self._done:
            self._done = True
            self._reap()

    def _reap(self) -> int:
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
            write_all(write_end, orjson.dumps(_answer(store)))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    probe = Probe(pid, reply)
    try:
        yield probe
    finally:
        probe.close()
