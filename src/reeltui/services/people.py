"""The blog's own people, for telling readers' comments apart (`domain.readers`): the authors
of its posts, plus whoever else signs as the blog — the writer's identity and the settings'
`authors`, which the app and the CLI give the Blog (`Blog.signers`) — plus any names a
command adds (`reeltui stats --author`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reeltui.domain.readers import OwnPeople, is_readers_comment

if TYPE_CHECKING:
    from reeltui.domain.identity import Identity
    from reeltui.domain.listing import Listed
    from reeltui.domain.models import Comment
    from reeltui.services.blog import Blog


def of_posts(posts: Iterable[Listed], signers: OwnPeople, extra: Iterable[str] = ()) -> OwnPeople:
    return signers.with_names([*(p.author for p in posts), *extra])


def own_people(blog: Blog, extra: Iterable[str] = (), writer: Identity | None = None) -> OwnPeople:
    """Everyone who signs as the blog (see the module's docstring), `writer` too."""
    signers = blog.signers()
    if writer is not None:
        signers = signers.union(OwnPeople.of(writer=writer))
    return of_posts(blog.posts(), signers, extra)


def thread_counts(blog: Blog, thread: Iterable[tuple[Comment, int]]) -> tuple[int, int]:
    """(readers' comments, comments waiting for moderation) of a post's thread: what the
    post list shows for it, for the reader's header and `reeltui show`."""
    own = own_people(blog)
    readers = pending = 0
    for comment, _ in thread:
        readers += is_readers_comment(comment, own)
        pending += comment.status == "pending"
    return readers, pending


def readers_count(blog: Blog, post_id: str, own: OwnPeople | None = None) -> int:
    """The post's readers' comments: the number the post list shows for it."""
    own = own_people(blog) if own is None else own
    if own == blog.counted_with():  # the index counted them so: no need to read the post
        return blog.summary(post_id).readers
    return sum(1 for c in blog.comments(post_id) if is_readers_comment(c, own))
