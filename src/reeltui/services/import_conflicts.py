"""An import over posts edited here: what changed where, and a conflict when both sides did.

A post counts as edited here when its text is the one its latest save kept (the editor keeps
a revision at every save; an import or a sync writes the post without one), unless sync says
the site has it already (`wp_hash`). When a file brings such a post again:

- the file's version is what the store has: nothing to do;
- the post was not edited here: the file's version is taken (a working copy the writer has
  open stays as it is, and a conflict of kind "import-draft" says so, as sync's "draft" does);
- it was, and the file's version is one the store already knew (any revision of the post, its
  'original' among them: an older export of this very store, the file it came from), or one
  the writer chose not to take (`source["import_seen"]`): the local post is kept;
- it was, and the file brings something new: a conflict. The local post stays as it is; the
  file's version is kept in the conflict, with sync's own conflicts (`reeltui sync
  --conflicts`, the app's conflicts screen), until the writer keeps one (`resolve`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import orjson

from reeltui.domain.models import Post
from reeltui.domain.vocab import KeepSide
from reeltui.services import revisions
from reeltui.services.blog import Blog
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.mapping import post_hash
from reeltui.services.sync.state import Conflict
from reeltui.store import NotFound, Store

KIND = "import"  # a post edited here and in the file: the local post kept
DRAFT = "import-draft"  # the file's version taken, the writer's open working copy kept
SEEN = "import_seen"  # post.source: the fingerprint of a file's version the writer declined
SAVES = ("save", "publish", "restore")  # revisions the writer made by saving


def fingerprint(post: Post) -> str:
    """What the writer edits, hashed: words, title, slug, dates, status, terms, rating, film
    (not the site's HTML, which follows the words, nor when it was saved)."""
    fields = [
        post.title,
        post.slug,
        post.author,
        post.date,
        post.status,
        post.categories,
        post.tags,
        post.excerpt,
        post.body,
        post.rating,
        dataclasses.asdict(post.film),
        post.sticky,
    ]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]


class Versions:
    """The fingerprints of every post's revisions, read once when first needed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._known: dict[str, set[str]] | None = None
        self._saved: dict[str, str] = {}  # post id -> fingerprint of its latest save

    def _load(self) -> dict[str, set[str]]:
        if self._known is None:
            self._known = {}
            for rev in revisions.every(self.store):  # oldest first per post
                self._known.setdefault(rev.post_id, set()).add(fingerprint(rev.post))
                if rev.reason in SAVES:
                    self._saved[rev.post_id] = fingerprint(rev.post)
        return self._known

    def known(self, post_id: str) -> set[str]:
        return self._load().get(post_id, set())

    def latest_save(self, post_id: str) -> str | None:
        self._load()
        return self._saved.get(post_id)


def judge(old: Post, new: Post, versions: Versions) -> str:
    """ "same", "update" (take the file's), "keep" (the local post) or "conflict"."""
    mine, theirs = fingerprint(old), fingerprint(new)
    if mine == theirs:
        return "same"
    synced = old.source.get("wp_hash") == post_hash(old)  # the site has this text
    if synced or versions.latest_save(old.id) != mine:
        return "update"
    if theirs == old.source.get(SEEN) or theirs in versions.known(old.id):
        return "keep"
    return "conflict"


def _version(post: Post) -> dict[str, str]:
    """The parts a person compares (as text), and the site's HTML (kept, not shown)."""
    return {
        "title": post.title,
        "slug": post.slug,
        "status": post.status,
        "date": post.date,
        "categories": ", ".join(post.categories),
        "tags": ", ".join(post.tags),
        "rating": "" if post.rating is None else f"{post.rating:g}",
        "excerpt": post.excerpt,
        "body": post.body,
        "html": post.html,
        "excerpt_html": post.excerpt_html,
    }


def conflict_of(old: Post, new: Post, source: str) -> Conflict:
    """Both kept: the local post stays, the file's version (whole) waits in the conflict."""
    theirs = _version(new)
    theirs["post"] = orjson.dumps(new.to_dict()).decode()
    return Conflict(
        id=f"{KIND}:{old.id}",
        kind=KIND,
        local_id=old.id,
        remote_id=new.source.get("wxr", ""),
        message=f"“{old.title}” was changed here and in {source}; both versions kept",
        local=_version(old),
        remote=theirs,
        found=syncstate.now(),
    )


def draft_conflict(working: Post, new: Post, source: str) -> Conflict:
    """The saved post took the file's version; the writer's working copy is kept."""
    return Conflict(
        id=f"{DRAFT}:{new.id}",
        kind=DRAFT,
        local_id=new.id,
        remote_id=new.source.get("wxr", ""),
        message=f"“{new.title}” changed in {source} while you have unsaved edits "
        "(your working copy is kept; the saved post has the file's version)",
        local=_version(working),
        remote=_version(new),
        found=syncstate.now(),
    )


def record(blog: Blog, found: list[Conflict]) -> int:
    """Keep the conflicts with sync's; one the store has already (the same versions) is not
    written again. Returns how many are new. Call inside the import's batch."""
    if not found:
        return 0
    state = syncstate.load(blog)
    fresh = [
        c
        for c in found
        if (had := state.conflict(c.id)) is None or (had.local, had.remote) != (c.local, c.remote)
    ]
    for conflict in fresh:
        state.add_conflict(conflict)
    if fresh:
        syncstate.save(blog, state)
    return len(fresh)


def resolve(blog: Blog, conflict: Conflict, keep: KeepSide) -> str:
    """Keep "local" (the post as it is; the file's version counts as seen, so importing that
    file again changes nothing) or "remote" (the file's version; yours stays a revision)."""
    if conflict.kind == DRAFT:
        return "the saved post has the file's version; your working copy stays in the editor"
    try:
        post = blog.post(conflict.local_id)
    except NotFound:
        return "the post is gone already"
    theirs = Post.from_dict({**orjson.loads(conflict.remote["post"]), "id": post.id})
    if keep == "local":
        blog.save_post(dataclasses.replace(post, source={**post.source, SEEN: fingerprint(theirs)}))
        return "your version is kept (importing that file again leaves it as it is)"
    mine = dataclasses.replace(post, html="", excerpt_html="")  # revisions keep the words
    with blog.store.batch("revisions"):
        revisions.add(blog.store, mine, "save", syncstate.now(), "yours, before the import's")
    blog.save_post(dataclasses.replace(theirs, source={**post.source, **theirs.source}))
    return "the imported version replaced yours (yours is kept as a revision: F5 in the editor)"
