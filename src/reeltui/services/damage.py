"""Which listed posts have a file that cannot be read: `reeltui posts` and `search` mark them.

The list comes from the posts index, which still lists a post whose file was damaged after it
was written (by hand, by another program). Reading every post's file to find out would cost
the whole archive, so only the files that changed since they were last read sound are read:
the search index (`store.searchcache`) holds the signature (size, modification time) of the
file each post was indexed from, and it indexes only files that passed the gate. One scan of
the posts' folder tells which files differ; those alone are read through the gate. A store
with no search index yet (the app builds it) has every listed post's file read.

Nothing is written: this is for readers. The look at the disk (a stat per post file, the
signatures kept by the search index) is started at once in a thread (`DamageScan`): its
system calls leave the interpreter free, so a command reads the posts index meanwhile
(`posts --json` at 50,000 posts spent a third of its time waiting for the stats).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reeltui.store import StoreError
from reeltui.store.layout import POST, safe_name
from reeltui.store.searchcache import SearchCache, file_signatures

if TYPE_CHECKING:
    from reeltui.services.blog import Blog


def _known_sound(blog: Blog) -> dict[str, str]:
    """Post id -> the signature of its file when it was last read sound (search index)."""
    cache = SearchCache(blog.path, writable=False)
    try:
        return cache.signatures() if cache.usable else {}
    finally:
        cache.close()


class DamageScan:
    """The posts' files as they are on disk and as they were last read sound, looked at in
    a thread started at once; `damaged` waits for it."""

    def __init__(self, blog: Blog) -> None:
        self.blog = blog
        self._found: tuple[dict[str, str], dict[str, str]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._scan, name="damage-scan", daemon=True)
        self._thread.start()

    def _scan(self) -> None:
        try:
            self._found = (file_signatures(self.blog.path / POST.path), _known_sound(self.blog))
        except BaseException as exc:  # handed to the caller of `damaged`
            self._error = exc

    def damaged(self, post_ids: Iterable[str]) -> dict[str, str]:
        """Post id -> why its file cannot be read, for those of `post_ids` whose file is
        damaged or missing (the others are left out)."""
        wanted = list(post_ids)
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return _damaged(self.blog, wanted, *self._found) if wanted else {}


def damaged_posts(blog: Blog, post_ids: Iterable[str]) -> dict[str, str]:
    """Post id -> why its file cannot be read, for those of `post_ids` whose file is damaged
    or missing (the others are left out)."""
    return DamageScan(blog).damaged(post_ids)


def _damaged(
    blog: Blog, wanted: list[str], on_disk: dict[str, str], known: dict[str, str]
) -> dict[str, str]:
    out: dict[str, str] = {}
    for post_id in wanted:
        name = f"{safe_name(post_id)}.json"
        sig = on_disk.get(name)
        if sig is None:
            out[post_id] = f"its file {POST.path}/{name} is missing"
            continue
        if known.get(post_id) == sig:
            continue
        why = _why(blog, post_id, f"{POST.path}/{name}")
        if why:
            out[post_id] = why
    return out


def _why(blog: Blog, post_id: str, rel: str) -> str:
    try:
        found = blog.store.peek(rel)
    except StoreError as exc:
        return str(exc)
    refusal = found.refused.get((POST.name, post_id))
    if refusal is not None:
        return str(refusal)
    if post_id not in found.data.get(POST.name, {}):
        return f"{rel} does not hold it"
    return ""
