"""`reeltui check`: every file and record of a store through the validation gate, and the
links between tables (index rows against posts, comments against their posts...).

A finding names the table, the file, the record and the field, and says how `--repair` can
mend it: "restore" (a backup's good copy of the record or file, or else quarantine the
record), "rebuild" (a derived table: the posts index, the comment index), or "none" (only a
person can decide: two posts with one slug). Notes are reported but do not make a store
unsound (a reply whose parent is gone is shown at the top level).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from reeltui.domain.readers import NOBODY, OwnPeople
from reeltui.store import index
from reeltui.store.datafile import DataFile
from reeltui.store.errors import StoreError
from reeltui.store.findings import Finding, Scan, key, title
from reeltui.store.index_check import UNLISTED, check_index
from reeltui.store.labels import post_label, record_label
from reeltui.store.layout import (
    COMMENTS,
    LOCATOR,
    META,
    META_FILE,
    OUTBOX,
    POST,
    POSTS_INDEX,
    REVISIONS,
    TABLES,
    TableSpec,
    safe_name,
)

Load = Callable[[str], DataFile]  # read one file of the store (raises StoreError)


def files_of(listing: Callable[[str], list[str]]) -> Iterator[tuple[str, list[TableSpec]]]:
    """Every table file of the store: relative path and the tables it holds."""
    seen: set[str] = set()
    for spec in TABLES:
        if spec.path in seen:
            continue
        seen.add(spec.path)
        specs = [t for t in TABLES if t.path == spec.path]
        if not spec.is_folder():
            yield spec.path, specs
        else:
            for name in listing(spec.path):
                yield f"{spec.path}/{name}", specs


def scan(load: Load, listing: Callable[[str], list[str]]) -> Scan:
    """Check every file of a store (read with `load`, folders listed with `listing`)."""
    found = Scan()
    posts: dict[str, str] = {}  # post id -> file
    comments: dict[str, tuple[str, str]] = {}  # comment id -> (post id, file)
    parents: list[tuple[str, str, str]] = []  # (comment, parent, file)
    rows: dict[str, list[tuple[str, dict[str, object]]]] = {}  # post id -> [(file, row)]
    located: dict[str, str] = {}
    expected_rows: dict[str, dict[str, object]] = {}
    unreadable: set[str] = set()  # post files that cannot be read: their rows are not judged
    invalid: dict[str, tuple[str, tuple[str, ...]]] = {}  # refused post -> (file, bad fields)
    skipped: dict[str, str] = {}  # refused comment -> its file: its post's counts are not judged
    pages: set[str] = set()  # the posts index's files there are, readable or not
    refused_rows: set[str] = set()  # posts whose index row the gate refused
    own = recorded_own(load)
    outbox: dict[str, dict[str, Any]] = {}
    for rel, specs in files_of(listing):
        if rel.startswith(f"{POSTS_INDEX.path}/"):
            pages.add(rel)
        try:
            data = load(rel)
        except StoreError as exc:
            unreadable.add(rel)
            spec = specs[0]
            fix = "rebuild" if spec.derived else "restore"
            found.findings.append(Finding(title(spec), rel, None, str(exc), fix, key(spec)))
            continue
        for refusal in data.refused.values():
            spec = next(s for s in specs if s.name == refusal.table)
            message = "; ".join(str(p) for p in refusal.problems)
            if refusal.table == POSTS_INDEX.name:  # its post's one finding: say what it does
                refused_rows.add(refusal.record)
                message = f"{message} ({UNLISTED})"
            fix = "rebuild" if spec.derived else "restore"
            what = record_label(refusal.table, refusal.record, data.data)
            bad = tuple(p.field for p in refusal.problems)
            found.findings.append(
                Finding(title(spec), rel, refusal.record, message, fix, key(spec), "", what, bad)
            )
            if refusal.table == POST.name:
                invalid[refusal.record] = (rel, bad)
            elif refusal.table == COMMENTS.name:
                skipped[refusal.record] = rel
        if rel.startswith(f"{POST.path}/"):
            _post_file(found, rel, data, posts, comments, parents, expected_rows, own)
        elif rel.startswith(f"{POSTS_INDEX.path}/"):
            for post_id, row in data.good(POSTS_INDEX.name).items():
                rows.setdefault(post_id, []).append((rel, row))
        elif rel.startswith(f"{LOCATOR.path}/"):
            for comment_id, doc in data.good(LOCATOR.name).items():
                located[comment_id] = doc["post"]
        elif rel == OUTBOX.path:
            outbox = data.good(OUTBOX.name)
        elif rel.startswith(f"{REVISIONS.path}/"):
            for rev_id, doc in data.good(REVISIONS.name).items():
                if f"{REVISIONS.path}/{safe_name(doc['post_id'])}.json" != rel:
                    found.notes.append(f"{rel}: revision {rev_id!r} is of another post")
    _links(found, posts, comments, parents, set(invalid), set(skipped))
    _outbox_links(found, outbox, comments, located, unreadable)
    _name_unreadable(found, rows, unreadable)
    found.damaged = _damaged_posts(rows, unreadable, invalid)
    found.unread = sum(rel.startswith(f"{POST.path}/") for rel in unreadable)
    rows = {p: r for p, r in rows.items() if f"{POST.path}/{safe_name(p)}.json" not in unreadable}
    check_index(
        found, posts, rows, expected_rows, invalid, set(skipped.values()), pages, refused_rows
    )
    located = {
        c: p
        for c, p in located.items()
        if f"{POST.path}/{safe_name(p)}.json" not in unreadable and c not in skipped
    }
    _locator(found, comments, located)
    found.posts, found.comments = len(posts), len(comments)
    return found


def _damaged_posts(
    rows: dict[str, list[tuple[str, dict[str, object]]]],
    unreadable: set[str],
    invalid: dict[str, tuple[str, tuple[str, ...]]],
) -> list[str]:
    """The posts there are but cannot be read (their file unreadable, or their record
    refused by the gate), each by its slug as the index knows it, else its file's name."""
    slugs = {
        f"{POST.path}/{safe_name(p)}.json": str(held[0][1].get("slug") or "")
        for p, held in rows.items()
    }
    files = sorted(rel for rel in unreadable if rel.startswith(f"{POST.path}/"))
    files += sorted({rel for rel, _ in invalid.values()} - set(files))
    return [slugs.get(rel) or rel for rel in files]


