"""Synthetic archives written through the project's own store code, cached by size.

`archive(n)` returns the folder of a store holding `n` posts with ~20 threaded comments each
and what a used archive has besides: a heavy tail (three posts with 1,000, 2,500 and 5,000
comments: the newest post, one in the middle, the oldest), revisions of 2% of the posts,
read marks on 60% of them, 30 queued replies and 10 queued moderation actions in the outbox,
and 3 working copies. Built once under `benchmarks/.work/store-N` and reused while the
generator and the store code are unchanged; the search index and a backup are made then too
(as after a user's first session).
"""

from __future__ import annotations

import hashlib
import random
import shutil
import time
from pathlib import Path

from benchmarks import content
from reeltui.domain import Comment, Post
from reeltui.domain.listing import ROW_FIELDS
from reeltui.services.session import open_blog
from reeltui.store import TABLES, Store, records, state
from reeltui.store.schema import SCHEMA_VERSION

WORK = Path(__file__).resolve().parent / ".work"
COMMENTS_PER_POST = 20
HEAVY = (5_000, 2_500, 1_000)  # comments of the newest, a middle and the oldest post
CHUNK = 2_000  # posts per commit while generating
STAMP = "2026-01-01T12:00:00+00:00"


def _fingerprint() -> str:
    """Changes when the generator or the store's format changes, so stale caches are
    rebuilt (the format: its schema version, the list's fields, the tables' places)."""
    digest = hashlib.sha256()
    for module in (content.__file__, __file__):
        digest.update(Path(module).read_bytes())
    layout = [(t.name, t.kind, t.path, t.pages) for t in TABLES]
    digest.update(repr((SCHEMA_VERSION, ROW_FIELDS, layout)).encode())
    return digest.hexdigest()[:16]


def heavy_posts(n_posts: int) -> dict[int, int]:
    """Position of a post in the generated order -> extra comments it gets."""
    spots = (n_posts - 1, n_posts // 2, 0)
    out: dict[int, int] = {}
    for spot, count in zip(spots, HEAVY, strict=True):
        if spot not in out:
            out[spot] = count
    return out


def write_archive(path: Path, n_posts: int) -> dict[str, int]:
    """Write a fresh archive of `n_posts` posts into the store at `path`; returns counts."""
    rng = random.Random(n_posts)
    heavy = heavy_posts(n_posts)
    counts = {"posts": 0, "comments": 0, "revisions": 0, "reads": 0, "queued": 0}
    posts: list[Post] = []
    comments: list[Comment] = []
    kept: list[tuple[Post, int]] = []  # (post, comments) of some posts, for the extras
    with Store.open(path) as store:
        for i, entry in enumerate(content.entries(n_posts, COMMENTS_PER_POST)):
            extra = content.heavy_comments(entry.post, heavy[i], i * 10_000) if i in heavy else []
            posts.append(entry.post)
            comments += entry.comments + extra
            counts["posts"] += 1
            counts["comments"] += len(entry.comments) + len(extra)
            if i % 50 == 0 or i in heavy:
                kept.append((entry.post, len(entry.comments) + len(extra)))
            if len(posts) >= CHUNK:
                records.put_many(store, posts, comments)
                posts, comments = [], []
        records.put_many(store, posts, comments)
        with store.batch():
            _extras(store, rng, kept, n_posts, counts)
    return counts


BENCH_POST = "p-bench"  # the same post (and comments, revisions) in every archive


def _bench_post(store: Store) -> None:
    entry = next(content.entries(1, COMMENTS_PER_POST, seed=99))
    post = Post.from_dict({**entry.post.to_dict(), "id": BENCH_POST, "slug": "bench-post"})
    comments = [
        Comment.from_dict({**c.to_dict(), "id": f"c-bench-{k}", "post_id": BENCH_POST})
        for k, c in enumerate(entry.comments)
    ]
    for k in range(len(comments)):
        parent = comments[k].parent_id
        if parent is not None:
            index = next(j for j, c in enumerate(entry.comments) if c.id == parent)
            comments[k].parent_id = f"c-bench-{index}"
    records.put_many(store, [post], comments)
    for seq in range(1, 5):
        edited = Post.from_dict({**post.to_dict(), "body": f"{post.body}\n\nDraft {seq}."})
        doc = {"reason": "autosave" if seq % 2 else "save", "at": STAMP, "seq": seq}
        state.put_revision(store, f"r-bench-{seq}", edited, doc)


def _extras(
    store: Store, rng: random.Random, kept: list[tuple[Post, int]], n: int, counts: dict[str, int]
) -> None:
    """Revisions, read marks, queued replies and moderation, working copies."""
    _bench_post(store)
    for post, _ in kept[: max(3, n // 50)]:  # 2% of the posts have 3-5 revisions
        for seq in range(1, rng.randint(3, 5) + 1):
            reason = "autosave" if seq % 2 else "save"
            edited = Post.from_dict({**post.to_dict(), "body": f"{post.body}\n\nDraft {seq}."})
            doc = {"reason": reason, "at": STAMP, "seq": seq}
            state.put_revision(store, f"r-{post.id}-{seq}", edited, doc)
            counts["revisions"] += 1
    ids = [f"p{i:05d}" for i in range(n)]
    for post_id in rng.sample(ids, k=int(n * 0.6)):
        state.put_read_mark(store, post_id, COMMENTS_PER_POST, STAMP)
        counts["reads"] += 1
    for k in range(min(30, n)):
        post, _ = kept[k % len(kept)]
        reply = Comment(
            id=f"c-local-{k}",
            post_id=post.id,
            author="Ruth",
            date=STAMP,
            body=f"Thanks for reading! (queued reply {k})",
            origin="local",
            sync_state="queued",
        )
        records.put_comment(store, reply)
        entry = {"kind": "reply", "comment_id": reply.id, "state": "queued", "position": k + 1}
        state.put_outbox(store, f"o-reply-{k}", {**entry, "created": STAMP})
        counts["queued"] += 1
    for k in range(min(10, n)):
        entry = {"kind": "moderate", "comment_id": f"c{k + 1:07d}", "action": "approve"}
        state.put_outbox(store, f"o-mod-{k}", {**entry, "position": 100 + k, "created": STAMP})
    for post, _ in kept[1:4]:
        draft = Post.from_dict({**post.to_dict(), "body": post.body + "\n\nUnsaved words."})
        state.put_draft(store, draft, STAMP)


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
    counts = write_archive(folder, n_posts)
    with open_blog(folder) as blog:  # a user's first session: a backup, the search index
        blog.search_index().prepare()
        blog.store.backups.wait()
    stamp.write_text(key)
    if log:
        took = time.perf_counter() - started
        what = ", ".join(f"{v} {k}" for k, v in counts.items())
        print(
            f"  generated {folder.name}: {what}; {store_bytes(folder) / 1e6:.0f} MB in {took:.0f} s"
        )
    return folder


def store_bytes(folder: Path) -> int:
    """Total size of the store's JSON files (backups and the search index aside)."""
    return sum(
        p.stat().st_size
        for p in folder.rglob("*.json")
        if "backups" not in p.relative_to(folder).parts
    )


def search_bytes(folder: Path) -> int:
    path = folder / "search.sqlite"
    return path.stat().st_size if path.exists() else 0
