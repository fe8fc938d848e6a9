"""Synthetic archives written through the project's own store code, cached by size.

`archive(n)` returns the folder of a store holding `n` posts with ~20 threaded comments each,
built once under `benchmarks/.work/store-N` and reused while the generator is unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

from benchmarks import content
from reeltui.store import Store, records

WORK = Path(__file__).resolve().parent / ".work"
COMMENTS_PER_POST = 20


def _fingerprint() -> str:
    """Changes when the generator or the store format changes, so stale caches are rebuilt."""
    digest = hashlib.sha256()
    for module in (content.__file__, __file__, records.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def write_archive(path: Path, n_posts: int) -> tuple[int, int]:
    """Write a fresh archive of `n_posts` posts into the store at `path`; returns counts."""
    posts = comments = 0
    with Store.open(path) as store, store.batch("posts", "comments"):
        for entry in content.entries(n_posts, COMMENTS_PER_POST):
            records.put_post(store, entry.post)
            posts += 1
            for comment in entry.comments:
                records.put_comment(store, comment)
                comments += 1
    return posts, comments


def archive(n_posts: int, work: Path = WORK, log: bool = True) -> Path:
    """The cached store of `n_posts` posts (generated on first use)."""
    folder = work / f"store-{n_posts}"
    stamp = folder / ".generated"
    key = _fingerprint()
    if stamp.exists() and stamp.read_text() == key:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    posts, comments = write_archive(folder, n_posts)
    stamp.write_text(key)
    if log:
        took = time.perf_counter() - started
        print(f"  generated {folder.name}: {posts} posts, {comments} comments in {took:.1f} s")
    return folder


def store_bytes(folder: Path) -> int:
    """Total size of the store's JSON files."""
    return sum(p.stat().st_size for p in folder.glob("*.json"))