def _name_unreadable(
    found: Scan, rows: dict[str, list[tuple[str, dict[str, object]]]], unreadable: set[str]
) -> None:
    """Name the post of each post file that cannot be read, as the index knows it."""
    named = {
        f"{POST.path}/{safe_name(p)}.json": f"the file of {post_label(p, held[0][1])}"
        for p, held in rows.items()
    }
    found.findings[:] = [
        replace(f, what=named[f.file]) if f.record is None and f.file in named else f
        for f in found.findings
    ]


def _post_file(
    found: Scan,
    rel: str,
    data: DataFile,
    posts: dict[str, str],
    comments: dict[str, tuple[str, str]],
    parents: list[tuple[str, str, str]],
    expected_rows: dict[str, dict[str, object]],
    own: OwnPeople,
) -> None:
    owner = rel.removeprefix(f"{POST.path}/").removesuffix(".json")
    for post_id in data.good(POST.name):
        if safe_name(post_id) != owner:
            message = f"post {post_id!r} is in the file of another post"
            found.findings.append(Finding("posts", rel, post_id, message, "none", key(POST)))
            continue
        posts[post_id] = rel
        summary = index.summary_of(post_id, data, None, own)
        if summary is not None:
            expected_rows[post_id] = summary.to_row()
    for comment_id, doc in data.good(COMMENTS.name).items():
        post_id = doc["post_id"]
        if safe_name(post_id) != owner:
            message = f"belongs to post {post_id!r} but is kept in another post's file"
            found.findings.append(
                Finding("comments", rel, comment_id, message, "none", key(COMMENTS))
            )
            continue
        if comment_id in comments:
            message = f"the same comment id is in {comments[comment_id][1]} too"
            found.findings.append(
                Finding("comments", rel, comment_id, message, "none", key(COMMENTS))
            )
        comments[comment_id] = (post_id, rel)
        if doc.get("parent_id"):
            parents.append((comment_id, doc["parent_id"], rel))


