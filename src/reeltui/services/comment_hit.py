"""What a comment search shows of each comment found: the comment, its post and a one-line
snippet around the first matched word (services.query.find_comments finds them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reeltui.domain.models import Comment, Post
from reeltui.domain.query import fold
from reeltui.domain.text import inline_plain
from reeltui.services.blog import Blog
from reeltui.store import NotFound, StoreCorrupt

__all__ = ["CONTEXT", "SNIPPET", "CommentHit", "comment_hits", "snippet"]

SNIPPET = 90  # characters of a comment shown around the first matched word
CONTEXT = 16  # of them before it (a narrow list shows the start of the snippet)


@dataclass(frozen=True, slots=True)
class CommentHit:
    comment: Comment
    post: Post
    snippet: str  # the comment's text around the first matched word, on one line
    words: tuple[str, ...]  # the words and phrases of the query that are in it (folded)


def _comment(blog: Blog, cid: str, post_id: object) -> Comment:
    """The comment `cid`, read from the file of its post `post_id` (from its stored
    document: no look-up in the comment index's files) when it is there."""
    if isinstance(post_id, str) and post_id:
        found = blog.opened.get(post_id).comments.get(cid)
        if found is not None:
            return found
    return blog.comment(cid)


def comment_hits(
    blog: Blog, ids: list[str], words: list[str], docs: Mapping[str, Mapping[str, Any]]
) -> list[CommentHit]:
    found = []
    for cid in ids:
        comment = _comment(blog, cid, (docs.get(cid) or {}).get("post_id"))
        try:
            post = blog.post(comment.post_id)
        except NotFound:  # a comment left by a deleted post: nothing to open
            continue
        except StoreCorrupt:  # its post's record refused: skipped, said (`Blog.damage`)
            continue
        text = f"{comment.author}\x00{comment.body}"
        present = tuple(w for w in words if w in fold(text))
        shown = snippet(inline_plain(comment.body), present)  # ("*Wolf*" shown as "Wolf")
        found.append(CommentHit(comment, post, shown, present))
    return found


def snippet(text: str, words: tuple[str, ...] | list[str], width: int = SNIPPET) -> str:
    """`text` on one line, cut to `width` characters around the first of `words` in it."""
    flat = " ".join(text.split())
    first = None
    for word in words:
        match = re.search(re.escape(" ".join(word.split())), flat, re.IGNORECASE)
        if match and (first is None or match.start() < first):
            first = match.start()
    if len(flat) <= width:
        return flat
    start = 0 if first is None else max(0, first - CONTEXT)
    cut = flat[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(flat) else "")
