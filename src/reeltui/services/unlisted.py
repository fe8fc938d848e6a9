"""The posts the list leaves out, for `reeltui posts` to say so in one line; and how every
command words the damage it went past (`skipped`, `MEND`: one wording, said from here).

The list is the posts index: a post whose row the gate refused (a row edited by hand), or
whose index file is gone (deleted), is not listed — by the Blog's rows, by `posts --json`'s
stored rows and in the app, also when the readers' counts are made again from the posts'
files (`Blog._count_with_own` keeps to the posts the index lists). The index is derived:
`reeltui check --repair` writes it again from the posts' files, and lists them all again.

Finding them costs a listing of the posts' folder (~30 ms at 50,000 posts; for `posts
--json` counted by the damage check's child meanwhile, `damage_probe`), compared by count
with the posts listed: only when the counts differ, or the gate refused an index row, are
the names compared, and the first left out is named, with why: its refused row's reason,
else its index file missing or holding no row for it (its own file read to tell its
month). A stray file in the posts' folder is counted as a post left out; a post left out
exactly as many times as a listed post's file is missing (the list marks those damaged)
goes unsaid: `reeltui check` finds both.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from reeltui.store import StoreError, index
from reeltui.store.errors import MEND as MEND
from reeltui.store.layout import POST, POSTS_INDEX, index_file, month_of, safe_name

if TYPE_CHECKING:
    from reeltui.services.blog import Blog
    from reeltui.store.store import Store


class Unlisted:  # (a plain class: a dataclass cost ~1 ms of `posts`'s start to make)
    """The post files the list leaves out: how many, the first one's file (its refused
    row's first, else by name) and why, and the gate's refusals of their index rows (said
    by this line: not repeated among the damage skipped)."""

    __slots__ = ("count", "first", "refusals", "why")

    def __init__(self, count: int, first: str, why: str, refusals: tuple[str, ...]) -> None:
        self.count, self.first, self.why, self.refusals = count, first, why, refusals

    def warning(self) -> str:
        """The line `reeltui posts` says (without its "reeltui: warning: ")."""
        from reeltui.domain.plural import count

        if self.count == 1:
            said = f"1 post is not listed ({self.first}: {self.why})"
        else:
            first = f"the first, {self.first}: {self.why}"
            said = f"{count(self.count, 'post')} are not listed ({first})"
        mend = "`reeltui check --repair` writes the posts index again from the posts' files"
        return f"{said}; {mend}"


def skipped(found: list[str]) -> str:
    """The line a command says (without its "reeltui: warning: ") when it went past damaged
    records (`Blog.damage`: the gate's refusals, files that cannot be read)."""
    from reeltui.domain.plural import count

    first = " ".join(found[0].split())[:300]
    return f"{count(len(found), 'damaged record')} skipped (the first: {first}); {MEND}"


def unlisted(store: Store, listed: Collection[str], files: int | None = None) -> Unlisted | None:
    """The post files of `store` whose post is not among `listed` (every post id the index
    listed, whatever the command printed of them), None when there are none. `files`: the
    number of table files in the posts' folder, when already counted."""
    left, refused = _left_out(store, listed, files)
    if not left:
        return None
    said = tuple(refused[name] for name in left if name in refused)
    first = next((name for name in left if name in refused), left[0])
    rel = f"{POST.path}/{first}"
    why = f"its row in the posts index was refused: {refused[first]}" if said else _why(store, rel)
    return Unlisted(len(left), rel, why, said)


def unlisted_by_slug(store: Store, listed: Collection[str], slug: str) -> Unlisted | None:
    """The post of `slug` when its file is intact but the index leaves it out (`reeltui
    show` says why instead of "no post with slug"), else None. Reads the files left out
    (the posts of a month at most, in the usual damage) until one is that post."""
    from reeltui.domain.titles import same_slug

    left, refused = _left_out(store, listed)
    for name in left:
        rel = f"{POST.path}/{name}"
        try:
            posts = store.peek(rel).good(POST.name)
        except StoreError:
            continue
        found = next(iter(posts.values()), None)
        if found is None or not same_slug(str(found.get("slug", "")), slug):
            continue
        if name in refused:
            why = f"its row in the posts index was refused: {refused[name]}"
            return Unlisted(1, rel, why, (refused[name],))
        return Unlisted(1, rel, _why(store, rel), ())
    return None


def _left_out(
    store: Store, listed: Collection[str], files: int | None = None
) -> tuple[list[str], dict[str, str]]:
    """The names of the post files whose post is not among `listed`, and the gate's
    refusals of posts index rows by the name of their post's file."""
    refused = {
        f"{safe_name(r.record)}.json": str(r)
        for r in store.refusals()
        if r.table == POSTS_INDEX.name and r.file.startswith(f"{POSTS_INDEX.path}/")
    }
    if files == len(listed) and not refused:
        return [], refused
    names = store.listing(POST.path)
    if len(names) == len(listed) and not refused:
        return [], refused
    return index.files_left_out(store, listed, names), refused


def _why(store: Store, rel: str) -> str:
    """Why the post of file `rel` has no row in the index: its month's file is gone, or
    holds none (or its own file cannot be read)."""
    try:
        found = store.peek(rel)
    except StoreError as exc:
        return str(exc)
    posts = found.good(POST.name)
    if not posts:
        refusal = next(iter(found.refused.values()), None)
        return str(refusal) if refusal is not None else "it holds no post"
    date = next(iter(posts.values())).get("date")
    page = index_file(month_of(date if isinstance(date, str) else ""))
    if page.rpartition("/")[2] not in store.listing(POSTS_INDEX.path):
        return f"the posts index has no row for it: {page} is missing"
    return f"the posts index has no row for it (its month's file is {page})"


def unlisted_of(blog: Blog) -> Unlisted | None:
    """What the posts index leaves out of `blog`'s list (`posts`, `search`, the app)."""
    return unlisted(blog.store, blog.rowset.summaries)


def left_out(blog: Blog) -> str | None:
    """What the app says once its list is whole, when the posts index leaves posts out (the
    line `reeltui posts` warns with); None when it leaves none out or the folder cannot be
    read (`reeltui check` says why)."""
    try:
        found = unlisted_of(blog)
    except (StoreError, OSError):
        return None
    if found is None:
        return None
    from reeltui.domain.sanitize import sanitize_line  # (no control characters of the file)

    return sanitize_line(found.warning())