def _links(
    found: Scan,
    posts: dict[str, str],
    comments: dict[str, tuple[str, str]],
    parents: list[tuple[str, str, str]],
    invalid: set[str],
    refused: set[str],
) -> None:
    """Comments against their posts and parents (the comments of a post the gate refused
    are not judged: that post's finding covers them, and a repair moves them with it)."""
    for comment_id, (post_id, rel) in sorted(comments.items()):
        if post_id not in posts and post_id not in invalid:
            message = f"belongs to missing post {post_id!r}"
            found.findings.append(
                Finding("comments", rel, comment_id, message, "restore", key(COMMENTS), post_id)
            )
    for comment_id, parent, rel in sorted(parents):
        if parent in refused:
            found.notes.append(
                f"{rel}: comment {comment_id!r} answers comment {parent!r}, whose record is "
                "invalid (shown at the top level until that one is repaired)"
            )
        elif parent not in comments:
            found.notes.append(
                f"{rel}: comment {comment_id!r} answers missing comment {parent!r} "
                "(shown at the top level)"
            )


def _outbox_links(
    found: Scan,
    outbox: dict[str, dict[str, Any]],
    comments: dict[str, tuple[str, str]],
    located: dict[str, str],
    unreadable: set[str],
) -> None:
    """An outbox entry not yet sent whose comment is in no post: it can never be sent (a
    post's file put back from a backup taken before the reply was written lost the reply).
    A comment in a post whose file cannot be read is not judged (that file's finding is)."""
    for entry_id, entry in outbox.items():
        comment_id = str(entry.get("comment_id", ""))
        if entry.get("state") == "sent" or comment_id in comments:
            continue
        post_id = located.get(comment_id)
        if post_id is not None and f"{POST.path}/{safe_name(post_id)}.json" in unreadable:
            continue
        gone = "the reply it would send" if entry.get("kind") == "reply" else "its comment"
        message = (
            f"{gone} ({comment_id!r}) is in no post any more (lost with its post's file?): "
            "it can never be sent"
        )
        what = f"outbox entry {entry_id!r}"
        found.findings.append(
            Finding("outbox", OUTBOX.path, entry_id, message, "quarantine", key(OUTBOX), "", what)
        )


def _locator(found: Scan, comments: dict[str, tuple[str, str]], located: dict[str, str]) -> None:
    wrong = [c for c, (p, _) in comments.items() if located.get(c) != p]
    extra = [c for c in located if c not in comments]
    if wrong or extra:
        sample = ", ".join(sorted(wrong + extra)[:3])
        message = f"{len(wrong) + len(extra)} comment(s) not indexed as they are stored ({sample})"
        found.findings.append(
            Finding("comment index", LOCATOR.path, None, message, "rebuild", key(LOCATOR))
        )


def recorded_own(load: Load) -> OwnPeople:
    """The own people the index's readers' counts were made with (`Store.recount`)."""
    try:
        info = load(META_FILE).good(META.name).get("store")
    except StoreError:
        return NOBODY
    return OwnPeople.from_doc(info.get("own") if isinstance(info, dict) else None)


def meta_problem(load: Load) -> str | None:
    """Why meta.json cannot describe the store, or None."""
    try:
        data = load(META_FILE)
    except StoreError as exc:
        return str(exc)
    if not data.exists:
        return f"{META_FILE} is missing"
    info = data.good(META.name).get("store")
    if not isinstance(info, dict) or not isinstance(info.get("schema"), int):
        return f"{META_FILE} does not describe a reeltui store"
    return None
