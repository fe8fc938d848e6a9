"""The list after a change of some posts' comments (a reply, a moderation, a comment edited):
those posts' rows drawn again and the status line counted again (in a worker), without
finding the list's rows again.

The list's rows are the blog's own row objects (services/rows.py `RowSet`): a saved comment
gives its post's row a new summary in place, so the list holds the new figures already; they
need drawing (the list draws a row again when its summary changed) and the read mark of the
post worked out again (new comments). Finding the rows again built an item for every post
of the list (50,000 at the largest archive) in a worker whose allocations set the
collector's full passes going, which froze the screen too.

When a comment change can change which posts are shown or their order (the list sorted by
comments; a search, whose query may ask for `comments:` or `has:pending`), or a comment went
(its post is not known any more), the list is loaded again (`update_rows` says False).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reeltui.errors import ReelError
from reeltui.services.events import Change
from reeltui.ui.screens.main_list import answer

if TYPE_CHECKING:
    from reeltui.ui.screens.main_list import Listing

ROW_KINDS = ("comment", "outbox")  # changes that leave the list's posts and order as they were


def update_rows(listing: Listing, changes: list[Change]) -> bool:
    """Draw the rows `changes` touched again; False when the list must be loaded again."""
    if listing.sort == "comments" or listing.search:
        return False
    if any(c.kind not in ROW_KINDS for c in changes):
        return False
    posts = set()
    for change in changes:
        for comment_id in change.ids if change.kind == "comment" else ():
            try:
                posts.add(listing.blog.comment(comment_id).post_id)
            except ReelError:  # gone: which post it was on is not known any more
                return False
    if posts:  # their marks (new comments) and rows drawn again, the others' left alone
        listing.refresh_marks(posts)  # (the whole list drawn again was half a frame's paint)
    else:
        listing.screen.post_list.refresh()  # (an outbox entry alone: every row, as before)
    screen = listing.screen
    screen.run_worker(lambda: _count(listing), thread=True, exclusive=True, group="counts")
    return True


def _count(listing: Listing) -> None:
    """In a worker: the status line's counts (every post's figures summed)."""
    try:
        counts = listing.blog.counts()
    except ReelError:  # the store cannot be read: said by the load that meets it
        return
    answer(listing.screen.app, listing.counted, counts)
