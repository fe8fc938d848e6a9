"""`reeltui check`: the posts index against the posts' files, one finding per problem.

A post the index does not list is named once: by the refusal of its row (the gate's finding),
by its index file when that file is missing or cannot be read (one finding for the file,
counting the posts the list leaves out), or else on its own ("is not in the posts index").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from reeltui.domain.listing import from_row
from reeltui.domain.plural import count
from reeltui.store.findings import Finding, Scan, fields_named, key
from reeltui.store.layout import POST, POSTS_INDEX, index_file, month_of

UNLISTED = "the list does not show it"
PAGE = "the posts index file"
Rows = dict[str, list[tuple[str, dict[str, object]]]]  # post id -> [(file, row)]


def check_index(
    found: Scan,
    posts: dict[str, str],
    rows: Rows,
    expected: dict[str, dict[str, object]],
    invalid: dict[str, tuple[str, tuple[str, ...]]],
    refused_comments: set[str],
    pages: set[str],
    refused_rows: set[str],
) -> None:
    """The index against the posts (a post with a refused comment is not compared: its
    counts leave that comment out until the comment is repaired). `pages`: the index files
    there are (readable or not); `refused_rows`: posts whose index row the gate refused."""
    _slugs(found, posts, expected)
    unlisted: dict[str, list[str]] = {}  # index file -> posts it should list and does not
    for post_id, row in sorted(expected.items()):
        held = rows.get(post_id, [])
        if not held:
            if post_id not in refused_rows:  # the refusal's finding says it
                where = index_file(month_of(str(row.get("date", ""))))
                unlisted.setdefault(where, []).append(post_id)
        elif len(held) > 1:
            message = f"is in the posts index {len(held)} times"
            found.findings.append(
                Finding("posts index", held[0][0], post_id, message, "rebuild", key(POSTS_INDEX))
            )
        elif posts[post_id] in refused_comments:
            continue
        elif from_row(post_id, held[0][1]).key() != from_row(post_id, row).key():
            message = "the list's summary differs from the post (index out of date)"
            found.findings.append(
                Finding("posts index", held[0][0], post_id, message, "rebuild", key(POSTS_INDEX))
            )
    _unlisted(found, unlisted, pages)
    for post_id, held in sorted(rows.items()):
        if post_id in invalid:  # in the store, but refused by the gate: say that
            where, bad = invalid[post_id]
            message = f"lists a post whose record in {where} is invalid ({fields_named(bad)})"
            found.findings.append(
                Finding("posts index", held[0][0], post_id, message, "rebuild", key(POSTS_INDEX))
            )
        elif post_id not in expected:
            message = "lists a post that is not in the store"
            found.findings.append(
                Finding("posts index", held[0][0], post_id, message, "rebuild", key(POSTS_INDEX))
            )


def _slugs(found: Scan, posts: dict[str, str], expected: dict[str, dict[str, object]]) -> None:
    slugs = Counter(str(row.get("slug", "")) for row in expected.values())
    for slug, many in sorted(slugs.items()):
        if many > 1:
            users = sorted(p for p, r in expected.items() if r.get("slug") == slug)
            message = f"duplicate slug {slug!r} used by {many} posts ({', '.join(users[:4])})"
            found.findings.append(
                Finding("posts", posts[users[0]], users[0], message, "none", key(POST))
            )
    for post_id, row in sorted(expected.items()):
        if not row.get("slug"):
            found.findings.append(
                Finding("posts", posts[post_id], post_id, "has no slug", "none", key(POST))
            )


def _unlisted(found: Scan, unlisted: dict[str, list[str]], pages: set[str]) -> None:
    """Posts the index leaves out: one finding for a file that is missing or unreadable (its
    own finding says why, and now how many posts the list leaves out), else one a post."""
    by_file = {f.file: i for i, f in enumerate(found.findings) if f.record is None}
    for where, post_ids in sorted(unlisted.items()):
        left_out = _posts_named(post_ids)
        if where in by_file:  # unreadable: its finding is the one problem
            i = by_file[where]
            found.findings[i] = replace(
                found.findings[i],
                message=f"{found.findings[i].message} (the list does not show {left_out})",
            )
        elif where not in pages:
            message = f"is missing, so the list does not show {left_out}"
            found.findings.append(
                Finding("posts index", where, None, message, "rebuild", key(POSTS_INDEX), what=PAGE)
            )
        else:
            for post_id in post_ids:
                message = f"is not in the posts index ({UNLISTED})"
                found.findings.append(
                    Finding("posts index", where, post_id, message, "rebuild", key(POSTS_INDEX))
                )


def _posts_named(post_ids: list[str]) -> str:
    """`post 'p-1'`, or `3 posts ('p-1', 'p-2', 'p-3')`, or `12 posts ('p-1', ... and 9 more)`."""
    if len(post_ids) == 1:
        return f"post {post_ids[0]!r}"
    shown = ", ".join(repr(p) for p in post_ids[:3])
    more = f" and {len(post_ids) - 3} more" if len(post_ids) > 3 else ""
    return f"{count(len(post_ids), 'post')} ({shown}{more})"
