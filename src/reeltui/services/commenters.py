"""The names a search of comments completes `author:` with: the people whose comments such a
search finds (readers and the blog's own people), most comments first. Spam, comments in
the trash, pingbacks and trackbacks are left out: `in:comments` hides the first two unless
a status is named, and the others carry a site's name, not a person's."""

from __future__ import annotations

from collections import Counter

from reeltui.domain.query import fold
from reeltui.services.blog import Blog
from reeltui.services.query import _HIDDEN as HIDDEN  # (what find_comments hides)


def comment_vocabulary(blog: Blog) -> dict[str, tuple[str, ...]]:
    """{"author": commenters' names, most comments first} (reads every comment's stored
    document once: the comment search keeps them, `search_index().comment_docs()`); a tuple,
    kept by the search box, out of the collector's walks."""
    counts: Counter[str] = Counter()
    for doc in blog.search_index().comment_docs().values():
        name = doc.get("author")
        if not isinstance(name, str) or not name.strip():
            continue
        if doc.get("status") in HIDDEN or doc.get("kind", "comment") != "comment":
            continue
        counts[name] += 1
    return {
        "author": tuple(n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], fold(kv[0]))))
    }
