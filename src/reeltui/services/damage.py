"""Which listed posts have a file that cannot be read: `reeltui posts` and `search` mark them.

The list comes from the posts index, which still lists a post whose file was damaged after it
was written (by hand, by another program). Reading every post's file to find out would cost
the whole archive, so only the files that changed since they were last read sound are read:
the search index (`store.searchcache`) holds the signature (size, modification time) of the
file each post was indexed from, and it indexes only files that passed the gate. A stat of
each listed post's file tells which differ; those alone are read through the gate. A store
with no search index yet (the app builds it) has every listed post's file read.

The stat per file is what the check costs at least: a file edited in place (an editor that
rewrites it, `>>` in a shell) changes its own size and time, not its folder's, so nothing
cheaper (the folder's time, a backup's manifest) would see it. Only the listed posts' files
are looked at, one system call each (at 50,000 posts a scan of the whole folder cost ~0.35 s
against ~0.25 s for these stats), or, for `posts --json` listing most of an archive, those a
child process did not already find sound while the index was read (`damage_probe`: a thread
doing them took longer than both in a row, each stat waiting for the interpreter).

A file that differs from its recorded signature and is read sound is remembered, given the
user's cache folder (`posts --json`), by its identity (`store.soundmemo`): not read again
while unchanged, until the search index records it again.

Nothing is written to the store: this is for readers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from reeltui.store import StoreError
from reeltui.store.layout import POST, safe_names

if TYPE_CHECKING:
    from pathlib import Path

    from reeltui.services.blog import Blog


def _known_sound(blog: Blog) -> dict[str, str]:
    """Post id -> the signature of its file when it was last read sound (search index)."""
    from reeltui.store.searchcache import SearchCache

    cache = SearchCache(blog.path, writable=False)
    try:
        return cache.signatures() if cache.usable else {}
    finally:
        cache.close()


def damaged_posts(
    blog: Blog,
    post_ids: Iterable[str],
    sound: set[str] | None = None,
    cache: Path | None = None,
) -> dict[str, str]:
    """Post id -> why its file cannot be read, for those of `post_ids` whose file is damaged
    or missing (the others are left out). `sound`: the posts whose file was found with its
    recorded signature already (`damage_probe`): only the others are looked at. `cache` (a
    folder): a file read sound in an earlier run and not changed since is not read again
    (`store.soundmemo`)."""
    if sound is not None:  # (most lists: every post proven, nothing more made)
        if not isinstance(post_ids, Collection):  # (gone through twice at most)
            post_ids = list(post_ids)
        if sound.issuperset(post_ids):
            return {}
        post_ids = [post_id for post_id in post_ids if post_id not in sound]
    wanted = list(dict.fromkeys(post_ids))
    if not wanted:
        return {}
    from reeltui.store.signatures import signatures_of  # (not searchcache's: no sqlite3)

    folder = blog.path / POST.path
    names = [f"{name}.json" for name in safe_names(wanted)]
    on_disk = signatures_of(folder, names)
    known = _known_sound(blog) if sound is None else {}
    memo = None
    out: dict[str, str] = {}
    for post_id, name, sig in zip(wanted, names, on_disk, strict=True):
        if sig is None:
            out[post_id] = f"its file {POST.path}/{name} is missing"
        elif known.get(post_id) != sig:
            if cache is not None and memo is None:
                from reeltui.store.soundmemo import SoundMemo

                memo = SoundMemo(blog.path, cache)
            if memo is not None and memo.holds(post_id, folder / name):
                continue
            was = None if memo is None else memo.before_reading(folder / name)
            why = _why(blog, post_id, f"{POST.path}/{name}")
            if why:
                out[post_id] = why
            elif memo is not None:
                memo.read_sound(post_id, was)
    if memo is not None:
        memo.save()
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
